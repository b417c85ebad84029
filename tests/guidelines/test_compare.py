import copy
import dataclasses
import json

import pytest

from textkit.compare import compare_snapshots, modality_change, moved_keys


def rule(key, statement="Identify yourself.", modality="should", **extra):
    data = {
        "key": key,
        "modality": modality,
        "statement": statement,
        "policy_text": "",
        "guideline_text": "",
        "explanation": "",
        "visibility": "both",
    }
    data.update(extra)
    return data


def section(key, heading, rules=(), body="Some words.", **extra):
    data = {
        "key": key,
        "anchor": heading.lower().replace(" ", "-"),
        "heading": heading,
        "body": body,
        "visibility": "both",
        "rules": list(rules),
    }
    data.update(extra)
    return data


def snapshot(*sections, summary="How we talk online."):
    return {
        "document": {
            "subject": "Social Computing",
            "title_policy": "",
            "title_guideline": "",
            "summary": summary,
        },
        "sections": list(sections),
    }


BASE = snapshot(
    section("1", "Be yourself", [rule("11"), rule("12", "Use your real name.", "must")]),
    section("2", "Confidentiality", [rule("21", "Keep secrets.", "must_not")]),
    section("3", "Mistakes", [rule("31", "Correct errors."), rule("32", "Say sorry.", "may")]),
)


def changed(edit):
    new = copy.deepcopy(BASE)
    edit(new)
    return new


def by_key(comparison):
    return {s.key: s for s in comparison.sections}


def test_it_reports_nothing_between_equal_snapshots():
    comparison = compare_snapshots(BASE, copy.deepcopy(BASE))
    assert [s.status for s in comparison.sections] == ["unchanged"] * 3
    assert not comparison.summary.has_changes
    assert comparison.summary.sections_unchanged == 3
    assert comparison.summary.words_added == comparison.summary.words_removed == 0


def test_it_diffs_the_summary_word_by_word():
    new = changed(lambda s: s["document"].update(summary="How we talk in public."))
    comparison = compare_snapshots(BASE, new)
    summary_field = next(f for f in comparison.document if f.name == "summary")
    assert summary_field.changed
    assert summary_field.ops == [
        ("equal", "How we talk "),
        ("delete", "online"),
        ("insert", "in public"),
        ("equal", "."),
    ]
    assert comparison.summary.document_fields_changed == 1
    assert (comparison.summary.words_added, comparison.summary.words_removed) == (2, 1)


def test_it_marks_an_added_section_and_its_rules_as_added():
    new = changed(lambda s: s["sections"].append(section("4", "Security", [rule("41")])))
    added = by_key(compare_snapshots(BASE, new))["4"]
    assert added.status == "added"
    assert [r.status for r in added.rules] == ["added"]
    assert added.heading.ops == [("insert", "Security")]


def test_it_keeps_a_removed_section_where_it_was():
    new = changed(lambda s: s["sections"].pop(1))
    comparison = compare_snapshots(BASE, new)
    assert [(s.key, s.status) for s in comparison.sections] == [
        ("1", "unchanged"),
        ("2", "removed"),
        ("3", "unchanged"),
    ]
    removed = comparison.sections[1]
    assert [r.status for r in removed.rules] == ["removed"]
    assert removed.rules[0].statement.ops == [("delete", "Keep secrets.")]
    assert comparison.summary.sections_removed == 1
    assert comparison.summary.rules_removed == 1


def test_it_flags_only_the_section_that_truly_moved():
    new = changed(lambda s: s["sections"].insert(0, s["sections"].pop(2)))
    comparison = compare_snapshots(BASE, new)
    assert [(s.key, s.moved) for s in comparison.sections] == [
        ("3", True),
        ("1", False),
        ("2", False),
    ]
    assert comparison.summary.sections_moved == 1
    assert comparison.sections[0].status == "unchanged"


def test_it_flags_a_renamed_section_with_both_headings():
    new = changed(lambda s: s["sections"][0].update(heading="Be who you are"))
    first = compare_snapshots(BASE, new).sections[0]
    assert first.renamed and first.status == "changed"
    assert (first.old_heading, first.new_heading) == ("Be yourself", "Be who you are")
    assert first.heading.ops == [
        ("equal", "Be "),
        ("delete", "yourself"),
        ("insert", "who you are"),
    ]


def test_it_reports_a_section_visibility_and_body_change():
    def edit(s):
        s["sections"][2].update(visibility="policy", body="Some more words.")

    mistakes = by_key(compare_snapshots(BASE, changed(edit)))["3"]
    assert mistakes.status == "changed"
    assert dataclasses.asdict(mistakes.visibility_change) == {"old": "both", "new": "policy"}
    assert mistakes.body.ops == [("equal", "Some "), ("insert", "more "), ("equal", "words.")]


