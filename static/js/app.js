// Behaviour every page shares. Static, not inline: the Content-Security-Policy
// forbids inline scripts and on* handler attributes (config/settings.py).
(function () {
  function ready(run) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  }
  ready(function () {
    // A select that submits its form when changed (the language menu).
    document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
    // A button that prints the page (the suspension notice).
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    // A refused form: focus moves to the summary of what to fix.
    var errors = document.getElementById("form-errors");
    if (errors) errors.focus();
  });
})();
