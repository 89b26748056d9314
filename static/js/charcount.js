// A live character count under every field with data-maxlength (rsi_portal.fields.CountedTextField).
// The field has no maxlength attribute on purpose: the browser would cut a long paste without a word.
// Here the count warns from 90 % of the limit, and the server refuses a longer text with the text kept.
(function () {
  "use strict";

  var WARN_AT = 0.9;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : match;
    });
  }

  function setUp(field) {
    var max = parseInt(field.getAttribute("data-maxlength"), 10);
    if (!max || !field.id) {
      return;
    }
    var lang = document.documentElement.lang || "da";
    var counter = document.createElement("p");
    counter.id = field.id + "-count";
    // Announced only when the state changes (near or over the limit), not on every key.
    var announcer = document.createElement("p");
    announcer.className = "visually-hidden";
    announcer.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", announcer);
    field.insertAdjacentElement("afterend", counter);
    var describedBy = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (describedBy ? describedBy + " " : "") + counter.id);

    var shown = "ok";
    function update() {
      var count = Array.from(field.value).length; // characters, as Python counts them
      var state = count > max ? "over" : count >= max * WARN_AT ? "warn" : "ok";
      counter.textContent = fill(field.getAttribute("data-count-" + state) || "{count} / {max}", {
        count: count.toLocaleString(lang),
        max: max.toLocaleString(lang),
        over: (count - max).toLocaleString(lang),
      });
      counter.className = "charcount charcount-" + state;
      if (state !== shown) {
        announcer.textContent = state === "ok" ? "" : counter.textContent;
        shown = state;
      }
    }

    field.addEventListener("input", update);
    update();
  }

  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-maxlength]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
