import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from textkit.merge import Conflict, MergeResult, merge_fields, three_way_merge

BASE = (
    "Be who you are.\n"
    "\n"
    "Speak for yourself, not for the company.\n"
    "\n"
    "Respect your audience and your coworkers.\n"
)


def test_it_keeps_edits_to_different_paragraphs_from_both_sides():
    ours = BASE.replace("Be who you are.", "Be who you are, always.")
    theirs = BASE.replace("your coworkers", "your colleagues")
    result = three_way_merge(BASE, ours, theirs)
    assert result.clean
    assert result.text == (
        "Be who you are, always.\n"
        "\n"
        "Speak for yourself, not for the company.\n"
        "\n"
        "Respect your audience and your colleagues.\n"
    )


def test_it_keeps_edits_to_different_words_of_one_paragraph():
    base = "Employees must not post confidential information on any public site."
    ours = base.replace("must not", "should not")
    theirs = base.replace("public site", "public website")
    result = three_way_merge(base, ours, theirs)
    assert result == MergeResult(
        "Employees should not post confidential information on any public website."
    )


def test_it_reports_both_sides_changing_the_same_words():
    base = "Respect your audience.\nUse good judgment.\n"
    ours = "Respect your readers.\nUse good judgment.\n"
    theirs = "Respect your customers.\nUse good judgment.\n"
    result = three_way_merge(base, ours, theirs)
    assert not result.clean
    assert result.text == ours
    assert result.conflicts == [
        Conflict("Respect your audience.\n", "Respect your readers.\n", "Respect your customers.\n")
    ]


def test_it_keeps_ours_in_the_conflicting_region_and_merges_the_rest():
    ours = BASE.replace("Be who", "Always be who").replace("coworkers", "peers")
    theirs = BASE.replace("Be who", "Please be who")
    result = three_way_merge(BASE, ours, theirs)
    assert result.text == ours
    assert [c.base for c in result.conflicts] == ["Be who you are.\n"]


def test_it_reports_two_insertions_at_the_same_place():
    result = three_way_merge("a\nc\n", "a\nb1\nc\n", "a\nb2\nc\n")
    assert result.conflicts == [Conflict("", "b1\n", "b2\n")]


def test_it_does_not_count_identical_edits_as_a_conflict():
    ours = BASE.replace("company", "organisation")
    assert three_way_merge(BASE, ours, ours) == MergeResult(ours)
    both = BASE.replace("company", "organisation").replace("Be who", "Always be who")
    result = three_way_merge(BASE, both, ours)
    assert result == MergeResult(both)


def test_it_returns_the_other_side_exactly_when_one_side_is_unchanged():
    theirs = "Something else entirely.\r\nWith odd\x00 characters"
    assert three_way_merge(BASE, BASE, theirs) == MergeResult(theirs)
    assert three_way_merge(BASE, theirs, BASE) == MergeResult(theirs)


def test_it_keeps_a_deletion_on_one_side_and_an_edit_elsewhere_on_the_other():
    ours = BASE.replace("Speak for yourself, not for the company.\n\n", "")
    theirs = BASE.replace("Be who you are.", "Be yourself.")
    result = three_way_merge(BASE, ours, theirs)
    assert result.clean
    assert result.text == "Be yourself.\n\nRespect your audience and your coworkers.\n"


def test_it_exposes_frozen_results():
    with pytest.raises(dataclasses.FrozenInstanceError):
        MergeResult("x").text = "y"  # type: ignore[misc]


paragraph = st.lists(
    st.sampled_from(["be", "who", "you", "are", "respect", "the", "audience", "and"]),
    min_size=1,
    max_size=8,
).map(" ".join)


@given(
    st.lists(paragraph, min_size=2, max_size=8),
    st.data(),
)
def test_it_always_merges_edits_to_disjoint_paragraphs_cleanly(paragraphs, data):
    count = len(paragraphs)
    ours_index = data.draw(st.integers(0, count - 1))
    theirs_index = data.draw(st.integers(0, count - 1).filter(lambda i: i != ours_index))
    ours_text = data.draw(paragraph.filter(lambda p: p != paragraphs[ours_index]))
    theirs_text = data.draw(paragraph.filter(lambda p: p != paragraphs[theirs_index]))

    def join(replacements):
        return "\n\n".join(replacements.get(i, p) for i, p in enumerate(paragraphs)) + "\n"

    base = join({})
    result = three_way_merge(base, join({ours_index: ours_text}), join({theirs_index: theirs_text}))
    assert result.clean
    assert result.text == join({ours_index: ours_text, theirs_index: theirs_text})


@given(st.text(), st.text())
def test_it_gives_back_the_changed_side_for_any_text(base, other):
    assert three_way_merge(base, base, other).text == other
    assert three_way_merge(base, other, base).text == other


def test_it_merges_fields_changed_on_one_side_each():
    base = {"heading": "Be yourself", "visibility": "both", "position": 1}
    ours = {"heading": "Be who you are", "visibility": "both", "position": 1}
    theirs = {"heading": "Be yourself", "visibility": "policy", "position": 1}
    assert merge_fields(base, ours, theirs) == (
        {"heading": "Be who you are", "visibility": "policy", "position": 1},
        [],
    )


def test_it_merges_text_fields_changed_on_both_sides_word_by_word():
    base = {"body": "Add value to the conversation."}
    ours = {"body": "Always add value to the conversation."}
    theirs = {"body": "Add value to the discussion."}
    assert merge_fields(base, ours, theirs) == (
        {"body": "Always add value to the discussion."},
        [],
    )


def test_it_reports_fields_both_sides_changed_differently_and_keeps_ours():
    base = {"modality": "should", "position": 1, "body": "Add value."}
    ours = {"modality": "must", "position": 2, "body": "Add real value."}
    theirs = {"modality": "may", "position": 2, "body": "Add some value."}
    merged, conflicts = merge_fields(base, ours, theirs)
    assert merged == ours
    assert conflicts == ["modality", "body"]


def test_it_treats_a_change_of_type_as_a_change():
    merged, conflicts = merge_fields({"n": 1}, {"n": True}, {"n": 1.0})
    assert merged == {"n": True}
    assert conflicts == ["n"]


def test_it_keeps_fields_added_or_removed_on_one_side():
    base = {"a": "x", "b": "y"}
    ours = {"a": "x", "b": "y", "c": "new"}
    theirs = {"a": "x"}
    assert merge_fields(base, ours, theirs) == ({"a": "x", "c": "new"}, [])
