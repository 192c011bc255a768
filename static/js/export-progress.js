// Follows a running export: polls its status and moves the progress bar; reloads
// the page (which then offers the file, or says why it failed) when it is over.
(function () {
  var box = document.getElementById("export-progress");
  if (!box) return;
  var bar = document.getElementById("export-progress-bar");
  var label = document.getElementById("export-progress-label");
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.status !== "queued" && data.status !== "running") {
          window.location.reload();
          return;
        }
        if (data.status === "running") {
          bar.max = data.total || 1;
          bar.value = data.done;
          label.textContent = box.dataset.labelRows
            .replace("{done}", data.done).replace("{total}", data.total);
        }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 500);
})();
