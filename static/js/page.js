// Every page (templates/base.html): small aids for keyboard and screen-reader users.
// The pages work without it; the content security policy allows only files from 'self'.
document.addEventListener("DOMContentLoaded", function () {
  // A form shown again with errors: focus moves to its summary, which lists them in field order.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    if (!summary.hasAttribute("tabindex")) { summary.setAttribute("tabindex", "-1"); }
    summary.focus();
  }
  // A data table wider than the screen scrolls in its own box, which the keyboard can reach.
  document.querySelectorAll("main table:not(.facts):not(.stack):not(.cases)").forEach(function (table) {
    if (table.parentElement.classList.contains("table-scroll")) { return; }
    var box = document.createElement("div");
    box.className = "table-wrap";
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
  });
  document.querySelectorAll(".table-scroll, .table-wrap").forEach(function (box) {
    if (box.scrollWidth <= box.clientWidth || box.hasAttribute("tabindex")) { return; }
    box.setAttribute("tabindex", "0");
    var section = box.closest("section, fieldset");
    var named = section && (section.hasAttribute("aria-labelledby") || section.hasAttribute("aria-label"));
    var heading = section && section.querySelector("h2, h3, legend");
    if (heading && !named) {
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", heading.textContent.trim());
    }
  });
});
