// Starts Det Fælles Designsystem's components (menus, accordions, error summary) from a static file:
// the Content-Security-Policy allows no inline script.
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS) {
    window.DKFDS.init();
  }
  // After a form error, move focus to the error summary so keyboard and screen-reader users land on it.
  var summary = document.querySelector(".error-summary, .alert-error[data-module='error-summary']");
  if (summary) {
    if (!summary.hasAttribute("tabindex")) {
      summary.setAttribute("tabindex", "-1");
    }
    summary.focus();
  }
});
