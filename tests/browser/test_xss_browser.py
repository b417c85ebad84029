"""Every payload of the shared XSS corpus, saved through the services, viewed in a real browser.

All payloads go into a handful of sections (one per payload family, in bodies, rule statements,
phrasings and explanations), so one page load checks them all.
"""

import pytest
from django.urls import reverse

from guidelines.documents import services
from guidelines.documents.services import RuleInput, SectionInput
from tests.guidelines import xss_payloads
from tests.guidelines.xss_payloads import XSS_PAYLOADS

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _settle(browser_page):
    """Leave no request in flight: the test database is flushed right after each test."""
    yield
    browser_page.goto("about:blank")
    browser_page.wait_for_timeout(200)


FAMILIES = [
    "SCRIPT_ELEMENTS",
    "EVENT_HANDLERS",
    "STYLES",
    "EMBEDDING",
    "MUTATION",
    "HTML_LINKS",
    "MARKDOWN",
]

# Runs before any page script, in every frame: a payload that executes bumps the counter and
# logs a marker instead of opening a dialog that could stall the page.
TRAP = """
window.__xss = 0;
(function () {
  function caught() { window.__xss += 1; console.log("xss"); }
  window.alert = caught; window.confirm = caught; window.prompt = caught; window.print = caught;
})();
"""

# Markup that would run script or load a frame whatever the payload's exact shape.
DOM_AUDIT = """
(root) => {
  const problems = [];
  for (const el of document.querySelectorAll(root)) {
    for (const node of [el, ...el.querySelectorAll("*")]) {
      const tag = node.tagName.toLowerCase();
      if (["script", "iframe", "frame", "object", "embed", "base", "meta", "link", "form",
           "style", "svg", "math"].includes(tag)) problems.push("element " + tag);
      for (const attr of node.attributes) {
        const name = attr.name.toLowerCase();
        const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
        if (name.startsWith("on")) problems.push(tag + " " + name);
        if (["style", "srcdoc", "formaction"].includes(name)) problems.push(tag + " " + name);
        const urlish = ["href", "src", "xlink:href", "action", "formaction", "poster",
                        "background", "srcset", "data", "ping", "cite"].includes(name);
        if (urlish && /^(javascript|vbscript|livescript|data):/.test(value)) {
          problems.push(tag + " " + name + "=" + value.slice(0, 30));
        }
      }
    }
  }
  return problems;
}
"""


def _family(name: str) -> list[str]:
    # Candor refuses NUL characters (PostgreSQL cannot store them); a browser's HTML parser
    # turns them into U+FFFD anyway, so that is the shape the payloads are stored in.
    return [payload.replace("\x00", "\ufffd") for payload in getattr(xss_payloads, name)]


def _store_corpus(editor, document):
    for family in FAMILIES:
        payloads = _family(family)
        services.section_add(
            user=editor,
            document=document,
            data=SectionInput(
                heading=f"Body {family} " + payloads[0][:80],
                body="\n\n".join(payloads),
                rules=[
                    RuleInput(
                        id=None,
                        modality="must",
                        statement=p,
                        policy_text=p,
                        guideline_text=p,
                        explanation=p,
                    )
                    for p in payloads
                ],
            ),
        )
    return len(FAMILIES)


def _watch(page, base_url: str):
    dialogs: list[str] = []
    console: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(TRAP)
    # Nothing outside the test server may load: a payload that reaches the network fails fast.
    page.route(lambda url: not url.startswith(base_url), lambda route: route.abort())
    return dialogs, console


def _assert_nothing_ran(page, dialogs, console):
    page.wait_for_timeout(300)  # let error events from broken images and media fire
    assert page.evaluate("window.__xss") == 0
    assert dialogs == []
    assert not [text for text in console if "xss" in text.lower()]
    assert page.js_errors == []


def test_the_whole_corpus_is_inert_on_the_reading_page_in_both_tones(
    browser_page, live_server, login, editor, document
):
    assert len(XSS_PAYLOADS) > 100
    _store_corpus(editor, document)
    page = login(browser_page, editor)
    dialogs, console = _watch(page, live_server.url)
    for tone in ("policy", "guideline"):
        page.goto(reverse("guidelines:draft", args=[document.slug]) + f"?tone={tone}")
        assert page.locator("article.doc .doc-section").count() >= len(FAMILIES)
        assert page.locator("li.rule").count() >= len(XSS_PAYLOADS)
        assert page.evaluate(DOM_AUDIT, "article.doc .prose, li.rule, nav.toc ol") == []
        _assert_nothing_ran(page, dialogs, console)


def test_the_whole_corpus_is_inert_in_the_editor_and_its_live_preview(
    browser_page, live_server, login, editor, document
):
    _store_corpus(editor, document)
    section = document.sections.filter(heading__startswith="Body ").order_by("position").last()
    page = login(browser_page, editor)
    dialogs, console = _watch(page, live_server.url)
    page.goto(reverse("guidelines:section_edit", args=[document.slug, section.pk]))
    up_to_date = "document.getElementById('preview-status').textContent === 'Preview up to date.'"
    for family in FAMILIES:
        # Each family typed into the body goes through the server pipeline into the preview.
        page.evaluate("document.getElementById('preview-status').textContent = ''")
        page.fill("textarea[name=body]", "\n\n".join(_family(family)))
        page.wait_for_function(up_to_date)
        assert page.locator("#preview-body").inner_html().strip()
        assert page.evaluate(DOM_AUDIT, "#preview-page, .auto-phrasing, .lint") == []
    _assert_nothing_ran(page, dialogs, console)


def test_the_trap_would_notice_a_script_that_ran(
    browser_page, live_server, login, editor, document
):
    # The guard for the tests above: the same watchers catch a payload that does execute.
    page = login(browser_page, editor)
    dialogs, console = _watch(page, live_server.url)
    page.goto(reverse("guidelines:draft", args=[document.slug]))
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=alert(1)>')")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") == 1
    assert "xss" in console
    assert page.evaluate(DOM_AUDIT, "body") != []
