// Draw a redaction box on the page image: the corners go into the form's fields (page points or
// image pixels, as the SVG's viewBox), which also work typed by hand when JavaScript is off.
(function () {
  var svg = document.querySelector("svg.page-canvas.drawable");
  if (!svg || !svg.getScreenCTM) { return; }
  var ns = "http://www.w3.org/2000/svg";
  var width = parseFloat(svg.dataset.width), height = parseFloat(svg.dataset.height);
  var fields = ["x0", "y0", "x1", "y1"].map(function (n) { return document.getElementById("box-" + n); });
  var start = null, draft = null;

  function point(event) {
    var p = svg.createSVGPoint();
    p.x = event.clientX; p.y = event.clientY;
    p = p.matrixTransform(svg.getScreenCTM().inverse());
    return { x: Math.min(Math.max(p.x, 0), width), y: Math.min(Math.max(p.y, 0), height) };
  }

  function place(a, b) {
    var x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
    draft.setAttribute("x", x); draft.setAttribute("y", y);
    draft.setAttribute("width", Math.abs(a.x - b.x)); draft.setAttribute("height", Math.abs(a.y - b.y));
    return [x, y, Math.max(a.x, b.x), Math.max(a.y, b.y)];
  }

  svg.addEventListener("pointerdown", function (event) {
    event.preventDefault();
    svg.setPointerCapture(event.pointerId);
    start = point(event);
    if (!draft) { draft = document.createElementNS(ns, "rect"); draft.setAttribute("class", "box draft"); svg.appendChild(draft); }
    place(start, start);
  });
  svg.addEventListener("pointermove", function (event) { if (start) { place(start, point(event)); } });
  svg.addEventListener("pointerup", function (event) {
    if (!start) { return; }
    var corners = place(start, point(event));
    start = null;
    fields.forEach(function (input, i) { if (input) { input.value = corners[i].toFixed(1); } });
    var ground = document.getElementById("box-ground");
    if (ground) { ground.focus(); }
  });
})();
