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
        showPreviewRules(items, json.rules);
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
    // The tone helpers below (modality hint, phrasing states) listen for this.
    item.dispatchEvent(new CustomEvent("candor:rule-preview", { detail: info, bubbles: true }));
  }

  // The preview pane shows the section as a reader will: heading, body, then each kept rule in
  // the chosen tone (the author's phrasing where written, else the engine's).
  var previewPage = document.getElementById("preview-page");
  var previewRules = document.getElementById("preview-rules");
  var previewHeading = document.getElementById("preview-heading");
  var lastPreview = null;
  var MODALITY_LABELS = { must: "MUST", must_not: "MUST NOT", should: "SHOULD", should_not: "SHOULD NOT", may: "MAY" };

  function showPreviewRules(items, infos) {
    lastPreview = [items, infos];
    if (!previewPage) { return; }
    var tone = previewPage.getAttribute("data-tone");
    previewHeading.textContent = form.querySelector("[name=heading]").value;
    previewRules.textContent = "";
    items.forEach(function (item, index) {
      var info = infos[index];
      var removed = item.querySelector("input[name$='-DELETE']");
      var shownIn = item.querySelector("[name$='-visibility']");
      if (!info || (removed && removed.checked)) { return; }
      if (shownIn && shownIn.value !== "both" && shownIn.value !== tone) { return; }
      var own = item.querySelector("[name$='-" + tone + "_text']");
      var modality = item.querySelector("[name$='-modality']").value;
      var li = document.createElement("li");
      li.className = "rule modality-" + modality.replace("_", "-");
      var tag = document.createElement("span");
      tag.className = "modality-tag";
      tag.textContent = MODALITY_LABELS[modality] || modality;
      var text = document.createElement("p");
      text.className = "rule-text";
      text.textContent = (own && own.value.trim()) || info[tone] || "";
      li.appendChild(tag);
      li.appendChild(text);
      previewRules.appendChild(li);
    });
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-preview-tone]");
    if (!button || !previewPage) { return; }
    var tone = button.getAttribute("data-preview-tone");
    previewPage.setAttribute("data-tone", tone);
    previewPage.className = "preview-page tone-" + tone;
    form.querySelectorAll("[data-preview-tone]").forEach(function (other) {
      other.setAttribute("aria-pressed", String(other === button));
    });
    if (lastPreview) { showPreviewRules(lastPreview[0], lastPreview[1]); }
  });

  ruleForms().forEach(markRemoved);
  renumber();
  refresh();
})();

