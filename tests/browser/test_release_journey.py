"""From draft to release: submit, request changes, fix, approve from the comparison, publish,
read in both tones, download the PDF and acknowledge."""

import io
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from guidelines.models import Acknowledgement, Document, Release, Section

pytestmark = pytest.mark.browser


def test_a_document_goes_from_draft_to_an_acknowledged_release(
    browser_page,
    login,
    live_server,
    settings,
    tmp_path,
    document,
    editor,
    reviewer,
    employee,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    browser = browser_page.context.browser

    def session(user):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(20_000)
        return login(page, user)

    # The editor submits the draft.
    page = login(browser_page, editor)
    page.goto(document.get_draft_url())
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".message-success")).to_contain_text("Submitted for review")
    expect(page.locator(".doc-bar-meta .badge")).to_have_text("In review")

    # The reviewer reads the whole text (a first review) and asks for a change.
    legal = session(reviewer)
    legal.goto(document.get_draft_url())
    legal.get_by_role("link", name="Review", exact=True).click()
    expect(legal.locator("h1")).to_contain_text("Review")
    expect(legal.locator(".wf-review-summary")).to_contain_text("First review")
    legal.fill("textarea[name=reasons]", "Say who to ask when in doubt.")
    legal.get_by_role("button", name="Send back to draft").click()
    expect(legal.locator(".message-success")).to_contain_text("Changes requested")

    # The editor sees why, fixes the section in the editor and submits again.
    page.goto(document.get_draft_url())
    expect(page.locator(".wf-notice-changes")).to_contain_text("Say who to ask when in doubt.")
    section = Section.objects.get(document=document, heading="Be yourself")
    page.goto(reverse("guidelines:section_edit", args=[document.slug, section.pk]))
    page.fill("textarea[name=body]", "Say **who you are**. When in doubt, ask the comms team.")
    page.fill("input[name=summary]", "Say who to ask")
    page.click("button:has-text('Save section')")
    page.wait_for_url(re.compile(r"/draft/"))
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".doc-bar-meta .badge")).to_have_text("In review")

    # The reviewer signs off the changed section and approves from the review screen.
    legal.goto(reverse("guidelines:review", args=[document.slug]))
    changed = legal.locator(f"#section-{section.pk}")
    expect(changed).to_contain_text("When in doubt, ask the comms team.")
    changed.locator("input[name=comment]").fill("Clear now.")
    changed.get_by_role("button", name=re.compile("Sign off")).click()
    expect(legal.locator(f"#section-{section.pk} .wf-signed")).to_contain_text("Clear now.")
    legal.get_by_role("button", name=re.compile(r"Approve revision")).click()
    expect(legal.locator(".message-success")).to_contain_text("ready to publish")

    # The editor publishes version 1.0 with notes.
    page.goto(document.get_draft_url())
    page.get_by_role("link", name="Publish…").click()
    page.fill("textarea[name=notes]", "Our first release.")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".message-success")).to_contain_text("Published version 1.0")
    release = Release.objects.get()
    assert Document.objects.get(pk=document.pk).latest_release_id == release.pk

    # The employee reads it in both tones, downloads the PDF and acknowledges it.
    reader = session(employee)
    reader.goto(document.get_absolute_url() + "?tone=policy")
    expect(reader.locator("#doc-title")).to_have_text("Social Computing Policy")
    expect(reader.locator("article.doc")).to_contain_text("disciplinary action")
    reader.get_by_role("link", name="Guideline", exact=True).click()
    expect(reader.locator("#doc-title")).to_have_text("Social Computing Guidelines")
    expect(reader.locator("article.doc")).not_to_contain_text("disciplinary action")
    expect(reader.locator("article.doc")).to_contain_text("ask the comms team")

    reader.locator(".wf-menu summary").click()
    with reader.expect_download() as download:
        reader.locator(".wf-menu-list a", has_text="PDF").click()
    pdf = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))
    assert "Social Computing Guidelines" in pdf.pages[0].extract_text()
    assert "ask the comms team" in " ".join(p.extract_text() for p in pdf.pages)

    reader.get_by_role("button", name="I have read version 1.0").click()
    expect(reader.locator(".message-success")).to_contain_text("you acknowledged version 1.0")
    expect(reader.locator(".wf-ack")).to_have_count(0)
    assert Acknowledgement.objects.filter(user=employee, release=release).exists()
    assert not browser_page.js_errors
