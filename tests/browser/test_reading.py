"""Reading a document in the browser: contents, anchors, tone, keyboard and a phone's width."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from guidelines.documents import services
from guidelines.documents.services import SectionInput
from guidelines.documents.snapshots import draft_snapshot
from guidelines.models import Document, Release
from textkit.presentation import build_view

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _settle(browser_page):
    """Leave no request in flight: the test database is flushed right after each test."""
    yield
    browser_page.goto("about:blank")
    browser_page.wait_for_timeout(200)


OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def released(document, editor):
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


def test_an_employee_reads_the_release_and_flips_its_tone(browser_page, login, employee, released):
    page = login(browser_page, employee)
    page.goto(reverse("guidelines:document", args=[released.slug]) + "?tone=guideline")
    expect(page.locator("h1")).to_have_text("Social Computing Guidelines")
    expect(page.locator("nav.toc li a")).to_have_text(["Be yourself"])
    expect(page.locator(".modality-tag")).to_have_count(0)
    expect(page.locator(".section-tools")).to_have_count(0)

    page.get_by_role("link", name="Policy", exact=True).click()
    expect(page.locator("h1")).to_have_text("Social Computing Policy")
    expect(page.locator("nav.toc li a")).to_have_text(["Be yourself", "Consequences"])
    expect(page.locator("#consequences .badge-tone")).to_have_text("Policy only")
    assert "tone=policy" in page.url

    page.locator("nav.toc").get_by_role("link", name="Consequences").click()
    assert page.url.endswith("#consequences")
    expect(page.locator("#consequences h2")).to_be_in_viewport()
    # The choice is remembered without the parameter.
    page.goto(reverse("guidelines:document", args=[released.slug]))
    expect(page.locator("h1")).to_have_text("Social Computing Policy")
    assert page.js_errors == []


def test_the_page_starts_with_a_visible_skip_link_and_shows_focus(
    browser_page, login, editor, document
):
    page = login(browser_page, editor)
    page.goto(reverse("guidelines:draft", args=[document.slug]))
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Every control reached by Tab shows a focus ring.
    missing = []
    seen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
            const el = document.activeElement, style = getComputedStyle(el);
            return [el.tagName + ' ' + (el.textContent || el.name || '').trim().slice(0, 30),
                    style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2];
        }""")
        if info[0].startswith("BODY"):  # past the last control, the browser's own UI
            continue
        seen.append(info)
        if not info[1]:
            missing.append(info[0])
    assert len(seen) > 15
    assert missing == []


def test_the_section_editor_works_from_the_keyboard(browser_page, login, editor, document):
    section = document.sections.order_by("position").first()
    page = login(browser_page, editor)
    page.goto(reverse("guidelines:section_edit", args=[document.slug, section.pk]))
    page.focus("input[name=heading]")
    page.keyboard.press("Control+A")
    page.keyboard.type("Be who you are")
    page.focus("#add-rule")
    page.keyboard.press("Enter")
    # The new rule's statement takes focus, ready for typing.
    page.keyboard.type("Add value to the conversation.")
    expect(page.locator("#preview-rules li")).to_have_count(3)
    page.focus("input[name=summary]")
    page.keyboard.type("Keyboard edit")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/draft/" in url)
    section.refresh_from_db()
    assert section.heading == "Be who you are"
    assert section.rules.filter(removed_at__isnull=True).count() == 3


@pytest.mark.parametrize("page_name", ["draft", "section_edit", "index"])
def test_pages_fit_a_phone_screen(browser_page, login, editor, document, page_name):
    # Wide content: a table and an unbroken address must scroll or wrap inside the column.
    wide = (
        "| Channel | Who may post | Approval needed | Notes |\n|---|---|---|---|\n"
        "| Corporate accounts | Communications team | Always, by the channel owner | "
        "Coordinate with the campaign calendar |\n\n"
        "See https://intranet.example.com/" + "very-long-path-segment-" * 6
    )
    section = services.section_add(
        user=editor, document=document, data=SectionInput(heading="Channels", body=wide)
    )
    urls = {
        "draft": reverse("guidelines:draft", args=[document.slug]),
        "section_edit": reverse("guidelines:section_edit", args=[document.slug, section.pk]),
        "index": reverse("guidelines:index"),
    }
    page = login(browser_page, editor)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(urls[page_name])
    assert page.evaluate(OVERFLOW) <= 0
    search = page.locator("#site-search-q")
    assert search.bounding_box()["width"] > 200
