"""The demo document must stay loadable and show off every feature it was written for."""

import copy
import difflib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import markdown
import pytest

from textkit import tone

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "demo" / "social_computing.json"

MODALITIES = {"must", "must_not", "should", "should_not", "may"}
VISIBILITIES = {"both", "policy", "guideline"}
TOP_KEYS = {
    "slug",
    "subject",
    "title_policy",
    "title_guideline",
    "summary",
    "default_tone",
    "sections",
    "history",
    "comments",
}
SECTION_KEYS = {"heading", "anchor", "body", "visibility", "rules"}
TONES = ("policy", "guideline")
RULE_KEYS = {"modality", "statement", "policy_text", "guideline_text", "explanation", "visibility"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def load() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def all_rules(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [rule for section in doc["sections"] for rule in section["rules"]]


def apply_history(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    sections = {s["anchor"]: copy.deepcopy(s) for s in doc["sections"]}
    for edit in doc["history"]:
        section = sections[edit["section_anchor"]]
        if edit["body"] is not None:
            section["body"] = edit["body"]
        if edit["rules"] is not None:
            section["rules"] = copy.deepcopy(edit["rules"])
    return sections


def section_text(section: dict[str, Any]) -> str:
    return "\n".join([section["body"], *(rule["statement"] for rule in section["rules"])])


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "footnotes"])


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return load()


def test_it_has_the_exact_top_level_shape(doc):
    assert set(doc) == TOP_KEYS
    assert doc["slug"] == "social-computing"
    assert doc["subject"] == "Social Computing"
    assert doc["title_policy"] == "" and doc["title_guideline"] == ""
    assert doc["default_tone"] == "guideline"
    assert 0 < doc["summary"].count(".") <= 2


def test_it_has_enough_sections_and_rules(doc):
    assert len(doc["sections"]) >= 12
    assert len(all_rules(doc)) >= 36


def test_every_section_and_rule_has_exactly_the_loader_fields(doc):
    for section in doc["sections"]:
        assert set(section) == SECTION_KEYS, section["anchor"]
        assert section["heading"].strip()
        assert section["visibility"] in VISIBILITIES
        for rule in section["rules"]:
            assert set(rule) == RULE_KEYS, rule["statement"]
            assert rule["modality"] in MODALITIES
            assert rule["visibility"] in VISIBILITIES
            assert rule["statement"].strip().endswith(".")
            for key in RULE_KEYS:
                assert isinstance(rule[key], str)


def test_it_uses_every_modality_several_times(doc):
    counts = Counter(rule["modality"] for rule in all_rules(doc))
    assert set(counts) == MODALITIES
    assert min(counts.values()) >= 3, counts


def test_anchors_are_unique_slugs(doc):
    anchors = [s["anchor"] for s in doc["sections"]]
    assert len(anchors) == len(set(anchors))
    assert all(SLUG.match(anchor) for anchor in anchors), anchors


def test_only_consequences_and_we_trust_you_are_tone_only_sections(doc):
    tone_only = {s["anchor"]: s["visibility"] for s in doc["sections"] if s["visibility"] != "both"}
    assert tone_only == {"consequences": "policy", "we-trust-you": "guideline"}
    consequences = next(s for s in doc["sections"] if s["anchor"] == "consequences")
    assert any("disciplinary" in rule["statement"] for rule in consequences["rules"])


def test_a_few_rules_are_visible_in_one_tone_only(doc):
    visibilities = Counter(rule["visibility"] for rule in all_rules(doc))
    assert 2 <= visibilities["policy"] + visibilities["guideline"] <= 3
    assert visibilities["policy"] >= 1 and visibilities["guideline"] >= 1


def test_section_bodies_are_one_to_three_short_blocks(doc):
    for section in doc["sections"]:
        blocks = [b for b in section["body"].split("\n\n") if b.strip()]
        assert 1 <= len(blocks) <= 3, section["anchor"]
        assert len(section["body"]) < 900, section["anchor"]


def test_bodies_exercise_the_markdown_the_renderer_must_handle(doc):
    html = "\n".join(render(s["body"]) for s in doc["sections"])
    assert html.count("<table") == 1
    assert 'class="footnote"' in html
    assert "<ul>" in html
    assert "<em>" in html and "<strong>" in html
    assert "<blockquote>" in html
    assert re.search(r'<a href="https://[^"]+"', html)


def test_explanations_are_short_markdown_on_some_rules(doc):
    explained = [rule["explanation"] for rule in all_rules(doc) if rule["explanation"]]
    assert len(explained) >= 5
    for text in explained:
        assert 1 <= text.count(". ") + 1 <= 2, text
        assert "<p>" in render(text)


def test_statements_vary_their_grammar_for_the_rephrasing_engine(doc):
    statements = [rule["statement"] for rule in all_rules(doc)]
    openings = [
        "Never ",
        "Don't ",
        "Avoid ",
        "Be ",
        "Think twice before ",
        "You may ",
        "You should ",
        "Employees must ",
        "We encourage you to ",
        "Identify yourself ",
    ]
    for opening in openings:
        assert any(s.startswith(opening) for s in statements), opening
    assert sum(" is prohibited" in s or " is not permitted" in s for s in statements) >= 3


def test_hand_written_phrasings_cover_the_agreed_number_of_rules(doc):
    rules = all_rules(doc)
    both = [r for r in rules if r["policy_text"] and r["guideline_text"]]
    one = [r for r in rules if bool(r["policy_text"]) != bool(r["guideline_text"])]
    assert 5 <= len(both) <= 7
    assert 3 <= len(one) <= 5
    assert any(r["policy_text"] for r in one) and any(r["guideline_text"] for r in one)


def shown(section: dict[str, Any], rule: dict[str, Any], tone: str) -> bool:
    return section["visibility"] in ("both", tone) and rule["visibility"] in ("both", tone)


def every_version_of_every_rule(doc: dict[str, Any]):
    """(section, rule) for the first draft and for every rule a history edit writes."""
    sections = {s["anchor"]: s for s in doc["sections"]}
    for section in doc["sections"]:
        for rule in section["rules"]:
            yield section, rule
    for edit in doc["history"]:
        for rule in edit["rules"] or []:
            yield sections[edit["section_anchor"]], rule


@pytest.mark.parametrize("voice", TONES)
def test_hand_written_phrasings_keep_the_rendering_contract(doc, voice):
    """Each reads as its rule's strength, in its voice's words: no finding of any kind."""
    for _section, rule in every_version_of_every_rule(doc):
        text = rule[f"{voice}_text"]
        if text:
            assert tone.check(text, voice, rule["modality"]) == [], (voice, text)


@pytest.mark.parametrize("voice", TONES)
def test_no_phrasing_readers_see_states_another_strength(doc, voice):
    """What would stop the demo's first submission for review: none of it."""
    for section, rule in every_version_of_every_rule(doc):
        if not shown(section, rule, voice):
            continue
        modality = rule["modality"]
        text = rule[f"{voice}_text"] or tone.render(rule["statement"], voice, modality).text
        found = tone.check(text, voice, modality, statement=rule["statement"])
        assert "strength" not in [f.code for f in found], (voice, text)


def test_one_rule_shown_in_both_voices_needs_its_authors_phrasing(doc):
    """The engine leaves its statement as written, so the editor shows "needs your phrasing"."""
    needing = [
        rule
        for section in doc["sections"]
        for rule in section["rules"]
        if shown(section, rule, "policy")
        and shown(section, rule, "guideline")
        and not rule["policy_text"]
        and not rule["guideline_text"]
        and not any(tone.render(rule["statement"], v, rule["modality"]).automatic for v in TONES)
    ]
    assert [r["statement"] for r in needing] == [
        "Details of a security incident stay internal until the security team publishes them."
    ]


def test_each_history_edit_names_an_existing_section_and_changes_something_small(doc):
    anchors = {s["anchor"] for s in doc["sections"]}
    assert 3 <= len(doc["history"]) <= 5
    current = {s["anchor"]: copy.deepcopy(s) for s in doc["sections"]}
    for edit in doc["history"]:
        assert set(edit) == {"author", "summary", "section_anchor", "body", "rules"}
        assert edit["author"] in {"editor", "admin"}
        assert edit["summary"].strip()
        assert edit["section_anchor"] in anchors
        assert edit["body"] is not None or edit["rules"] is not None
        section = current[edit["section_anchor"]]
        if edit["body"] is not None:
            assert edit["body"] != section["body"]
            ratio = difflib.SequenceMatcher(None, section["body"], edit["body"]).ratio()
            assert ratio > 0.9, edit["summary"]
            section["body"] = edit["body"]
        if edit["rules"] is not None:
            assert edit["rules"] != section["rules"]
            for rule in edit["rules"]:
                assert set(rule) == RULE_KEYS and rule["modality"] in MODALITIES
            section["rules"] = edit["rules"]


def test_one_history_edit_tightens_a_rule_from_should_to_must(doc):
    current = {s["anchor"]: s["rules"] for s in doc["sections"]}
    tightened = 0
    for edit in doc["history"]:
        before = current[edit["section_anchor"]]
        if edit["rules"] is not None:
            if len(before) == len(edit["rules"]):
                tightened += sum(
                    old["modality"] == "should" and new["modality"] == "must"
                    for old, new in zip(before, edit["rules"], strict=True)
                )
            current[edit["section_anchor"]] = edit["rules"]
    assert tightened == 1


def test_comment_quotes_occur_in_their_section_before_and_after_the_history(doc):
    initial = {s["anchor"]: s for s in doc["sections"]}
    final = apply_history(doc)
    assert 4 <= len(doc["comments"]) <= 6
    for comment in doc["comments"]:
        assert set(comment) == {"author", "section_anchor", "quote", "body", "replies"}
        assert comment["author"] in {"employee", "reviewer", "editor"}
        assert comment["body"].strip()
        anchor = comment["section_anchor"]
        assert anchor in initial
        if comment["quote"]:
            assert comment["quote"] in section_text(initial[anchor]), comment["quote"]
            assert comment["quote"] in section_text(final[anchor]), comment["quote"]
        for reply in comment["replies"]:
            assert set(reply) == {"author", "body"}
            assert reply["author"] in {"employee", "reviewer", "editor"}
            assert reply["body"].strip()


def test_some_comment_quotes_are_empty_and_some_are_not(doc):
    quotes = [comment["quote"] for comment in doc["comments"]]
    assert "" in quotes
    assert sum(bool(q) for q in quotes) >= 3


def test_the_text_names_the_invented_organisation_only(doc):
    text = json.dumps(doc)
    assert "Northwind Labs" in text
    assert not re.search(r"\bIBM\b|\bMicrosoft\b|\bIntel\b|\bSun Microsystems\b", text)
