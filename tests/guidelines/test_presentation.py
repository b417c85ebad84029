"""textkit.presentation: a snapshot seen in one tone. Pure, so no database here."""

import pytest

from textkit import presentation
from textkit import tone as tone_engine
from textkit.presentation import (
    build_view,
    complete_view,
    modality_label,
    normalise_tone,
    phrase,
    rule_text,
    strength_class,
    strength_words,
    title_for,
    tone_label,
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


# --- strength in plain words ------------------------------------------------------------------


def _rules_by_key(tone):
    return {r["key"]: r for s in build_view(_snapshot(), tone)["sections"] for r in s["rules"]}


def test_every_rule_shows_its_strength_in_plain_words_the_same_in_both_voices():
    policy, guideline = _rules_by_key("policy"), _rules_by_key("guideline")
    assert {k: r["strength"] for k, r in policy.items()} == {
        "10": "Required",
        "11": "Not allowed",
        "20": "Required",
    }
    assert guideline["12"]["strength"] == "Allowed"
    assert guideline["12"]["strength_class"] == "strength-allowed"
    for key in policy.keys() & guideline.keys():
        assert (policy[key]["strength"], policy[key]["strength_class"]) == (
            guideline[key]["strength"],
            guideline[key]["strength_class"],
        )
    assert policy["11"]["strength_class"] == "strength-not-allowed"


@pytest.mark.parametrize(
    "modality,words,css",
    [
        ("must", "Required", "strength-required"),
        ("must_not", "Not allowed", "strength-not-allowed"),
        ("should", "Recommended", "strength-recommended"),
        ("should_not", "Best avoided", "strength-best-avoided"),
        ("may", "Allowed", "strength-allowed"),
        ("shall", "", "strength-none"),
        ("", "", "strength-none"),
    ],
)
def test_it_names_each_strength_and_its_marker(modality, words, css):
    assert (strength_words(modality), strength_class(modality)) == (words, css)


def test_it_labels_what_only_one_voice_shows():
    assert (tone_label("policy"), tone_label("guideline"), tone_label("both")) == (
        "Policy only",
        "Guideline only",
        "",
    )
    policy = build_view(_snapshot(), "policy")
    assert [s["tone_label"] for s in policy["sections"]] == ["", "Policy only"]
    assert _rules_by_key("guideline")["12"]["tone_label"] == "Guideline only"


def test_it_renders_with_the_tone_engine_when_nothing_is_cached():
    rule = _rule("1", modality="must_not", statement="Don't post anonymously.")
    for tone in ("policy", "guideline"):
        rendered = tone_engine.render("Don't post anonymously.", tone, "must_not")
        assert rule_text(rule, tone) == (rendered.text, True)


def test_a_cached_automatic_phrasing_that_contradicts_the_strength_gives_way():
    # An older engine cached "Avoid …" (a recommendation) for a MUST NOT rule.
    rule = _rule(
        "1",
        modality="must_not",
        statement="Don't post anonymously.",
        auto_guideline="Avoid posting anonymously.",
    )
    shown = phrase(rule, "guideline")
    assert shown.text == tone_engine.render("Don't post anonymously.", "guideline", "must_not").text
    assert shown.text != "Avoid posting anonymously."
    assert (shown.automatic, shown.strength_issue) == (True, "")


def test_a_hand_written_phrasing_stands_and_a_wrong_strength_in_it_is_reported():
    rule = _rule("1", modality="must", guideline_text="Feel free to protect what is confidential.")
    shown = phrase(rule, "guideline")
    assert (shown.text, shown.automatic) == ("Feel free to protect what is confidential.", False)
    assert "MUST" in shown.strength_issue and "Required" in shown.strength_issue
    view = build_view(
        {**_snapshot(), "sections": [{**_snapshot()["sections"][0], "rules": [rule]}]}, "guideline"
    )
    assert view["sections"][0]["rules"][0]["strength_issue"] == shown.strength_issue
    assert phrase(_rule("2", guideline_text="Always protect it."), "guideline").strength_issue == ""


def test_a_stored_view_without_strengths_gets_them_and_keeps_its_words():
    view = build_view(_snapshot(), "policy")
    for section in view["sections"]:
        del section["tone_label"]
        for rule in section["rules"]:
            for name in ("strength", "strength_class", "strength_issue", "tone_label"):
                del rule[name]
    texts = [r["text"] for s in view["sections"] for r in s["rules"]]
    completed = complete_view(view)
    assert [r["text"] for s in completed["sections"] for r in s["rules"]] == texts
    assert [r["strength"] for r in completed["sections"][0]["rules"]] == ["Required", "Not allowed"]
    assert completed["sections"][1]["tone_label"] == "Policy only"
    assert complete_view(build_view(_snapshot(), "policy")) == build_view(_snapshot(), "policy")


@pytest.mark.parametrize(
    ("subject", "tone", "title"),
    [
        ("Social Computing", "policy", "Social Computing Policy"),
        ("Social Computing", "guideline", "Social Computing Guidelines"),
        ("Social Media Policy", "policy", "Social Media Policy"),
        ("Social Media Policy", "guideline", "Social Media Guidelines"),
        ("Blogging Guidelines", "policy", "Blogging Policy"),
        ("Blogging guidelines", "guideline", "Blogging Guidelines"),
        ("Policy", "policy", "Policy"),
        ("Guidelines", "guideline", "Guidelines"),
    ],
)
def test_a_title_never_doubles_its_kind(subject, tone, title):
    assert presentation.document_title(subject, tone) == title


def test_an_overridden_title_is_used_as_written():
    assert presentation.document_title("Social Media Policy", "guideline", "Our Code") == "Our Code"
