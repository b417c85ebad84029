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
    var modality = item.querySelector("[name$='-modality']");
    var statement = item.querySelector("[name$='-statement']");
    if (statement && !statement.dataset.touched && statement.value && modality && !item.querySelector("[name$='-id']").value && document.activeElement === statement) {
      modality.value = info.classified;
    }
    // The voice helpers below (strength, contract findings, modality hint) listen for this.
    item.dispatchEvent(new CustomEvent("candor:rule-preview", { detail: info, bubbles: true }));
  }

  // The preview pane shows the section as a reader will: heading, body, then each kept rule in
  // the chosen tone (the author's phrasing where written, else the engine's).
  var previewPage = document.getElementById("preview-page");
  var previewRules = document.getElementById("preview-rules");
  var previewHeading = document.getElementById("preview-heading");
  var lastPreview = null;
  var MODALITY_LABELS = { must: "MUST", must_not: "MUST NOT", should: "SHOULD", should_not: "SHOULD NOT", may: "MAY" };
  var strengthsNode = document.getElementById("modality-strengths");
  var STRENGTHS = strengthsNode ? JSON.parse(strengthsNode.textContent) : {};

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
      // As the reading page shows it: the strength in plain words beside the phrasing.
      var li = document.createElement("li");
      li.className = "rule has-strength modality-" + modality.replace("_", "-");
      var column = document.createElement("p");
      column.className = "rule-strength";
      var words = STRENGTHS[modality] || "";
      if (words) {
        var strength = document.createElement("span");
        strength.className = "strength strength-" + words.toLowerCase().replace(/ /g, "-");
        strength.textContent = words;
        column.appendChild(strength);
      }
      var tag = document.createElement("span");
      tag.className = "modality-tag";
      tag.textContent = MODALITY_LABELS[modality] || modality;
      column.appendChild(tag);
      var body = document.createElement("div");
      body.className = "rule-body";
      var text = document.createElement("p");
      text.className = "rule-text";
      text.textContent = (own && own.value.trim()) || info[tone] || "";
      body.appendChild(text);
      li.appendChild(column);
      li.appendChild(body);
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

