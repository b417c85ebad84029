"""An editor writes a document in the browser; an employee only reads it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from guidelines.documents import services
from guidelines.models import Document, Section

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _settle(browser_page):
    """Leave no request in flight: the test database is flushed right after each test."""
    yield
    browser_page.goto("about:blank")
    browser_page.wait_for_timeout(200)


def _headings(page) -> list[str]:
    return [
        h.strip().lstrip("§").strip()
        for h in page.locator("article.doc .doc-section h2").all_inner_texts()
    ]


def test_an_editor_creates_a_document_adds_a_section_previews_saves_reorders_and_reads_it(
    browser_page, login, editor
):
    page = login(browser_page, editor)
    page.goto(reverse("guidelines:document_new"))
    page.fill("input[name=subject]", "Video Sites")
    page.select_option("select[name=default_tone]", "policy")
    page.get_by_role("button", name="Create").click()
    page.wait_for_url(re.compile(r"/d/video-sites/draft/$"))
    expect(page.locator("h1")).to_have_text("Video Sites Policy")

    # A first section through the "add the first section" link.
    page.get_by_role("link", name="Add the first section.").click()
    page.fill("input[name=heading]", "Say who you are")
    page.fill("textarea[name=body]", "Be **open** about your role.")
    page.click("#add-rule")
    first = page.locator("[data-rule-form]").nth(0)
    expect(first.locator("textarea[name$='-statement']")).to_be_focused()
    first.locator("textarea[name$='-statement']").fill("Don't post anonymously.")
    first.locator("select[name$='-modality']").select_option("must_not")
    page.click("#add-rule")
    second = page.locator("[data-rule-form]").nth(1)
    second.locator("textarea[name$='-statement']").fill("Mention your employer.")
    second.locator("select[name$='-modality']").select_option("should")

    # The preview comes from the server pipeline: Markdown rendered, rules phrased per tone.
    expect(page.locator("#preview-body strong")).to_have_text("open")
    expect(page.locator("#preview-status")).to_have_text("Preview up to date.")
    expect(first.locator("[data-auto='policy'] [data-auto-text]")).not_to_be_empty()
    expect(second.locator("[data-auto='guideline'] [data-auto-text]")).not_to_be_empty()
    # ... and the pane shows the section as readers will see it, in the document's tone.
    expect(page.locator("#preview-heading")).to_have_text("Say who you are")
    preview_rules = page.locator("#preview-rules li")
    expect(preview_rules).to_have_count(2)
    expect(preview_rules.first.locator(".modality-tag")).to_have_text("MUST NOT")
    policy_text = preview_rules.first.locator(".rule-text").inner_text()
    page.click("[data-preview-tone=guideline]")
    expect(page.locator("[data-preview-tone=guideline]")).to_have_attribute("aria-pressed", "true")
    expect(preview_rules.first.locator(".rule-text")).not_to_have_text(policy_text)

    page.fill("input[name=summary]", "First section")
    page.click("button:has-text('Save section')")
    page.wait_for_url(re.compile(r"/d/video-sites/draft/#say-who-you-are$"))
    expect(page.locator(".message-success")).to_contain_text("Added")

    document = Document.objects.get(slug="video-sites")
    section = Section.objects.get(document=document)
    assert list(section.rules.values_list("modality", "statement")) == [
        ("must_not", "Don't post anonymously."),
        ("should", "Mention your employer."),
    ]
    assert document.latest_revision.summary == "First section"
    assert document.latest_revision.user == editor

    # A second section, then move it above the first.
    page.click("a:has-text('Add section')")
    page.fill("input[name=heading]", "Why this exists")
    page.click("button:has-text('Save section')")
    page.wait_for_url(re.compile(r"#why-this-exists$"))
    assert _headings(page) == ["Say who you are", "Why this exists"]
    page.click("button[aria-label='Move “Why this exists” up']")
    page.wait_for_load_state()
    expect(page.locator("article.doc .doc-section").first).to_have_id("why-this-exists")
    assert _headings(page) == ["Why this exists", "Say who you are"]

    # Reading it: the table of contents follows the order, rules show their modality.
    expect(page.locator("nav.toc li a")).to_have_text(["Why this exists", "Say who you are"])
    rules = page.locator("#say-who-you-are li.rule")
    expect(rules).to_have_count(2)
    expect(rules.first.locator(".modality-tag")).to_have_text("MUST NOT")
    page.click("nav.toc a:has-text('Say who you are')")
    assert page.url.endswith("#say-who-you-are")
    assert page.js_errors == []


def test_an_editor_reorders_and_removes_rules_inline_before_saving(
    browser_page, login, editor, document
):
    section = document.sections.order_by("position").first()
    page = login(browser_page, editor)
    page.goto(reverse("guidelines:section_edit", args=[document.slug, section.pk]))
    forms = page.locator("[data-rule-form]")
    expect(forms).to_have_count(2)
    # Move the second rule up with the keyboard: focus its button and press Enter.
    up = forms.nth(1).locator("[data-move='up']")
    up.focus()
    page.keyboard.press("Enter")
    expect(forms.nth(0).locator("textarea[name$='-statement']")).to_have_value(
        "Don't post anonymously."
    )
    # Focus stays on the button that was pressed, now in the rule's new place.
    expect(forms.nth(0).locator("[data-move='up']")).to_be_focused()
    forms.nth(1).locator("input[name$='-DELETE']").check()
    expect(forms.nth(1)).to_have_class(re.compile("is-removed"))
    page.click("button:has-text('Save section')")
    page.wait_for_url(re.compile(r"/draft/#be-yourself$"))
    live = section.rules.filter(removed_at__isnull=True)
    assert list(live.values_list("statement", flat=True)) == ["Don't post anonymously."]


def test_an_editor_sees_validation_errors_inline_and_nothing_is_saved(
    browser_page, login, editor, document
):
    section = document.sections.order_by("position").first()
    page = login(browser_page, editor)
    page.goto(reverse("guidelines:section_edit", args=[document.slug, section.pk]))
    page.fill("input[name=heading]", "")
    page.fill("textarea[name=body]", "Changed but not saved.")
    page.click("button:has-text('Save section')")
    error = page.locator("#id_heading-errors")
    expect(error).to_contain_text("required")
    expect(page.locator("textarea[name=body]")).to_have_value("Changed but not saved.")
    section.refresh_from_db()
    assert section.heading == "Be yourself"


def test_an_employee_sees_no_edit_controls_and_is_refused_the_edit_page(
    browser_page, login, editor, employee, document
):
    services.document_update(
        user=editor,
        document=document,
        expected_version=document.version,
        subject=document.subject,
        slug=document.slug,
        summary=document.summary,
        default_tone="guideline",
        title_policy="",
        title_guideline="",
        required_approvals=1,
        open_for_consultation=True,
    )
    section = document.sections.order_by("position").first()
    page = login(browser_page, employee)
    page.goto(reverse("guidelines:draft", args=[document.slug]))
    expect(page.locator("h1")).to_have_text("Social Computing Guidelines")
    expect(page.locator("li.rule")).to_have_count(2)
    expect(page.locator(".section-tools")).to_have_count(0)
    expect(page.locator(".modality-tag")).to_have_count(0)
    expect(page.locator("a:has-text('Add section')")).to_have_count(0)
    expect(page.locator("a[href*='/edit/']")).to_have_count(0)
    response = page.goto(reverse("guidelines:section_edit", args=[document.slug, section.pk]))
    assert response.status == 403
