// The portal's own behaviour on every page (a static file: the Content-Security-Policy allows no inline script).
//
// A table wider than the screen (a phone, a zoomed window) scrolls inside its own box instead of widening the
// page. Templates wrap wide tables in .table-wrap themselves; this wraps the others, and makes a box that
// does scroll reachable and scrollable from the keyboard (a named region with tabindex="0").
(function () {
  function wrapTables() {
    var main = document.getElementById("main");
    if (!main) {
      return [];
    }
    var label = main.getAttribute("data-table-label") || "";
    Array.prototype.forEach.call(main.querySelectorAll("table"), function (table) {
      if (table.closest(".table-wrap")) {
        return;
      }
      var wrap = document.createElement("div");
      wrap.className = "table-wrap";
      wrap.setAttribute("data-label", label);
      table.parentNode.insertBefore(wrap, table);
      wrap.appendChild(table);
    });
    return Array.prototype.slice.call(main.querySelectorAll(".table-wrap[data-label]"));
  }

  function markScrolling(wraps) {
    wraps.forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", wrap.getAttribute("data-label"));
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var wraps = wrapTables();
    markScrolling(wraps);
    window.addEventListener("resize", function () {
      markScrolling(wraps);
    });
  });
})();