def test_it_reports_changed_rule_texts():
    def edit(s):
        s["sections"][0]["rules"][0].update(
            statement="Identify yourself clearly.", explanation="Readers trust names."
        )

    comparison = compare_snapshots(BASE, changed(edit))
    identify = comparison.sections[0].rules[0]
    assert identify.status == "changed"
    assert identify.statement.ops == [
        ("equal", "Identify yourself"),
        ("insert", " clearly"),
        ("equal", "."),
    ]
    assert identify.explanation.ops == [("insert", "Readers trust names.")]
    assert not identify.policy_text.changed
    assert comparison.summary.rules_changed == 1
    assert comparison.summary.words_added == 4


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        ("should", "must", "strengthened"),
        ("may", "should", "strengthened"),
        ("should_not", "must_not", "strengthened"),
        ("must", "should", "weakened"),
        ("must_not", "may", "weakened"),
        ("must", "must_not", "reversed"),
        ("should_not", "must", "reversed"),
    ],
)
def test_it_tells_which_way_a_modality_moved(old, new, direction):
    change = modality_change(old, new)
    assert change.direction == direction
    assert change.legally_significant


def test_it_reports_a_modality_change_on_a_rule_as_legally_significant():
    new = changed(lambda s: s["sections"][0]["rules"][0].update(modality="must"))
    comparison = compare_snapshots(BASE, new)
    identify = comparison.sections[0].rules[0]
    assert identify.status == "changed"
    assert dataclasses.asdict(identify.modality_change) == {
        "old": "should",
        "new": "must",
        "legally_significant": True,
        "direction": "strengthened",
    }
    assert comparison.summary.modality_changes == 1
    assert modality_change("may", "may") is None


def test_it_reports_a_rule_visibility_change():
    new = changed(lambda s: s["sections"][1]["rules"][0].update(visibility="guideline"))
    secret = compare_snapshots(BASE, new).sections[1].rules[0]
    assert secret.status == "changed"
    assert (secret.visibility_change.old, secret.visibility_change.new) == ("both", "guideline")


def test_it_places_removed_rules_where_they_were_and_adds_new_ones():
    def edit(s):
        rules = s["sections"][2]["rules"]
        rules.pop(0)
        rules.append(rule("33", "Learn from it."))

    mistakes = by_key(compare_snapshots(BASE, changed(edit)))["3"]
    assert [(r.key, r.status) for r in mistakes.rules] == [
        ("31", "removed"),
        ("32", "unchanged"),
        ("33", "added"),
    ]
    assert mistakes.status == "changed"


def test_it_flags_a_rule_reordered_within_its_section():
    new = changed(lambda s: s["sections"][0]["rules"].reverse())
    comparison = compare_snapshots(BASE, new)
    first = comparison.sections[0]
    assert [(r.key, r.status) for r in first.rules] == [("12", "unchanged"), ("11", "unchanged")]
    # Of two swapped rules either may be called the moved one, but never both.
    assert sum(r.moved for r in first.rules) == 1
    assert first.status == "changed"
    assert comparison.summary.rules_moved == 1


def test_it_shows_a_rule_moved_across_sections_as_removed_there_and_added_here():
    def edit(s):
        moved = s["sections"][0]["rules"].pop(1)
        moved["statement"] = "Use your full real name."
        s["sections"][2]["rules"].append(moved)

    comparison = compare_snapshots(BASE, changed(edit))
    sections = by_key(comparison)
    left = sections["1"].rules[1]
    arrived = sections["3"].rules[2]
    assert (left.key, left.status, left.moved_to) == ("12", "removed", "Mistakes")
    assert (arrived.key, arrived.status, arrived.moved_from) == ("12", "added", "Be yourself")
    assert arrived.statement.ops == [
        ("equal", "Use your "),
        ("insert", "full "),
        ("equal", "real name."),
    ]
    summary = comparison.summary
    assert (summary.rules_moved, summary.rules_added, summary.rules_removed) == (1, 0, 0)
    assert (summary.words_added, summary.words_removed) == (1, 0)


def test_it_counts_sections_by_status():
    def edit(s):
        s["sections"][0]["heading"] = "Be who you are"
        s["sections"].pop(1)
        s["sections"].append(section("4", "Security"))

    summary = compare_snapshots(BASE, changed(edit)).summary
    assert (
        summary.sections_added,
        summary.sections_removed,
        summary.sections_renamed,
        summary.sections_changed,
        summary.sections_unchanged,
    ) == (1, 1, 1, 1, 1)


def test_it_serialises_to_json():
    new = changed(lambda s: s["sections"][0]["rules"][0].update(modality="must"))
    data = dataclasses.asdict(compare_snapshots(BASE, new))
    assert json.loads(json.dumps(data))["sections"][0]["rules"][0]["modality"] == "must"


def test_it_tolerates_extra_and_missing_fields_in_snapshots():
    old = {"document": {"subject": "S", "default_tone": "policy"}, "sections": []}
    new = {"document": {"subject": "S"}, "sections": [{"key": "9", "heading": "H", "id": 9}]}
    comparison = compare_snapshots(old, new)
    assert [s.status for s in comparison.sections] == ["added"]


