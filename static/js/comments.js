// Discussions: comment on a selected passage or a rule, and @-mention autocomplete.
// Every form works without this file; it only saves clicks and typing.
(function () {
  "use strict";

  var MAX_QUOTE = 5000;

  function normalise(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  // --- opening a section's comment form ---------------------------------------------------
  // The page carries one form, in a <template>; a section gets its own copy the first time a
  // reader comments there. Without scripts the "Comment" links lead to the discussion pages.

  function asideOf(sectionEl) {
    return sectionEl && sectionEl.querySelector("[data-discussion]");
  }

  function canComment(sectionEl) {
    var aside = asideOf(sectionEl);
    return Boolean(aside && aside.getAttribute("data-comment-url") &&
                   document.getElementById("comment-form-template"));
  }

  function buildForm(aside) {
    var template = document.getElementById("comment-form-template");
    var url = aside.getAttribute("data-comment-url");
    if (!template || !url) return null;
    var form = template.content.querySelector("[data-comment-form]").cloneNode(true);
    var key = aside.getAttribute("data-discussion");
    var textarea = form.querySelector("textarea");
    var hint = form.querySelector("[data-comment-hint]");
    form.setAttribute("action", url);
    textarea.id = "comment-body-" + key;
    hint.id = "comment-hint-" + key;
    form.querySelector("[data-comment-label]").htmlFor = textarea.id;
    textarea.setAttribute("aria-describedby", hint.id);
    form.id = "comment-form-" + key;
    form.hidden = true;
    aside.appendChild(form);
    setupMentions(textarea);
    var start = aside.querySelector("[data-comment-start]");
    if (start) start.setAttribute("aria-controls", form.id);
    return form;
  }

  function formFor(sectionEl) {
    var aside = asideOf(sectionEl);
    if (!aside) return null;
    return aside.querySelector("[data-comment-form]") || buildForm(aside);
  }

  function showForm(form, shown) {
    form.hidden = !shown;
    var start = form.parentNode.querySelector("[data-comment-start]");
    if (start) start.setAttribute("aria-expanded", shown ? "true" : "false");
  }

  function setQuote(form, quote) {
    var input = form.querySelector("[data-quote-input]");
    var preview = form.querySelector("[data-quote-preview]");
    input.value = quote;
    preview.querySelector("[data-quote-text]").textContent = quote;
    preview.hidden = !quote;
  }

  function setRule(form, ruleId, ruleText) {
    form.querySelector("[data-rule-input]").value = ruleId || "";
    var preview = form.querySelector("[data-rule-preview]");
    preview.textContent = ruleId ? "About the rule: “" + ruleText + "”" : "";
    preview.hidden = !ruleId;
  }

  function ruleText(ruleEl) {
    var text = ruleEl.querySelector(".rule-text");
    if (!text) return "";
    var copy = text.cloneNode(true);
    copy.querySelectorAll(".auto-mark").forEach(function (mark) { mark.remove(); });
    return normalise(copy.textContent);
  }

  // `quote` and `ruleEl` are undefined when the reader just asks for the form: it then keeps
  // whatever they had started.
  function openForm(sectionEl, quote, ruleEl) {
    var form = formFor(sectionEl);
    if (!form) return false;
    if (quote !== undefined) {
      setQuote(form, quote || "");
      if (ruleEl) {
        setRule(form, ruleEl.getAttribute("data-rule-id"), ruleText(ruleEl));
      } else {
        setRule(form, "", "");
      }
    }
    showForm(form, true);
    form.querySelector("textarea").focus();
    return true;
  }

  document.addEventListener("click", function (event) {
    var clear = event.target.closest("[data-quote-clear]");
    if (clear) {
      var form = clear.closest("form");
      setQuote(form, "");
      form.querySelector("textarea").focus();
      return;
    }
    var cancel = event.target.closest("[data-comment-cancel]");
    if (cancel) {
      var cancelled = cancel.closest("form");
      showForm(cancelled, false);
      var back = cancelled.parentNode.querySelector("[data-comment-start]");
      if (back) back.focus();
      return;
    }
    var start = event.target.closest("[data-comment-start]");
    if (start) {
      var section = start.closest(".doc-section");
      var existing = asideOf(section).querySelector("[data-comment-form]");
      if (existing && !existing.hidden) {
        showForm(existing, false);
        event.preventDefault();
      } else if (openForm(section)) {
        event.preventDefault();
      }
      return;
    }
    var ruleLink = event.target.closest("[data-comment-rule]");
    if (ruleLink) {
      var ruleEl = ruleLink.closest("[data-rule-id]");
      if (openForm(ruleLink.closest(".doc-section"), "", ruleEl)) event.preventDefault();
    }
  });

  // Escape inside a section's form closes it and returns to its "Comment" link, unless the
  // mention list is open (Escape closes that first).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    var form = event.target.closest && event.target.closest("[data-discussion] [data-comment-form]");
    if (!form) return;
    showForm(form, false);
    var back = form.parentNode.querySelector("[data-comment-start]");
    if (back) back.focus();
  });

  // --- comment on a selection --------------------------------------------------------------

  var selectionButton = null;
  var pending = null;

  function hideSelectionButton() {
    if (selectionButton) selectionButton.hidden = true;
    pending = null;
  }

  function ensureSelectionButton() {
    if (selectionButton) return selectionButton;
    selectionButton = document.createElement("button");
    selectionButton.type = "button";
    selectionButton.className = "button button-small selection-comment";
    selectionButton.textContent = "Comment on selection";
    selectionButton.hidden = true;
    selectionButton.addEventListener("mousedown", function (event) {
      event.preventDefault(); // keep the selection while the button is pressed
    });
    selectionButton.addEventListener("click", function () {
      if (!pending) return;
      var chosen = pending;
      hideSelectionButton();
      window.getSelection().removeAllRanges();
      openForm(chosen.section, chosen.quote, chosen.rule);
    });
    document.body.appendChild(selectionButton);
    return selectionButton;
  }

  function elementOf(node) {
    return node && node.nodeType === 1 ? node : node && node.parentElement;
  }

  function checkSelection() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
      hideSelectionButton();
      return;
    }
    var start = elementOf(selection.anchorNode);
    var end = elementOf(selection.focusNode);
    var section = start && start.closest(".doc-section");
    if (!section || !end || end.closest(".doc-section") !== section ||
        start.closest("[data-discussion], .section-head, .section-tools") ||
        !canComment(section)) {
      hideSelectionButton();
      return;
    }
    var quote = normalise(selection.toString()).slice(0, MAX_QUOTE);
    if (!quote) {
      hideSelectionButton();
      return;
    }
    var rule = start.closest("[data-rule-id]");
    if (rule && end.closest("[data-rule-id]") !== rule) rule = null;
    pending = { section: section, quote: quote, rule: rule };
    var rect = selection.getRangeAt(0).getBoundingClientRect();
    var button = ensureSelectionButton();
    button.style.top = window.scrollY + rect.bottom + 6 + "px";
    button.style.left = window.scrollX + Math.max(8, rect.left) + "px";
    button.hidden = false;
  }

  document.addEventListener("mouseup", function (event) {
    if (selectionButton && event.target === selectionButton) return;
    window.setTimeout(checkSelection, 0);
  });
  document.addEventListener("keyup", function (event) {
    if (event.key === "Escape") hideSelectionButton();
  });
  // Covers keyboard selection and double or triple clicks alike; settles before it checks.
  var selectionTimer = null;
  document.addEventListener("selectionchange", function () {
    window.clearTimeout(selectionTimer);
    selectionTimer = window.setTimeout(checkSelection, 150);
  });

  // --- @-mention autocomplete ----------------------------------------------------------------

  var listCount = 0;

  function setupMentions(textarea) {
    var url = textarea.getAttribute("data-people-url");
    if (!url) return;
    var listbox = document.createElement("ul");
    var listId = "mention-list-" + (++listCount);
    listbox.id = listId;
    listbox.className = "mention-list";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "People to mention");
    listbox.hidden = true;
    textarea.parentNode.appendChild(listbox);
    textarea.setAttribute("role", "combobox");
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", listId);
    textarea.setAttribute("aria-expanded", "false");

    var people = [];
    var active = -1;
    var timer = null;
    var lastQuery = null;

    function mentionAtCaret() {
      var before = textarea.value.slice(0, textarea.selectionStart);
      var match = /(^|[^\w@])@([\w.-]{1,30})$/.exec(before);
      return match ? { query: match[2], start: before.length - match[2].length - 1 } : null;
    }

    function close() {
      listbox.hidden = true;
      textarea.setAttribute("aria-expanded", "false");
      textarea.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = listbox.querySelectorAll("[role=option]");
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && items[index]) {
        textarea.setAttribute("aria-activedescendant", items[index].id);
      }
    }

    function choose(index) {
      var found = mentionAtCaret();
      var person = people[index];
      if (!found || !person) return close();
      var value = textarea.value;
      var caret = textarea.selectionStart;
      var insert = "@" + person.username + " ";
      textarea.value = value.slice(0, found.start) + insert + value.slice(caret);
      var position = found.start + insert.length;
      textarea.setSelectionRange(position, position);
      close();
      textarea.focus();
    }

    function render() {
      listbox.textContent = "";
      people.forEach(function (person, i) {
        var item = document.createElement("li");
        item.id = listId + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        var name = document.createElement("strong");
        name.textContent = person.name;
        var handle = document.createElement("span");
        handle.textContent = " @" + person.username;
        item.appendChild(name);
        item.appendChild(handle);
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(i);
        });
        listbox.appendChild(item);
      });
      if (people.length) {
        listbox.hidden = false;
        textarea.setAttribute("aria-expanded", "true");
        highlight(0);
      } else {
        close();
      }
    }

    function lookup() {
      var found = mentionAtCaret();
      if (!found) {
        lastQuery = null;
        return close();
      }
      if (found.query === lastQuery) return;
      lastQuery = found.query;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(found.query), {
          headers: { Accept: "application/json" }, credentials: "same-origin"
        }).then(function (response) {
          return response.ok ? response.json() : [];
        }).then(function (data) {
          people = data;
          render();
        }).catch(close);
      }, 150);
    }

    textarea.addEventListener("input", lookup);
    textarea.addEventListener("blur", function () { window.setTimeout(close, 100); });
    textarea.addEventListener("keydown", function (event) {
      if (listbox.hidden) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % people.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight((active - 1 + people.length) % people.length);
      } else if (event.key === "Enter" || event.key === "Tab") {
        if (active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    });
  }

  function init() {
    document.querySelectorAll("textarea[data-mention]").forEach(setupMentions);
    // With this file the sections' "Comment" links open the form in place.
    document.querySelectorAll("[data-comment-start]").forEach(function (link) {
      link.setAttribute("aria-expanded", "false");
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
