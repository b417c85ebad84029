"""The rendering contract end to end: an author's phrasing that weakens a MUST NOT is flagged in
the editor, submission is refused listing it, the one-click fix keeps the strength, and the
draft then goes to review."""

import os
import re
from pathlib import Path

import pytest

from guidelines.documents import services
from guidelines.documents.services import RuleInput, SectionInput
from guidelines.models import Document

pytestmark = pytest.mark.browser

WEAKENED = "Try to avoid sharing passwords."
BREAK = "This guideline phrasing reads as advice to avoid something but the rule is MUST NOT"


def _shot(page, name: str) -> None:
    """Screenshots for people to look at, when CANDOR_SHOTS names a folder."""
    folder = os.environ.get("CANDOR_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture
def passwords(document, editor):
    section = services.section_add(
        user=editor,
        document=document,
        data=SectionInput(
            heading="Passwords",
            rules=[RuleInput(id=None, modality="must_not", statement="Don't share passwords.")],
        ),
    )
    document.refresh_from_db()
    return section


def test_a_weakened_must_not_is_flagged_refused_fixed_and_then_submitted(
    browser_page, login, editor, document, passwords
):
    page = browser_page
    login(page, editor)
    page.goto(document.get_draft_url() + "?tone=guideline")
    page.get_by_role("link", name="Edit “Passwords”").click()

    rule = page.locator("[data-rule-form]").first
    box = rule.locator("[data-phrasing=guideline]")
    assert box.locator("[data-strength-words]").inner_text() == "Not allowed"
    assert rule.locator("[data-phrasing=policy] [data-strength-words]").inner_text() == (
        "Not allowed"
    )
    box.locator("[data-write-own]").click()
    box.locator("textarea").fill(WEAKENED)
    # Flagged as the author types: the server checks what readers would see.
    page.wait_for_function(
        '() => !document.querySelector("[data-phrasing=guideline] [data-breaks]").hidden'
    )
    assert BREAK in box.locator("[data-breaks]").inner_text()
    assert "has-break" in (box.get_attribute("class") or "")
    assert box.locator("[data-fix-text]").inner_text() == "Don't share passwords."
    assert "has-break" not in (rule.locator("[data-phrasing=policy]").get_attribute("class") or "")
    _shot(page, "section-editor-flagged")
    page.get_by_role("button", name="Save section").click()
    page.wait_for_url(re.compile(r"/draft/"))

    # Submission is refused, listing the phrasing.
    assert "Not ready for review" in page.locator(".stance-meter").inner_text()
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url(re.compile(r"/draft/"))
    refusal = page.locator(".message-error").inner_text()
    assert "Submitting for review needs 1 phrasing fixed first" in refusal
    assert f"“{WEAKENED}”" in refusal and BREAK in refusal
    assert Document.objects.get(pk=document.pk).status == Document.Status.DRAFT

    # The voice check lists it with a one-click fix that keeps the strength.
    page.get_by_role("link", name=re.compile(r"^Voice check")).click()
    item = page.locator(".lint-item").first
    assert WEAKENED in item.locator(".lint-now .lint-text").inner_text()
    assert BREAK in item.inner_text()
    assert "same strength: Not allowed" in item.inner_text()
    _shot(page, "voice-check")
    item.get_by_role("button", name=re.compile(r"^Use suggestion")).click()
    page.wait_for_url(re.compile(r"/tone/"))
    assert "Now using: “Don't share passwords.”" in page.locator(".message-success").inner_text()
    assert "Every phrasing keeps the contract in the guideline voice." in page.content()

    # Now the draft goes to review.
    page.goto(document.get_draft_url() + "?tone=guideline")
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url(re.compile(r"/draft/"))
    assert "Submitted for review" in page.locator(".message-success").inner_text()
    assert Document.objects.get(pk=document.pk).status == Document.Status.IN_REVIEW
    assert page.js_errors == []


def test_an_author_can_write_a_correct_phrasing_instead(
    browser_page, login, editor, document, passwords
):
    page = browser_page
    login(page, editor)
    page.goto(document.get_draft_url() + "?tone=guideline")
    page.get_by_role("link", name="Edit “Passwords”").click()
    box = page.locator("[data-rule-form]").first.locator("[data-phrasing=guideline]")
    box.locator("[data-write-own]").click()
    own = box.locator("textarea")
    own.fill(WEAKENED)
    page.wait_for_function(
        '() => !document.querySelector("[data-phrasing=guideline] [data-breaks]").hidden'
    )
    own.fill("Never share your password, not even with IT.")
    page.wait_for_function(
        '() => document.querySelector("[data-phrasing=guideline] [data-breaks]").hidden'
    )
    page.get_by_role("button", name="Save section").click()
    page.wait_for_url(re.compile(r"/draft/"))
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url(re.compile(r"/draft/"))
    assert "Submitted for review" in page.locator(".message-success").inner_text()
    assert page.js_errors == []


def test_the_editor_applies_the_fix_that_keeps_the_strength(
    browser_page, login, editor, document, passwords
):
    page = browser_page
    login(page, editor)
    page.goto(document.get_draft_url() + "?tone=guideline")
    page.get_by_role("link", name="Edit “Passwords”").click()
    box = page.locator("[data-rule-form]").first.locator("[data-phrasing=guideline]")
    box.locator("[data-write-own]").click()
    box.locator("textarea").fill(WEAKENED)
    page.wait_for_function(
        '() => !document.querySelector("[data-phrasing=guideline] [data-breaks]").hidden'
    )
    box.get_by_role("button", name=re.compile(r"^Use this phrasing")).click()
    # The fix is the automatic phrasing: the author's own is cleared, and nothing breaks.
    page.wait_for_function(
        '() => document.querySelector("[data-phrasing=guideline] [data-breaks]").hidden'
    )
    assert box.locator("textarea").input_value() == ""
    assert box.locator("[data-phrasing-state]").inner_text().lower() == "automatic"
    assert box.locator("[data-auto-text]").inner_text() == "Don't share passwords."
    assert "has-break" not in (box.get_attribute("class") or "")
    assert page.js_errors == []
