// The student combobox of templates/discipline/includes/student_picker.html
// (ARIA 1.2 combobox over the JSON search). A static file, not an inline
// script, so the Content-Security-Policy can forbid inline scripts.
document.querySelectorAll(".student-picker").forEach(function (picker) {
  const input = picker.querySelector("#student-query");
  const list = picker.querySelector("#student-options");
  const status = picker.querySelector("#student-status");
  const choices = picker.querySelector("#student-choices");
  const multiple = picker.dataset.multiple === "true";
  const name = picker.dataset.name;
  let results = [], active = -1, timer = null, controller = null;

  function label(s) {
    return s.name + " (" + s.student_id + ")" + (s.grade_label ? ", " + picker.dataset.gradeText + " " + s.grade_label : "");
  }
  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }
  function render() {
    list.replaceChildren();
    results.forEach(function (s, i) {
      const li = document.createElement("li");
      li.id = "student-option-" + s.id;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", i === active ? "true" : "false");
      li.textContent = label(s);
      li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(s); });
      list.append(li);
    });
    if (!results.length) { close(); return; }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    if (active >= 0) input.setAttribute("aria-activedescendant", "student-option-" + results[active].id);
    else input.removeAttribute("aria-activedescendant");
  }
  function choose(s) {
    if (!multiple) choices.replaceChildren();
    let box = choices.querySelector("input[value='" + s.id + "']");
    if (!box) {
      const wrap = document.createElement("div");
      wrap.className = "form-check";
      box = document.createElement("input");
      box.className = "form-check-input";
      box.type = multiple ? "checkbox" : "radio";
      box.name = name; box.value = s.id; box.id = "student-" + s.id;
      box.dataset.grade = s.grade === null ? "" : s.grade;
      const lab = document.createElement("label");
      lab.className = "form-check-label"; lab.htmlFor = box.id; lab.textContent = label(s);
      wrap.append(box, lab);
      choices.append(wrap);
    }
    box.checked = true;
    input.value = ""; results = []; active = -1; render();
    status.textContent = picker.dataset.addedText.replace("%s", label(s));
    gradeLimits();
  }
  function gradeLimits() {
    const k3 = Array.from(choices.querySelectorAll("input:checked")).some(function (el) {
      return el.dataset.grade !== "" && Number(el.dataset.grade) <= 3;
    });
    document.querySelectorAll("input[data-grades-4-12]").forEach(function (el) {
      el.disabled = k3; if (k3) el.checked = false;
    });
    const note = document.getElementById("k3-note");
    if (note) note.hidden = !k3;
  }
  async function search() {
    const q = input.value.trim();
    if (q.length < 2) { results = []; render(); return; }
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const response = await fetch(picker.dataset.searchUrl + "?q=" + encodeURIComponent(q),
        { signal: controller.signal, headers: { Accept: "application/json" } });
      if (!response.ok) return;
      results = (await response.json()).results;
      active = -1; render();
      status.textContent = picker.dataset.foundText.replace("%s", results.length);
    } catch (e) { /* aborted by the next keystroke */ }
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 200); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && results.length) { active = (active + 1) % results.length; render(); e.preventDefault(); }
    else if (e.key === "ArrowUp" && results.length) { active = (active - 1 + results.length) % results.length; render(); e.preventDefault(); }
    else if (e.key === "Enter" && results.length) { e.preventDefault(); choose(results[Math.max(active, 0)]); }
    else if (e.key === "Escape") { results = []; close(); }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
  choices.addEventListener("change", gradeLimits);
  // The script is deferred: what was typed before it ran has had no search yet.
  if (input.value.trim().length >= 2) search();
});