// Tone helpers in the section editor: each phrasing is automatic until the author writes their
// own ("Write my own" starts from the automatic text), and the modality select hints at the
// modality the wording expresses. Without this script both fields simply show.
(function () {
  "use strict";
  var form = document.getElementById("section-editor");
  if (!form) { return; }
  var LABELS = { must: "MUST", must_not: "MUST NOT", should: "SHOULD", should_not: "SHOULD NOT", may: "MAY" };
  form.classList.add("tone-enhanced");

  function field(item, tone) { return item.querySelector("[name$='-" + tone + "_text']"); }

  function showState(box) {
    var own = field(box.closest("[data-rule-form]"), box.getAttribute("data-phrasing"));
    var state = box.querySelector("[data-phrasing-state]");
    var written = !!(own && own.value.trim());
    if (!state) { return; }
    state.textContent = written ? "Your own" : "Automatic";
    state.classList.toggle("is-automatic", !written);
  }

  function setOwn(box, own) {
    box.classList.toggle("is-own", own);
    showState(box);
  }

  form.addEventListener("click", function (event) {
    var write = event.target.closest("[data-write-own]");
    var reset = event.target.closest("[data-use-auto]");
    var useModality = event.target.closest("[data-modality-use]");
    if (write || reset) {
      var box = (write || reset).closest("[data-phrasing]");
      var item = box.closest("[data-rule-form]");
      var own = field(item, box.getAttribute("data-phrasing"));
      if (write) {
        if (!own.value.trim()) {
          var auto = box.querySelector("[data-auto-text]");
          own.value = (auto && auto.textContent.trim()) || own.placeholder || "";
        }
        setOwn(box, true);
        own.focus();
        own.setSelectionRange(own.value.length, own.value.length);
      } else {
        own.value = "";
        setOwn(box, false);
        box.querySelector("[data-write-own]").focus();
      }
      own.dispatchEvent(new Event("input", { bubbles: true }));
    } else if (useModality) {
      var rule = useModality.closest("[data-rule-form]");
      var select = rule.querySelector("[name$='-modality']");
      select.value = useModality.getAttribute("data-value");
      select.dispatchEvent(new Event("change", { bubbles: true }));
      select.focus();
    }
  });

  form.addEventListener("input", function (event) {
    var box = event.target.closest && event.target.closest("[data-phrasing]");
    if (box) { showState(box); }
  });

  form.addEventListener("change", function (event) {
    if (!event.target.name || !/-modality$/.test(event.target.name)) { return; }
    // The author chose a modality: stop pre-filling it from the wording.
    var statement = event.target.closest("[data-rule-form]").querySelector("[name$='-statement']");
    if (statement) { statement.dataset.touched = "1"; }
  });

  form.addEventListener("candor:rule-preview", function (event) {
    var item = event.target;
    var info = event.detail || {};
    var select = item.querySelector("[name$='-modality']");
    var hint = item.querySelector("[data-modality-hint]");
    if (hint && select && info.classified) {
      // Only wording that says its modality outright ("must", "should", "never") earns a hint;
      // a plain imperative leaves the choice to the author.
      var explicit = (info.lint_guideline || []).length || (info.lint_policy || []).length;
      var differs = info.classified !== select.value && !!item.querySelector("[name$='-statement']").value.trim();
      hint.hidden = !(differs && explicit);
      hint.querySelector("[data-modality-hint-label]").textContent = LABELS[info.classified] || info.classified;
      hint.querySelector("[data-modality-use]").setAttribute("data-value", info.classified);
    }
    Array.prototype.forEach.call(item.querySelectorAll("[data-phrasing]"), showState);
    // The statement's own wording does not matter once each tone has its phrasing: what the
    // reader sees is checked instead (below), so the statement notice is set aside.
    var notice = item.querySelector("[data-lint]");
    if (notice) { notice.hidden = true; }
    info.item = item;
    pending.push(info);
    window.clearTimeout(lintTimer);
    lintTimer = window.setTimeout(lintShown, 50);
  });

  var pending = [];
  var lintTimer = null;
  var TONE_WORDS = { policy: "reads as advisory", guideline: "reads as prohibitive" };

  function shownText(item, info, tone) {
    var own = field(item, tone);
    return (own && own.value.trim()) || info[tone] || "";
  }

  // One request for every rule the preview just refreshed: which shown phrasing fights its tone.
  function lintShown() {
    var batch = pending.filter(function (info) { return document.body.contains(info.item); });
    pending = [];
    if (!batch.length) { return; }
    var url = batch[0].item.getAttribute("data-tone-lint-url");
    if (!url) { return; }
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    batch.forEach(function (info) {
      ["policy", "guideline"].forEach(function (tone) {
        data.append("text", shownText(info.item, info, tone));
        data.append("tone", tone);
      });
    });
    fetch(url, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (json) {
        if (!json) { return; }
        batch.forEach(function (info, index) {
          var notes = [];
          ["policy", "guideline"].forEach(function (tone, offset) {
            var words = json.results[index * 2 + offset] || [];
            if (!words.length) { return; }
            var own = field(info.item, tone);
            var whose = own && own.value.trim() ? "Your " + tone + " phrasing" : "The automatic " + tone + " phrasing";
            notes.push(whose + " " + TONE_WORDS[tone] + " (" + words.join(", ") + ").");
          });
          var notice = info.item.querySelector("[data-lint]");
          if (!notice) { return; }
          notice.textContent = notes.join(" ");
          notice.hidden = !notes.length;
        });
      })
      .catch(function () { /* the tone check page lists the same findings */ });
  }
})();
