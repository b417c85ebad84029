"""Every rule's strength in plain words on the draft and revision pages (document_body.html)."""

import re

import pytest
from django.urls import reverse

from guidelines.documents import services
from guidelines.models import Section

STRENGTH = re.compile(
    r'id="rule-(\d+)"[^>]*><p class="rule-strength"><span class="strength (strength-[a-z-]+)" '
    r'data-strength><span class="sr-only">Strength: </span>([^<]+)</span>'
)


def strengths(response) -> dict[str, str]:
    return {key: words for key, _css, words in STRENGTH.findall(response.content.decode())}


@pytest.fixture
def miswritten(document, editor):
    """The first rule (MUST) gets a guideline phrasing that reads as a permission."""
    section = Section.objects.get(document=document, heading="Be yourself")
    rules = list(section.rules.filter(removed_at__isnull=True))
    data = services.SectionInput(
        heading=section.heading,
        body=section.body,
        anchor=section.anchor,
        rules=[
            services.RuleInput(
                id=r.pk,
                modality=r.modality,
                statement=r.statement,
                guideline_text="Feel free to say who you are." if n == 0 else "",
            )
            for n, r in enumerate(rules)
        ],
    )
    services.section_save(user=editor, section=section, expected_version=section.version, data=data)
    return document


def test_the_draft_shows_each_rule_s_strength_the_same_in_both_voices(client_for, editor, document):
    client = client_for(editor)
    policy = strengths(client.get(document.get_draft_url() + "?tone=policy"))
    guideline = strengths(client.get(document.get_draft_url() + "?tone=guideline"))
    assert sorted(policy.values()) == ["Allowed", "Not allowed", "Required"]
    assert {key: policy[key] for key in guideline} == guideline
    assert len(guideline) == 2


def test_editors_see_wording_that_states_another_strength_and_readers_do_not(
    client_for, editor, miswritten
):
    html = client_for(editor).get(miswritten.get_draft_url() + "?tone=guideline").content.decode()
    assert "Wording and strength disagree:" in html
    assert "reads as a permission but the rule is MUST (Required)" in html
    policy = client_for(editor).get(miswritten.get_draft_url() + "?tone=policy").content.decode()
    assert "Wording and strength disagree:" not in policy


def test_a_past_revision_shows_strengths_too(client_for, editor, document):
    url = reverse("guidelines:revision", args=[document.slug, document.version])
    assert sorted(strengths(client_for(editor).get(url + "?tone=policy")).values()) == [
        "Allowed",
        "Not allowed",
        "Required",
    ]
