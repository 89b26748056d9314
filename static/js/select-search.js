// A search box for a long <select data-searchable> (e.g. "Fremlægges af", about 170 people): typing hides the
// options that do not match, so the list can be searched; the select stays the form's one control, and
// without JavaScript it works as before. A static file: the Content-Security-Policy allows no inline script.
document.addEventListener("DOMContentLoaded", function () {
  var selects = document.querySelectorAll("select[data-searchable]");
  Array.prototype.forEach.call(selects, function (select) {
    var options = Array.prototype.filter.call(select.options, function (option) { return option.value; });
    var box = document.createElement("div");
    box.className = "select-search";
    var label = document.createElement("label");
    label.htmlFor = select.id + "-search";
    label.textContent = select.getAttribute("data-search-label") || "Søg";
    var input = document.createElement("input");
    input.type = "search";
    input.id = select.id + "-search";
    input.autocomplete = "off";
    input.setAttribute("aria-controls", select.id);
    var result = document.createElement("p");
    result.className = "hint";
    result.id = select.id + "-search-result";
    result.setAttribute("aria-live", "polite");
    input.setAttribute("aria-describedby", result.id);
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(result);
    select.parentNode.insertBefore(box, select.nextSibling);

    input.addEventListener("input", function () {
      var words = input.value.trim().toLowerCase();
      var shown = 0;
      options.forEach(function (option) {
        var match = !words || option.selected || option.text.toLowerCase().indexOf(words) !== -1;
        option.hidden = !match;
        if (match) {
          shown += 1;
        }
      });
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        group.hidden = !Array.prototype.some.call(group.children, function (option) { return !option.hidden; });
      });
      var template = select.getAttribute("data-search-result") || "{shown} / {total}";
      result.textContent = words ? template.replace("{shown}", shown).replace("{total}", options.length) : "";
    });
  });
});
