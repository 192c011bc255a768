// Print buttons: <button data-print> prints the page (no inline handlers, CSP).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
