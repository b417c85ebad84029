"""An employee comments on a selected phrase; an editor is notified, replies with a mention,
edits the passage away (the thread turns outdated) and resolves the thread."""

import re

import pytest
from django.urls import reverse

from guidelines.models import Comment, Notification, Section
from tests.guidelines.discussion.test_comments import open_for_consultation

pytestmark = pytest.mark.browser


def test_a_comment_on_a_selection_travels_from_employee_to_editor_and_back(
    browser_page, login, document, editor, employee
):
    page = browser_page
    open_for_consultation(document, editor)
    section = Section.objects.get(document=document, anchor="be-yourself")

    # The employee selects a phrase and comments on it.
    login(page, employee)
    page.goto(document.get_draft_url())
    page.locator("#be-yourself .prose strong").select_text()
    button = page.get_by_role("button", name="Comment on selection")
    button.click()
    form = page.locator("#be-yourself [data-comment-form]")
    assert form.locator("[data-quote-text]").inner_text() == "who you are"
    textarea = form.get_by_label("Your comment")
    assert textarea.evaluate("el => el === document.activeElement")
    textarea.fill("Does this include my display name on forums?")
    form.get_by_role("button", name="Post comment").click()
    page.wait_for_url(re.compile(r"/comments/#comment-\d+$"))
    thread = Comment.objects.get()
    assert thread.quote == "who you are"
    assert page.locator(f"#comment-{thread.pk}").is_visible()

    # The editor (who watches what they edit) sees it in the inbox.
    page.context.clear_cookies()
    login(page, editor)
    page.goto(reverse("guidelines:notifications"))
    assert page.locator(".site-nav .count-badge").inner_text().startswith("1")
    page.get_by_role("button", name=re.compile("Jordan Lee commented")).click()
    page.wait_for_url(re.compile(rf"#comment-{thread.pk}$"))

    # They reply with a mention picked from the autocomplete.
    article = page.locator("article.thread").first
    article.locator("summary", has_text="Reply").click()
    reply = article.get_by_label("Your reply")
    reply.press_sequentially("Thanks @jor")
    option = page.get_by_role("option", name=re.compile("Jordan Lee"))
    option.wait_for()
    reply.press("Enter")
    assert reply.input_value() == "Thanks @jordan "
    reply.press_sequentially("— yes, it does.")
    article.get_by_role("button", name="Post reply").click()
    page.wait_for_url(re.compile(r"#comment-\d+$"))
    assert Notification.objects.filter(user=employee, kind="mention").exists()

    # They edit the section so the quoted passage is gone: the thread turns outdated.
    page.goto(reverse("guidelines:section_edit", args=[document.slug, section.pk]))
    page.locator("textarea[name=body]").fill("Say your name when you talk about our work.")
    page.get_by_role("button", name="Save section").click()
    page.wait_for_url(re.compile(r"/draft/"))
    page.goto(reverse("guidelines:section_comments", args=[document.slug, section.pk]))
    assert page.locator(".badge-outdated").is_visible()
    assert page.get_by_text("The passage as it was").is_visible()

    # And resolve it; the thread records the revision that resolved it.
    page.get_by_role("button", name="Resolve").click()
    page.wait_for_url(re.compile(r"#comment-\d+$"))
    thread.refresh_from_db()
    assert thread.status == "resolved"
    assert thread.resolved_in is not None
    assert page.get_by_text(f"revision {thread.resolved_in.number}").is_visible()
    assert page.js_errors == []