// Voice helpers in the section editor: each phrasing is automatic until the author writes their
// own ("Write my own" starts from the automatic text); each shows the rule's strength in plain
// words and what breaks the rendering contract, as a save would store it (the voice check's
// findings, asked of the server), with the one-click fix that keeps the strength. Without this
// script the page shows the findings of the last save.
(function () {
  "use strict";
  var form = document.getElementById("section-editor");
  if (!form) { return; }
  var LABELS = { must: "MUST", must_not: "MUST NOT", should: "SHOULD", should_not: "SHOULD NOT", may: "MAY" };
  var strengthsNode = document.getElementById("modality-strengths");
  var STRENGTHS = strengthsNode ? JSON.parse(strengthsNode.textContent) : {};
  var NEEDS = "needs your phrasing: ";
  form.classList.add("tone-enhanced");

  function field(item, tone) { return item.querySelector("[name$='-" + tone + "_text']"); }
  function rules() { return Array.prototype.slice.call(form.querySelectorAll("#rule-forms [data-rule-form]")); }

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

  function showStrength(item) {
    var select = item.querySelector("[name$='-modality']");
    var words = select ? STRENGTHS[select.value] || "" : "";
    Array.prototype.forEach.call(item.querySelectorAll("[data-phrasing-strength]"), function (badge) {
      badge.querySelector("[data-strength-words]").textContent = words;
      badge.hidden = !words;
    });
  }

  function useFix(box) {
    var item = box.closest("[data-rule-form]");
    var own = field(item, box.getAttribute("data-phrasing"));
    var fix = box.querySelector("[data-fix-text]").textContent;
    var auto = box.querySelector("[data-auto-text]");
    var automatic = auto && auto.textContent.trim() === fix.trim();
    // The engine's phrasing is the fix: follow the statement again rather than copy it.
    own.value = automatic ? "" : fix;
    setOwn(box, !automatic);
    (automatic ? box.querySelector("[data-write-own]") : own).focus();
    own.dispatchEvent(new Event("input", { bubbles: true }));
  }

  form.addEventListener("click", function (event) {
    var write = event.target.closest("[data-write-own]");
    var reset = event.target.closest("[data-use-auto]");
    var fix = event.target.closest("[data-apply-fix]");
    var useModality = event.target.closest("[data-modality-use]");
    if (fix) {
      useFix(fix.closest("[data-phrasing]"));
    } else if (write || reset) {
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
    var item = event.target.closest("[data-rule-form]");
    showStrength(item);
    // The author chose a modality: stop pre-filling it from the wording.
    var statement = item.querySelector("[name$='-statement']");
    if (statement) { statement.dataset.touched = "1"; }
  });

  form.addEventListener("candor:rule-preview", function (event) {
    var item = event.target;
    var info = event.detail || {};
    var select = item.querySelector("[name$='-modality']");
    var hint = item.querySelector("[data-modality-hint]");
    if (hint && select && info.classified) {
      // Only wording that states its strength outright ("must", "should", "never") earns a
      // hint; a plain imperative leaves the choice to the author.
      var differs = info.classified !== select.value && !!item.querySelector("[name$='-statement']").value.trim();
      hint.hidden = !(differs && info.explicit);
      hint.querySelector("[data-modality-hint-label]").textContent = LABELS[info.classified] || info.classified;
      hint.querySelector("[data-modality-use]").setAttribute("data-value", info.classified);
    }
    showStrength(item);
    Array.prototype.forEach.call(item.querySelectorAll("[data-phrasing]"), showState);
    var notice = item.querySelector("[data-lint]");
    if (notice) { notice.hidden = true; }
    window.clearTimeout(lintTimer);
    lintTimer = window.setTimeout(check, 30);
  });

  var lintTimer = null;
  var asked = 0;

  function showFindings(item, result) {
    ["policy", "guideline"].forEach(function (tone) {
      var box = item.querySelector("[data-phrasing='" + tone + "']");
      if (!box) { return; }
      var own = field(item, tone);
      var found = result ? result[tone] || [] : [];
      var needs = found.filter(function (f) { return f.code === "unrendered"; })[0];
      var breaks = found.filter(function (f) { return f.code !== "unrendered"; });
      var needsNode = box.querySelector("[data-needs]");
      if (needsNode) {
        var reason = needs ? needs.message : "";
        if (reason.toLowerCase().indexOf(NEEDS) === 0) { reason = reason.slice(NEEDS.length); }
        needsNode.querySelector("[data-needs-reason]").textContent = reason.charAt(0).toUpperCase() + reason.slice(1);
        needsNode.hidden = !needs || !!(own && own.value.trim());
      }
      var breaksNode = box.querySelector("[data-breaks]");
      var list = breaksNode.querySelector("ul");
      list.textContent = "";
      breaks.forEach(function (f) {
        var li = document.createElement("li");
        li.className = "break-" + f.code;
        li.textContent = f.message;
        list.appendChild(li);
      });
      breaksNode.hidden = !breaks.length;
      box.classList.toggle("has-break", !!breaks.length);
      var fix = breaks.map(function (f) { return f.fix; }).filter(Boolean)[0] || "";
      var fixNode = breaksNode.querySelector("[data-fix]");
      fixNode.querySelector("[data-fix-text]").textContent = fix;
      fixNode.hidden = !fix;
    });
  }

  // One request for every rule: the findings a save would store, for what readers would see.
  function check() {
    var items = rules();
    if (!items.length) { return; }
    var url = items[0].getAttribute("data-tone-lint-url");
    if (!url) { return; }
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    items.forEach(function (item) {
      data.append("statement", item.querySelector("[name$='-statement']").value);
      data.append("modality", item.querySelector("[name$='-modality']").value);
      data.append("policy_text", field(item, "policy").value);
      data.append("guideline_text", field(item, "guideline").value);
    });
    var mine = ++asked;
    fetch(url, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (json) {
        if (!json || mine !== asked) { return; }  // a newer check is on its way
        items.forEach(function (item, index) { showFindings(item, json.results[index]); });
        form.dispatchEvent(new CustomEvent("candor:voice-checked", { bubbles: true }));
      })
      .catch(function () { /* the voice check page lists the same findings after a save */ });
  }

  rules().forEach(showStrength);
})();
