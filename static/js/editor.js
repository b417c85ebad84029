// The section editor: add, remove and reorder rules, and a live preview from the server.
(function () {
  "use strict";
  var form = document.getElementById("section-editor");
  if (!form) { return; }
  var list = document.getElementById("rule-forms");
  var template = document.getElementById("rule-form-template");
  var total = form.querySelector("input[name$='-TOTAL_FORMS']");
  var previewBody = document.getElementById("preview-body");
  var previewStatus = document.getElementById("preview-status");
  var timer = null;

  function ruleForms() { return Array.prototype.slice.call(list.querySelectorAll("[data-rule-form]")); }

  function renumber() {
    ruleForms().forEach(function (item, index) {
      var order = item.querySelector("input[name$='-ORDER']");
      if (order) { order.value = index + 1; }
    });
  }

  function markRemoved(item) {
    var box = item.querySelector("input[name$='-DELETE']");
    item.classList.toggle("is-removed", !!(box && box.checked));
  }

  document.getElementById("add-rule").addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var item = holder.firstElementChild;
    list.appendChild(item);
    total.value = String(index + 1);
    renumber();
    var statement = item.querySelector("textarea[name$='-statement']");
    if (statement) { statement.focus(); }
    schedule();
  });

  list.addEventListener("click", function (event) {
    var button = event.target.closest("[data-move]");
    if (!button) { return; }
    var item = button.closest("[data-rule-form]");
    if (button.getAttribute("data-move") === "up" && item.previousElementSibling) {
      list.insertBefore(item, item.previousElementSibling);
    } else if (button.getAttribute("data-move") === "down" && item.nextElementSibling) {
      list.insertBefore(item.nextElementSibling, item);
    }
    renumber();
    button.focus();
    schedule();
  });

  list.addEventListener("change", function (event) {
    if (event.target.name && /-DELETE$/.test(event.target.name)) {
      markRemoved(event.target.closest("[data-rule-form]"));
    }
    schedule();
  });
  form.addEventListener("input", schedule);

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 350);
  }

  function refresh() {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("body", form.querySelector("[name=body]").value);
    var items = ruleForms();
    items.forEach(function (item) {
      data.append("statement", item.querySelector("[name$='-statement']").value);
      data.append("modality", item.querySelector("[name$='-modality']").value);
    });
    previewStatus.textContent = "Updating preview…";
    fetch(form.getAttribute("data-preview-url"), { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.json().then(function (json) { return [response.ok, json]; }); })
      .then(function (result) {
        var ok = result[0], json = result[1];
        if (!ok) { previewStatus.textContent = json.error || "The preview could not be updated."; return; }
        // The server's pipeline sanitised this HTML; it is the same HTML the page will show.
        previewBody.innerHTML = json.html;
        items.forEach(function (item, index) { showRule(item, json.rules[index]); });
        previewStatus.textContent = "Preview up to date.";
      })
      .catch(function () { previewStatus.textContent = "The preview could not be updated."; });
  }

  function showRule(item, info) {
    if (!info) { return; }
    ["policy", "guideline"].forEach(function (tone) {
      var own = item.querySelector("[name$='-" + tone + "_text']");
      var auto = item.querySelector("[data-auto='" + tone + "']");
      auto.querySelector("[data-auto-text]").textContent = info[tone];
      auto.hidden = !!(own && own.value.trim());
      if (own) { own.placeholder = info[tone]; }
    });
    var lint = item.querySelector("[data-lint]");
    var words = info.lint_guideline;
    if (words && words.length) {
      lint.hidden = false;
      lint.textContent = "In guideline tone the statement reads as prohibitive (" + words.join(", ") + "); the automatic guideline phrasing avoids it.";
    } else {
      lint.hidden = true;
    }
    var modality = item.querySelector("[name$='-modality']");
    var statement = item.querySelector("[name$='-statement']");
    if (statement && !statement.dataset.touched && statement.value && modality && !item.querySelector("[name$='-id']").value && document.activeElement === statement) {
      modality.value = info.classified;
    }
  }

  ruleForms().forEach(markRemoved);
  renumber();
  refresh();
})();
