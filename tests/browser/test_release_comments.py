"""Commenting from the published page, where one form serves every section."""

import re

import pytest

from guidelines.models import Comment, Rule
from tests.guidelines.workflow_fixtures import make_released

pytestmark = pytest.mark.browser


@pytest.fixture
def released(document, editor, reviewer):
    return make_released(document, editor, reviewer)


def test_a_reader_comments_on_a_rule_from_the_keyboard_with_a_mention(
    browser_page, login, released, employee, editor
):
    page = browser_page
    document, _ = released
    rule = Rule.objects.get(statement="Don't post anonymously.")
    login(page, employee)
    page.goto(document.get_absolute_url() + "?tone=policy")
    section = page.locator("#be-yourself")
    assert section.locator("[data-comment-form]").count() == 0  # made on demand

    # The section's "Comment" link opens a form in place, from the keyboard.
    start = section.locator("[data-comment-start]")
    start.focus()
    page.keyboard.press("Enter")
    form = section.locator("[data-comment-form]")
    textarea = form.get_by_label("Your comment")
    assert textarea.evaluate("el => el === document.activeElement")
    assert start.get_attribute("aria-expanded") == "true"
    textarea.press_sequentially("Draft thought")
    page.keyboard.press("Escape")
    assert form.is_hidden()
    assert start.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert textarea.input_value() == "Draft thought"  # kept while it was closed

    # A rule's own link aims the same form at that rule.
    section.locator(f"[data-rule-id='{rule.pk}'] [data-comment-rule]").click()
    assert form.locator("[data-rule-preview]").inner_text() == (
        f"About the rule: “{page.locator(f'#rule-{rule.pk} .rule-text').inner_text()}”"
    )
    textarea.fill("Even on hobby forums? Ask ")
    textarea.press_sequentially("@da")
    page.get_by_role("option", name=re.compile("Dana Whitfield")).wait_for()
    textarea.press("Enter")
    assert textarea.input_value() == "Even on hobby forums? Ask @dana "
    form.get_by_role("button", name="Post comment").click()
    page.wait_for_url(re.compile(r"/comments/#comment-\d+$"))
    comment = Comment.objects.get()
    assert comment.rule_id == rule.pk
    assert comment.body.strip() == "Even on hobby forums? Ask @dana"
    assert page.js_errors == []


def test_each_section_gets_its_own_form_with_its_own_ids(browser_page, login, released, employee):
    page = browser_page
    document, _ = released
    login(page, employee)
    page.goto(document.get_absolute_url() + "?tone=policy")
    for section in page.locator(".doc-section").all():
        section.locator("[data-comment-start]").click()
    forms = page.locator(".doc-section [data-comment-form]")
    assert forms.count() == page.locator(".doc-section").count() == 2
    ids = forms.evaluate_all("forms => forms.map(f => f.querySelector('textarea').id)")
    assert len(set(ids)) == 2
    second = page.locator(".doc-section").nth(1)
    second.locator("[data-comment-form]").get_by_role("button", name="Cancel").click()
    assert second.locator("[data-comment-form]").is_hidden()
    assert page.js_errors == []
