import random
from itertools import accumulate

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textkit import diff
from textkit.diff import (
    diff_stats,
    longest_increasing_subsequence,
    matching_blocks,
    redline_html,
    side_by_side_html,
    tokenize,
    word_diff,
)

WORDS = ["the", "staff", "must", "not", "post", "café", "日本", "don't", "👍🏽", "e\u0301"]
SEPARATORS = [" ", "  ", "\n", "\r\n", ", ", ". ", "\x00", "-"]


def old_side(ops):
    return "".join(text for op, text in ops if op != "insert")


def new_side(ops):
    return "".join(text for op, text in ops if op != "delete")


def boundaries(text):
    return set(accumulate((len(t) for t in tokenize(text)), initial=0))


def assert_well_formed(old, new, ops):
    assert old_side(ops) == old
    assert new_side(ops) == new
    assert all(text for _, text in ops)
    assert all(a[0] != b[0] for a, b in zip(ops, ops[1:], strict=False))
    old_cuts, new_cuts = boundaries(old), boundaries(new)
    old_pos = new_pos = 0
    for op, text in ops:
        if op != "insert":
            assert old_pos in old_cuts and old_pos + len(text) in old_cuts
            old_pos += len(text)
        if op != "delete":
            assert new_pos in new_cuts and new_pos + len(text) in new_cuts
            new_pos += len(text)


prose = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=60).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)


@given(st.text(), st.text())
def test_it_rebuilds_both_texts_from_any_unicode(old, new):
    assert_well_formed(old, new, word_diff(old, new))


@given(prose, prose)
def test_it_rebuilds_both_texts_from_prose_with_shared_runs(old, new):
    assert_well_formed(old, new, word_diff(old, new))


@given(prose, st.data())
def test_it_keeps_shared_words_equal_when_one_word_is_replaced(old, data):
    tokens = tokenize(old)
    words = [i for i, token in enumerate(tokens) if diff.is_word(token)]
    if not words:
        return
    i = data.draw(st.sampled_from(words))
    new = "".join(tokens[:i] + ["REPLACED"] + tokens[i + 1 :])
    ops = word_diff(old, new)
    assert_well_formed(old, new, ops)
    assert "".join(t for op, t in ops if op == "insert") == "REPLACED"
    assert "".join(t for op, t in ops if op == "delete") == tokens[i]


def test_it_reports_whole_words_not_letters():
    assert word_diff("the colour of it", "the color of it") == [
        ("equal", "the "),
        ("delete", "colour"),
        ("insert", "color"),
        ("equal", " of it"),
    ]


def test_it_folds_a_lone_space_between_two_replaced_words_into_one_edit():
    assert word_diff("say the quick brown fox", "say a slow brown fox") == [
        ("equal", "say "),
        ("delete", "the quick"),
        ("insert", "a slow"),
        ("equal", " brown fox"),
    ]


def test_it_returns_nothing_for_two_empty_texts_and_one_equality_for_equal_ones():
    assert word_diff("", "") == []
    assert word_diff("same text", "same text") == [("equal", "same text")]
    assert word_diff("", "new") == [("insert", "new")]
    assert word_diff("old", "") == [("delete", "old")]


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("a cafe\u0301 b", "cafe\u0301"),  # decomposed accent
        ("a हिन्दी b", "हिन्दी"),  # Devanagari vowel signs are marks
        ("a don't b", "don't"),
        ("a don\u2019t b", "don\u2019t"),
        ("a 👨\u200d👩\u200d👧 b", "👨\u200d👩\u200d👧"),  # emoji joined by ZWJ
        ("a 👍🏽 b", "👍🏽"),  # skin-tone modifier
        ("a 🇬🇧 b", "🇬🇧"),  # flag
    ],
)
def test_it_keeps_marks_joiners_and_apostrophes_inside_their_token(text, token):
    assert token in tokenize(text)


def test_it_treats_each_cjk_character_as_a_word():
    assert tokenize("我爱猫abc") == ["我", "爱", "猫", "abc"]
    assert word_diff("我爱猫", "我爱狗") == [("equal", "我爱"), ("delete", "猫"), ("insert", "狗")]


def test_it_keeps_crlf_and_nul_intact():
    old, new = "one\r\ntwo\x00three", "one\r\nTWO\x00three"
    assert word_diff(old, new) == [
        ("equal", "one\r\n"),
        ("delete", "two"),
        ("insert", "TWO"),
        ("equal", "\x00three"),
    ]


def long_text(rng, count, vocabulary):
    return " ".join(rng.choice(vocabulary) for _ in range(count))


def test_it_finds_scattered_edits_in_a_long_text():
    rng = random.Random(3)
    vocabulary = [f"w{i}" for i in range(400)]
    words = long_text(rng, 5000, vocabulary).split(" ")
    edited = list(words)
    for i in rng.sample(range(len(words)), 100):
        edited[i] = "CHANGED"
    old, new = " ".join(words), " ".join(edited)
    ops = word_diff(old, new)
    assert_well_formed(old, new, ops)
    added, removed = diff_stats(old, new)
    # A coarse diff would report thousands; a good one about one per edited word.
    assert 100 <= added <= 130
    assert 100 <= removed <= 130


