// The print view's button: a file, not inline script (the pages' CSP allows only 'self').
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("print-now");
  if (button) { button.addEventListener("click", function () { window.print(); }); }
});