def test_it_moves_only_the_keys_outside_the_longest_kept_order():
    assert moved_keys(list("abcde"), list("eabcd")) == {"e"}
    assert moved_keys(list("abc"), list("abc")) == set()
    assert moved_keys(list("abc"), list("xbz")) == set()


# --- in the words readers read ------------------------------------------------------------------


def test_without_a_voice_it_compares_rules_as_written_only():
    new = changed(lambda s: s["sections"][0]["rules"][0].update(guideline_text="Say who you are."))
    identify = compare_snapshots(BASE, new).sections[0].rules[0]
    assert identify.phrasings == []
    assert identify.guideline_text.changed


def test_a_hand_written_phrasing_edit_is_a_change_in_the_words_of_its_voice():
    old = changed(
        lambda s: s["sections"][0]["rules"][1].update(guideline_text="Always sign posts.")
    )
    new = changed(
        lambda s: s["sections"][0]["rules"][1].update(guideline_text="Always sign your posts.")
    )
    comparison = compare_snapshots(old, new, tones=("guideline",))
    name = comparison.sections[0].rules[1]
    assert name.status == "changed" and comparison.summary.phrasings_changed == 1
    [voice] = name.phrasings
    assert (voice.asked, voice.tone, voice.automatic) == ("guideline", "guideline", False)
    assert (voice.text.old, voice.text.new) == ("Always sign posts.", "Always sign your posts.")
    assert ("insert", "your ") in voice.text.ops
    # Policy readers read the same words as before.
    policy = compare_snapshots(old, new, tones=("policy",)).sections[0].rules[1].phrasings[0]
    assert not policy.text.changed and policy.text.new == rendered("Use your real name.", "must")


def rendered(statement, modality, tone="policy"):
    from textkit import tone as engine

    return engine.render(statement, tone, modality).text


def test_a_statement_edit_shows_in_each_voice_as_the_engine_renders_it():
    new = changed(lambda s: s["sections"][1]["rules"][0].update(statement="Keep all secrets."))
    comparison = compare_snapshots(BASE, new, tones=("policy", "guideline"))
    policy, guideline = comparison.sections[1].rules[0].phrasings
    assert [p.tone for p in (policy, guideline)] == ["policy", "guideline"]
    for voice in (policy, guideline):
        assert voice.text.changed
        assert voice.text.new == rendered("Keep all secrets.", "must_not", voice.tone)
        assert voice.automatic


def test_unchanged_rules_in_place_carry_no_phrasings():
    comparison = compare_snapshots(BASE, copy.deepcopy(BASE), tones=("policy", "guideline"))
    assert all(not r.phrasings for s in comparison.sections for r in s.rules)
    assert comparison.summary.phrasings_changed == 0 and not comparison.summary.has_changes


def test_a_rule_shown_in_the_other_voice_only_reads_as_its_readers_read_it():
    def edit(s):
        s["sections"][2]["visibility"] = "guideline"
        s["sections"][2]["rules"][0]["statement"] = "Correct errors quickly."

    old = changed(lambda s: s["sections"][2].update(visibility="guideline"))
    comparison = compare_snapshots(old, changed(edit), tones=("policy",))
    mistakes = by_key(comparison)["3"]
    assert mistakes.visibility == "guideline"
    voice = mistakes.rules[0].phrasings[0]
    assert (voice.asked, voice.tone) == ("policy", "guideline")
    assert voice.text.new == rendered("Correct errors quickly.", "should", "guideline")


def test_a_rule_that_leaves_a_voice_reads_as_removed_there():
    new = changed(lambda s: s["sections"][1]["rules"][0].update(visibility="guideline"))
    voice = compare_snapshots(BASE, new, tones=("policy",)).sections[1].rules[0].phrasings[0]
    assert voice.text.old and voice.text.new == ""


def test_removed_added_and_moved_rules_compare_in_voices_too():
    def edit(s):
        moved = s["sections"][0]["rules"].pop(1)
        s["sections"][2]["rules"].append(moved)
        s["sections"][1]["rules"].pop(0)

    comparison = compare_snapshots(BASE, changed(edit), tones=("guideline",))
    sections = by_key(comparison)
    left, arrived = sections["1"].rules[1], sections["3"].rules[2]
    assert left.phrasings[0].text.ops == [("delete", left.phrasings[0].text.old)]
    assert not arrived.phrasings[0].text.changed  # moved as it was: the same words
    gone = sections["2"].rules[0].phrasings[0]
    assert gone.text.old and not gone.text.new and gone.text.changed


def test_it_refuses_an_unknown_voice():
    with pytest.raises(ValueError, match="unknown tone"):
        compare_snapshots(BASE, BASE, tones=("shouty",))


def test_a_phrasing_that_states_another_strength_is_reported_with_its_voice():
    new = changed(
        lambda s: s["sections"][1]["rules"][0].update(guideline_text="Feel free to keep secrets.")
    )
    voice = compare_snapshots(BASE, new, tones=("guideline",)).sections[1].rules[0].phrasings[0]
    assert "MUST NOT" in voice.strength_issue and not voice.automatic
