"""Strength in plain words, end to end: the voice changes the wording, never the obligation.

(a) A reader flips the voice of a release: every rule keeps its strength marker.
(b) A reviewer compares two revisions in the guideline voice and sees a hand-written guideline
    phrasing change as the words employees read.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from guidelines.documents import services
from guidelines.documents.services import RuleInput, SectionInput
from guidelines.models import Section
from tests.guidelines.workflow_fixtures import publish

pytestmark = pytest.mark.browser

STRENGTHS = {"Required", "Not allowed", "Recommended", "Best avoided", "Allowed"}


@pytest.fixture
def every_strength(document, editor):
    """The shared draft plus a section with the two advisory strengths."""
    services.section_add(
        user=editor,
        document=document,
        data=SectionInput(
            heading="Add value",
            rules=[
                RuleInput(id=None, modality="should", statement="Reply within a day."),
                RuleInput(id=None, modality="should_not", statement="Avoid posting when angry."),
            ],
        ),
    )
    document.refresh_from_db()
    return document


def _rules(page) -> dict[str, tuple[str, str]]:
    """Each rule on the page: its id, its strength marker's words and its wording."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('li.rule[data-rule-id]')].map(
            li => {
                const marker = li.querySelector('[data-strength]');
                const words = marker ? marker.textContent.replace('Strength:', '').trim() : '';
                return [li.dataset.ruleId, [words, li.querySelector('.rule-text').innerText]];
            }))"""
    )


def test_a_reader_flips_the_voice_and_every_rule_keeps_its_strength(
    browser_page, login, every_strength, editor, reviewer, employee
):
    document = every_strength
    publish(document, editor, reviewer)
    page = login(browser_page, employee)
    page.goto(document.get_absolute_url() + "?tone=guideline")
    expect(page.locator("h1")).to_have_text("Social Computing Guidelines")
    guideline = _rules(page)

    page.locator(".tone-switch [data-tone=policy]").click()
    page.wait_for_url(re.compile(r"[?&]tone=policy\b"))
    expect(page.locator("h1")).to_have_text("Social Computing Policy")
    policy = _rules(page)

    # Every rule carries a marker in plain words, in each voice.
    assert all(words in STRENGTHS for words, _ in guideline.values())
    assert all(words in STRENGTHS for words, _ in policy.values())
    assert {words for words, _ in policy.values()} == STRENGTHS
    # The rules both voices show: the same strength per rule, while the wording changes.
    shared = guideline.keys() & policy.keys()
    assert len(shared) == 4
    assert {key: policy[key][0] for key in shared} == {key: guideline[key][0] for key in shared}
    assert any(policy[key][1] != guideline[key][1] for key in shared)
    # The marker sits in the right-hand column, beside the words it qualifies.
    first = page.locator("li.rule[data-rule-id]").first
    marker, words = (
        first.locator("[data-strength]").bounding_box(),
        first.locator(".rule-text").bounding_box(),
    )
    assert marker["x"] > words["x"] + words["width"] - 1
    assert page.js_errors == []


def _rephrase(editor, section, text):
    section.refresh_from_db()
    rules = list(section.rules.filter(removed_at__isnull=True))
    return services.section_save(
        user=editor,
        section=section,
        expected_version=section.version,
        data=SectionInput(
            heading=section.heading,
            body=section.body,
            anchor=section.anchor,
            rules=[
                RuleInput(
                    id=r.pk,
                    modality=r.modality,
                    statement=r.statement,
                    guideline_text=text if n == 0 else r.guideline_text,
                )
                for n, r in enumerate(rules)
            ],
        ),
    )


def test_a_reviewer_compares_two_revisions_in_guideline_voice_and_sees_a_phrasing_change(
    browser_page, login, document, editor, reviewer
):
    section = Section.objects.get(document=document, heading="Be yourself")
    before = _rephrase(editor, section, "Say who you are when you post.")
    after = _rephrase(editor, section, "Always say who you are when you post about us.")
    page = login(browser_page, reviewer)
    compare = reverse("guidelines:compare", args=[document.slug])
    page.goto(f"{compare}?from={before.number}&to={after.number}&tone=policy")
    # In the policy voice nothing employees read changed: the field changed, as written.
    expect(page.locator(".comparison-voice")).to_contain_text("policy voice")
    expect(page.locator(".voice-diff")).to_have_count(0)

    page.locator(".tone-switch [data-tone=guideline]").click()
    page.wait_for_url(re.compile(r"[?&]tone=guideline\b"))
    expect(page.locator(".comparison-voice")).to_contain_text("guideline voice")
    change = page.locator(".rule-change").first
    expect(change.locator(".strength")).to_have_text(re.compile(r"Required$"))
    voice = change.locator(".voice-diff")
    expect(voice.locator(".text-diff-label")).to_contain_text(
        "Guideline voice, as employees read it"
    )
    expect(voice.locator(".text-diff-label")).to_contain_text("written by hand")
    expect(voice.locator("del").first).to_contain_text("Say")
    expect(voice.locator("ins").first).to_contain_text("Always say")
    expect(voice.locator("ins").last).to_contain_text("about us")
    # Formatted words, never markup: the redline reads as the sentence employees read.
    assert "<" not in voice.locator(".redline").inner_text()

    # Both voices side by side, on request.
    page.get_by_role("link", name="Both voices").click()
    page.wait_for_url(re.compile(r"[?&]voices=both\b"))
    pair = page.locator(".rule-change").first.locator(".voice-pair .voice-diff")
    expect(pair).to_have_count(2)
    expect(pair.first).to_contain_text("Policy voice")
    expect(pair.last).to_contain_text("Always say")
    assert page.js_errors == []
