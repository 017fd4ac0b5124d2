// Insert the chosen text module into the answer at the cursor, without a round trip.
// Without JavaScript the "Insert" button posts the form and the server appends the paragraph.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-insert-module]");
  if (!button || !button.form) { return; }
  var form = button.form;
  var picker = form.querySelector(".module-picker select");
  var text = form.querySelector("textarea[name$='-text']");
  var option = picker && picker.options[picker.selectedIndex];
  if (!text || !option || !option.dataset.body) { return; }
  event.preventDefault();
  var body = option.dataset.body;
  var start = text.selectionStart, end = text.selectionEnd, value = text.value;
  var before = value.slice(0, start), after = value.slice(end);
  var gap = before && !/\n\n$/.test(before) ? (/\n$/.test(before) ? "\n" : "\n\n") : "";
  text.value = before + gap + body + after;
  var caret = (before + gap + body).length;
  text.focus();
  text.setSelectionRange(caret, caret);
  picker.selectedIndex = 0;
});
