"""textkit.presentation: a snapshot seen in one tone. Pure, so no database here."""

import pytest

from textkit.presentation import (
    build_view,
    modality_label,
    normalise_tone,
    rule_text,
    title_for,
    visible_in,
)


def _rule(key, modality="must", statement="Protect confidential information.", **extra):
    rule = {
        "key": key,
        "id": int(key),
        "modality": modality,
        "statement": statement,
        "policy_text": "",
        "guideline_text": "",
        "auto_policy": "",
        "auto_guideline": "",
        "explanation": "",
        "explanation_html": "",
        "visibility": "both",
    }
    rule.update(extra)
    return rule


def _snapshot():
    return {
        "document": {
            "subject": "Social Computing",
            "title_policy": "",
            "title_guideline": "",
            "summary": "Online.",
            "default_tone": "guideline",
        },
        "sections": [
            {
                "key": "1",
                "id": 1,
                "anchor": "be-yourself",
                "heading": "Be yourself",
                "body": "",
                "body_html": "<p>Hi</p>",
                "visibility": "both",
                "version": 1,
                "rules": [
                    _rule(
                        "10",
                        policy_text="Employees must identify themselves.",
                        auto_guideline="Identify yourself.",
                    ),
                    _rule(
                        "11",
                        modality="must_not",
                        auto_policy="Do not post anonymously.",
                        auto_guideline="Avoid posting anonymously.",
                    ),
                    _rule(
                        "12",
                        modality="may",
                        visibility="guideline",
                        guideline_text="Feel free to share news.",
                    ),
                ],
            },
            {
                "key": "2",
                "id": 2,
                "anchor": "consequences",
                "heading": "Consequences",
                "body": "",
                "body_html": "",
                "visibility": "policy",
                "version": 1,
                "rules": [_rule("20", auto_policy="Breaches lead to discipline.")],
            },
        ],
    }


def test_it_titles_the_document_by_tone_unless_the_author_overrode_it():
    doc = {"subject": "Social Computing", "title_policy": "", "title_guideline": ""}
    assert title_for(doc, "policy") == "Social Computing Policy"
    assert title_for(doc, "guideline") == "Social Computing Guidelines"
    assert title_for({**doc, "title_policy": "Online Rules"}, "policy") == "Online Rules"


def test_it_shows_the_policy_view_with_policy_only_parts_and_without_guideline_only_ones():
    view = build_view(_snapshot(), "policy")
    assert (view["title"], view["tone"], view["summary"]) == (
        "Social Computing Policy",
        "policy",
        "Online.",
    )
    assert [s["heading"] for s in view["sections"]] == ["Be yourself", "Consequences"]
    assert [r["key"] for r in view["sections"][0]["rules"]] == ["10", "11"]


def test_it_shows_the_guideline_view_without_policy_only_parts():
    view = build_view(_snapshot(), "guideline")
    assert view["title"] == "Social Computing Guidelines"
    assert [s["heading"] for s in view["sections"]] == ["Be yourself"]
    assert [r["key"] for r in view["sections"][0]["rules"]] == ["10", "11", "12"]


def test_it_prefers_the_authors_phrasing_and_flags_the_engines():
    rules = build_view(_snapshot(), "policy")["sections"][0]["rules"]
    assert (rules[0]["text"], rules[0]["automatic"]) == (
        "Employees must identify themselves.",
        False,
    )
    assert (rules[1]["text"], rules[1]["automatic"]) == ("Do not post anonymously.", True)
    guideline = build_view(_snapshot(), "guideline")["sections"][0]["rules"]
    assert (guideline[0]["text"], guideline[0]["automatic"]) == ("Identify yourself.", True)
    assert (guideline[2]["text"], guideline[2]["automatic"]) == ("Feel free to share news.", False)


def test_it_phrases_a_rule_itself_when_nothing_was_cached():
    text, automatic = rule_text(_rule("1", statement="Protect confidential information."), "policy")
    assert automatic
    assert text.strip()


def test_it_ignores_a_blank_hand_written_phrasing():
    text, automatic = rule_text(_rule("1", policy_text="   ", auto_policy="Cached."), "policy")
    assert (text, automatic) == ("Cached.", True)


def test_it_labels_modalities_and_anchors_rules():
    rule = build_view(_snapshot(), "policy")["sections"][0]["rules"][1]
    assert (rule["modality"], rule["modality_label"]) == ("must_not", "MUST NOT")
    assert rule["anchor"] == "rule-11"
    assert modality_label("shall") == "SHALL"


@pytest.mark.parametrize(
    "visibility,tone,shown",
    [
        ("both", "policy", True),
        ("", "guideline", True),
        ("policy", "policy", True),
        ("policy", "guideline", False),
        ("guideline", "policy", False),
    ],
)
def test_it_decides_visibility_by_tone(visibility, tone, shown):
    assert visible_in(visibility, tone) is shown


def test_it_falls_back_to_the_default_for_an_unknown_tone():
    assert normalise_tone("policy") == "policy"
    assert normalise_tone("shouty", "policy") == "policy"
    assert normalise_tone(None) == "guideline"


def test_it_does_not_change_the_snapshot_it_reads():
    snapshot = _snapshot()
    build_view(snapshot, "policy")
    assert snapshot == _snapshot()
