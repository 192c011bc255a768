// The publish button: disabled once pressed, with a status line.
(function () {
  var form = document.getElementById("publish-form");
  if (!form) return;
  form.addEventListener("submit", function () {
    document.getElementById("publish-button").disabled = true;
    document.getElementById("publish-status").textContent = form.dataset.startingText;
  });
})();
