// Follows a running import: polls its status and moves the progress bar; reloads
// the page (which then shows the report) when the run has finished.
(function () {
  var box = document.getElementById("import-progress");
  if (!box) return;
  var bar = document.getElementById("import-progress-bar");
  var label = document.getElementById("import-progress-label");
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.status === "done" || data.status === "failed") {
          window.location.reload();
          return;
        }
        if (data.total) {
          bar.max = data.total;
          bar.value = data.done;
          label.textContent = data.phase === "judge"
            ? "Judging every row by the rules"
            : "Reading rows: " + data.done + " of " + data.total;
        }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 500);
})();
