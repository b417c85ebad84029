"""Two editors edit one section at once: one hits a conflict, resolves it, and the comparison
shows both edits."""

import pytest
from django.urls import reverse

from guidelines.models import Section
from tests.guidelines.history.test_history import edit

BODY = "Say who you are.\n\nKeep it civil.\n\nCredit your sources.\n\nAsk before you post."

pytestmark = pytest.mark.browser


@pytest.fixture
def sam_page(_playwright_browser, live_server):
    context = _playwright_browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_two_editors_conflict_resolve_and_compare(
    browser_page, sam_page, login, document, editor, editor2
):
    section = Section.objects.get(document=document, heading="Be yourself")
    edit(editor, section, body=BODY)
    section.refresh_from_db()
    base_revision = document.revisions.order_by("-number").first().number
    edit_url = reverse("guidelines:section_edit", args=[document.slug, section.pk])

    dana = login(browser_page, editor)
    dana.goto(edit_url)
    sam = login(sam_page, editor2)
    sam.goto(edit_url)
    # Presence is a warning, never a lock: Sam is told Dana is here and may still save.
    sam.wait_for_selector("#presence-notice:not([hidden])")
    assert "Dana Whitfield is editing this section." in sam.inner_text("#presence-notice")

    sam.fill(
        "#id_body",
        BODY.replace("Keep it civil.", "Stay calm.").replace("Ask before", "Think before"),
    )
    sam.fill("#id_summary", "Calmer wording")
    sam.click("button:has-text('Save section')")
    sam.wait_for_url(lambda url: "/draft/" in url)

    dana.fill("#id_body", BODY.replace("Keep it civil.", "Be polite."))
    dana.click("button:has-text('Save section')")
    dana.wait_for_selector(".conflict")
    conflict = dana.inner_text(".conflict")
    assert "Sam Okafor saved this section while you were editing" in conflict
    assert "Stay calm" in conflict and "Be polite" in conflict
    body = dana.input_value("#id_body")
    assert "Be polite." in body  # her own words are still in the form
    assert "Think before you post." in body  # Sam's other change is merged in

    dana.fill("#id_body", body.replace("Be polite.", "Be polite and stay calm."))
    dana.click("button:has-text('Save section')")
    dana.wait_for_url(lambda url: "/draft/" in url)
    assert "Saved" in dana.inner_text(".messages")

    dana.goto(
        reverse("guidelines:compare", args=[document.slug]) + f"?from={base_revision}&to=draft"
    )
    inserted = " ".join(dana.locator("ins.diff-ins").all_inner_texts())
    assert "Think" in inserted  # Sam's edit
    assert "polite" in inserted  # Dana's edit
    assert "civil" in " ".join(dana.locator("del.diff-del").all_inner_texts())
    assert not browser_page.js_errors