def test_it_handles_more_distinct_tokens_than_the_private_use_area_holds():
    count = 9000  # the BMP private-use area has 6400 code points
    old = " ".join(f"t{i}" for i in range(count))
    new = " ".join(f"t{i}" if i % 1000 else f"u{i}" for i in range(count))
    ops = word_diff(old, new)
    assert_well_formed(old, new, ops)
    assert [t for op, t in ops if op == "delete"] == [f"t{i}" for i in range(0, count, 1000)]


def test_it_maps_token_numbers_to_distinct_non_surrogate_characters():
    indices = [0, 6399, 6400, 6400 + 65533, 6400 + 65534, diff._ALPHABET_LIMIT - 1]
    indices += list(range(200_000, 1_112_064, 997))
    chars = [diff.code_point(i) for i in indices]
    assert len(set(chars)) == len(chars)
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in chars)
    assert diff._ALPHABET_LIMIT == 0x110000 - 0x800
    with pytest.raises(IndexError):
        diff.code_point(diff._ALPHABET_LIMIT)


def test_it_falls_back_to_a_coarse_but_exact_diff_when_tokens_outnumber_characters(
    monkeypatch,
):
    monkeypatch.setattr(diff, "_ALPHABET_LIMIT", 3)
    old, new = "keep a b c keep", "keep x y z keep"
    ops = word_diff(old, new)
    assert ops == [("equal", "keep "), ("delete", "a b c"), ("insert", "x y z"), ("equal", " keep")]


def test_it_stays_exact_when_out_of_time():
    rng = random.Random(5)
    vocabulary = [f"w{i}" for i in range(50)]
    old, new = long_text(rng, 3000, vocabulary), long_text(rng, 3000, vocabulary)
    assert_well_formed(old, new, word_diff(old, new, timeout=0.0))


def test_it_counts_words_not_spaces_or_punctuation():
    assert diff_stats("The cat sat.", "The dog sat!") == (1, 1)
    assert diff_stats("Hello, world", "Hello world") == (0, 0)
    assert diff_stats("one", "one two three") == (2, 0)
    assert diff_stats("same", "same") == (0, 0)


def test_it_escapes_text_and_announces_changes_in_the_redline():
    html = redline_html([("equal", "<b>"), ("delete", "old & gone"), ("insert", "new")])
    assert html == (
        "&lt;b&gt;"
        '<del class="diff-del"><span class="sr-only">[deleted: </span>old &amp; gone'
        '<span class="sr-only">]</span></del>'
        '<ins class="diff-ins"><span class="sr-only">[inserted: </span>new'
        '<span class="sr-only">]</span></ins>'
    )


def test_it_shows_deletions_left_and_insertions_right():
    left, right = side_by_side_html(word_diff("keep <old>", "keep new"))
    assert left.startswith("keep ") and right.startswith("keep ")
    assert "&lt;old&gt;" in left and "<ins" not in left and "new" not in left
    assert "new" in right and "<del" not in right and "old" not in right


def test_it_rejects_an_unknown_op():
    with pytest.raises(ValueError):
        redline_html([("replace", "x")])


@given(st.lists(st.integers(-20, 20), max_size=40))
def test_it_finds_a_longest_increasing_subsequence(values):
    picked = longest_increasing_subsequence(values)
    chosen = [values[i] for i in picked]
    assert picked == sorted(set(picked))
    assert all(a < b for a, b in zip(chosen, chosen[1:], strict=False))
    best = [1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i]:
                best[i] = max(best[i], best[j] + 1)
    assert len(picked) == max(best, default=0)


@settings(max_examples=200)
@given(
    st.lists(st.sampled_from("abcd"), max_size=30), st.lists(st.sampled_from("abcd"), max_size=30)
)
def test_it_gives_matching_blocks_of_equal_items_in_order(a, b):
    blocks = matching_blocks(a, b)
    assert blocks[-1] == (len(a), len(b), 0)
    end_a = end_b = 0
    for i, j, n in blocks[:-1]:
        assert n > 0 and i >= end_a and j >= end_b
        assert a[i : i + n] == b[j : j + n]
        end_a, end_b = i + n, j + n
    if a == b:
        assert blocks[:-1] == ([(0, 0, len(a))] if a else [])


def test_it_folds_a_run_of_replaced_words_into_one_deletion_and_one_insertion():
    assert word_diff("keep a b c keep", "keep x y z keep") == [
        ("equal", "keep "),
        ("delete", "a b c"),
        ("insert", "x y z"),
        ("equal", " keep"),
    ]


def test_it_tokenizes_ascii_and_unicode_text_alike():
    text = "Don't post\x1cit, please\t_now_."
    assert text.isascii()
    assert tokenize(text + " é") == tokenize(text) + [" ", "é"]
