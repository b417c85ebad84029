"""The tone toggle end to end: a reader flips it; an author writes over one phrasing."""

import re

import pytest
from django.utils import timezone

from guidelines.documents import services
from guidelines.documents.services import RuleInput, SectionInput
from guidelines.documents.snapshots import draft_snapshot
from guidelines.models import Document, Release
from textkit.presentation import build_view

pytestmark = pytest.mark.browser


@pytest.fixture
def published(document, editor):
    services.section_add(
        user=editor,
        document=document,
        data=SectionInput(
            heading="We trust you",
            visibility="guideline",
            rules=[RuleInput(id=None, modality="should", statement="Use your best judgment.")],
        ),
    )
    document.refresh_from_db()
    snapshot = draft_snapshot(document)
    release = Release.objects.create(
        document=document,
        major=1,
        minor=0,
        revision=document.latest_revision,
        snapshot=snapshot,
        published_by=editor,
        published_at=timezone.now(),
        rendered={tone: build_view(snapshot, tone) for tone in ("policy", "guideline")},
    )
    Document.objects.filter(pk=document.pk).update(latest_release=release)
    document.refresh_from_db()
    return document


def _headings(page) -> list[str]:
    return [
        h.strip().lstrip("§").strip() for h in page.locator(".doc-section h2").all_inner_texts()
    ]


def test_a_reader_flips_the_tone_and_an_author_overrides_a_phrasing(
    browser_page, login, published, employee, editor
):
    page = browser_page
    login(page, employee)
    page.goto(published.get_absolute_url() + "?tone=guideline")
    assert page.locator("#doc-title").inner_text() == "Social Computing Guidelines"
    # A MUST NOT stays a firm limit in the guideline voice: "Don't", never "Avoid".
    assert "Don't post anonymously." in page.locator(".rules").first.inner_text()
    assert "Avoid posting" not in page.locator(".rules").first.inner_text()
    assert _headings(page) == ["Be yourself", "We trust you"]

    page.locator(".tone-switch [data-tone=policy]").click()
    page.wait_for_url(re.compile(r"[?&]tone=policy\b"))
    assert page.locator("#doc-title").inner_text() == "Social Computing Policy"
    assert "Do not post anonymously." in page.locator(".rules").first.inner_text()
    assert _headings(page) == ["Be yourself", "Consequences"]
    assert page.locator(".tone-option.is-active").inner_text().endswith("Policy")

    # Remembered: the plain address now opens in the policy tone.
    page.goto(published.get_absolute_url())
    assert page.locator("#doc-title").inner_text() == "Social Computing Policy"

    page.context.clear_cookies()
    login(page, editor)
    page.goto(published.get_draft_url() + "?tone=guideline")
    page.get_by_role("link", name="Edit “Be yourself”").click()
    rule = page.locator("[data-rule-form]").nth(1)
    box = rule.locator("[data-phrasing=guideline]")
    assert box.locator("[data-phrasing-state]").inner_text().lower() == "automatic"
    box.locator("[data-write-own]").focus()
    page.keyboard.press("Enter")
    own = rule.locator("textarea[name$='-guideline_text']")
    assert own.input_value() == "Don't post anonymously."
    assert page.evaluate("document.activeElement.name") == "rules-1-guideline_text"
    own.fill("Post under your own name; it is how trust starts.")
    assert box.locator("[data-phrasing-state]").inner_text().lower() == "your own"
    page.get_by_role("button", name="Save section").click()

    page.wait_for_url(re.compile(r"/draft/"))
    text = page.locator("#be-yourself .rules li").nth(1).inner_text()
    assert "Post under your own name; it is how trust starts." in text
    assert "auto" not in text.lower()
    assert page.js_errors == []
