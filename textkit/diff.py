"""Word-level differences between two versions of a text.

Legal reviewers read exactly which words changed between two releases, so the diff works on
whole tokens (words, runs of whitespace, single punctuation marks or symbols) and never shows
half a word as changed. Pure module: strings in, plain data out.

The engine maps every distinct unit (a token with the whitespace after it) to one code point
and diffs the resulting strings with diff-match-patch. Before that, a patience-style pass
splits the problem at units that occur exactly once on both sides, because diff-match-patch's
bisection is quadratic in the number of edits and a long document with scattered edits would
otherwise take seconds. A clean-up pass then folds noise and brings back token detail.
"""

from __future__ import annotations

import html
import re
import time
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from itertools import accumulate, chain, compress
from typing import Literal

from diff_match_patch import diff_match_patch

EQUAL = "equal"
INSERT = "insert"
DELETE = "delete"

Op = tuple[str, str]

# Seconds the diff-match-patch pass may take for one call of word_diff before it settles for a
# coarser (still exact) answer, so a complete rewrite of a long document cannot hang a request.
DEFAULT_TIMEOUT = 0.5

# Below this many units on both sides together, diff-match-patch is fast enough on its own.
_DIRECT_LIMIT = 300


def _mark_ranges() -> str:
    """Character-class ranges of every combining mark (Unicode category M*).

    Python's ``\\w`` does not match combining marks, so without them a decomposed accent or a
    Devanagari vowel sign would cut a word in two. Marks live only in planes 0, 1 and 14.
    """
    parts: list[str] = []
    start = prev = -2
    for cp in chain(range(0x300, 0x20000), range(0xE0000, 0xE1000)):
        if unicodedata.category(chr(cp))[0] != "M":
            continue
        if cp != prev + 1:
            if start >= 0:
                parts.append(_range(start, prev))
            start = cp
        prev = cp
    if start >= 0:
        parts.append(_range(start, prev))
    return "".join(parts)


def _range(first: int, last: int) -> str:
    if first == last:
        return re.escape(chr(first))
    return f"{re.escape(chr(first))}-{re.escape(chr(last))}"


# Characters that extend the token before them: combining marks, the zero-width non-joiner,
# emoji skin-tone modifiers and tag characters (subdivision flags). The zero-width joiner is
# handled apart because in an emoji sequence it also pulls in the symbol after it.
_EXTEND = _mark_ranges() + "\u200c\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f"
# Scripts written without spaces between words: each character counts as a word of its own,
# otherwise a whole Chinese or Japanese sentence would be a single token.
_CJK = (
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
    "\U00020000-\U0002fa1f\U00030000-\U0003134f"
)


# Only non-ASCII characters can extend a token. Testing that first keeps the long class of
# combining marks off the hot path (ends of ASCII words), which makes tokenizing 2-3x faster.
_NON_ASCII = r"(?=[^\x00-\x7f])"


def _token_pattern(letters: str, trailing: str = "") -> re.Pattern[str]:
    """The tokenizer, given the expression for a run of word characters.

    With a trailing whitespace expression each word or symbol takes the whitespace after it
    along: the units the diff engine compares (see word_diff).
    """
    word = rf"(?:{letters}|{_NON_ASCII}[{_EXTEND}\u200d])+"
    extend = rf"(?:{_NON_ASCII}[{_EXTEND}])*"
    return re.compile(
        rf"(?:{word}(?:['\u2019]{word})*"  # apostrophes stay inside words: don't
        rf"|[{_CJK}]{extend}"
        rf"|[\U0001f1e6-\U0001f1ff]{{2}}"  # a flag is a pair of regional indicators
        rf"|[^\w\s]{extend}(?:\u200d(?:[^\w\s]{extend})?)*"  # symbols, emoji sequences
        rf"){trailing}|\s+"
    )


# Three versions of each pattern that split alike. Keeping CJK characters apart needs a
# look-ahead on every letter, so text without CJK skips it; ASCII text has no marks, joiners,
# emoji or CJK at all.
_LETTERS = rf"(?:(?![{_CJK}])\w)+"
_ASCII = r"(?:\w+(?:'\w+)*|[^\w\s])"
_TOKEN_RE = _token_pattern(_LETTERS)
_TOKEN_RE_NO_CJK = _token_pattern(r"\w+")
_TOKEN_RE_ASCII = re.compile(rf"{_ASCII}|\s+")
_UNIT_RE = _token_pattern(_LETTERS, r"\s*")
_UNIT_RE_NO_CJK = _token_pattern(r"\w+", r"\s*")
_UNIT_RE_ASCII = re.compile(rf"{_ASCII}\s*|\s+")
_HAS_CJK = re.compile(rf"[{_CJK}]")
_HAS_WORD_CHAR = re.compile(r"\w")

# Code points used to stand for tokens: the private-use areas first, then everything else that
# is not a surrogate. diff-match-patch only compares them, so any code point works.
_ALPHABET = (
    (0xE000, 0xF8FF),
    (0xF0000, 0xFFFFD),
    (0x100000, 0x10FFFD),
    (0x10000, 0xEFFFF),
    (0xF900, 0xFFFF),
    (0xFFFFE, 0xFFFFF),
    (0x10FFFE, 0x10FFFF),
    (0x0000, 0xD7FF),
)
_ALPHABET_LIMIT = sum(last - first + 1 for first, last in _ALPHABET)


def tokenize(text: str) -> list[str]:
    """Split text into words, whitespace runs and symbols; joining them gives text back."""
    if text.isascii():
        return _TOKEN_RE_ASCII.findall(text)
    if _HAS_CJK.search(text) is None:
        return _TOKEN_RE_NO_CJK.findall(text)
    return _TOKEN_RE.findall(text)


def _units(text: str) -> list[str]:
    """Tokens with the whitespace after each word or symbol attached."""
    if text.isascii():
        return _UNIT_RE_ASCII.findall(text)
    if _HAS_CJK.search(text) is None:
        return _UNIT_RE_NO_CJK.findall(text)
    return _UNIT_RE.findall(text)


def is_word(token: str) -> bool:
    return _HAS_WORD_CHAR.search(token) is not None


def code_point(index: int) -> str:
    """The character standing for the index-th distinct token."""
    for first, last in _ALPHABET:
        size = last - first + 1
        if index < size:
            return chr(first + index)
        index -= size
    raise IndexError("more distinct tokens than code points")


def _encode(*sequences: Sequence[str]) -> tuple[list[str], dict[str, str]] | None:
    """Each sequence as a string with one character per item, and the way back.

    Equal items get the same character across all sequences; None when there are more
    distinct items than characters.
    """
    distinct = dict.fromkeys(chain.from_iterable(sequences))
    if len(distinct) > _ALPHABET_LIMIT:
        return None
    codes = dict(zip(distinct, map(code_point, range(len(distinct))), strict=True))
    encoded = ["".join(map(codes.__getitem__, sequence)) for sequence in sequences]
    return encoded, {char: item for item, char in codes.items()}


def _patience_anchors(a: str, b: str) -> list[tuple[int, int]]:
    """Positions of characters unique in both strings, longest run kept in the same order."""
    count_a = Counter(a)
    count_b = Counter(b)
    unique = {c for c, n in count_a.items() if n == 1 and count_b.get(c) == 1}
    if not unique:
        return []
    # compress and map keep the scan over every character in C; only anchors reach Python.
    in_b = list(compress(range(len(b)), map(unique.__contains__, b)))
    pos_b = {b[j]: j for j in in_b}
    in_a = compress(range(len(a)), map(unique.__contains__, a))
    pairs = [(i, pos_b[a[i]]) for i in in_a]
    return [pairs[k] for k in longest_increasing_subsequence([j for _, j in pairs])]


def longest_increasing_subsequence(values: Sequence[int]) -> list[int]:
    """Indices of one longest strictly increasing subsequence of values."""
    tails: list[int] = []  # value at the end of the best run of each length
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[k] = value
            tail_index[k] = i
        previous[i] = tail_index[k - 1] if k else -1
    result: list[int] = []
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        result.append(i)
        i = previous[i]
    result.reverse()
    return result


def _diff_chars(
    dmp: diff_match_patch, a: str, b: str, deadline: float, out: list[tuple[int, str]]
) -> None:
    """Append the diff of two encoded strings to out as diff-match-patch tuples."""
    # Peel off the shared ends before looking for anchors: cheap, and it is where most of a
    # lightly edited document lies.
    prefix: int = dmp.diff_commonPrefix(a, b)
    if prefix:
        out.append((0, a[:prefix]))
        a, b = a[prefix:], b[prefix:]
    suffix: int = dmp.diff_commonSuffix(a, b)
    tail = ""
    if suffix:
        tail = a[-suffix:]
        a, b = a[:-suffix], b[:-suffix]

    if not a or not b or (len(a) + len(b) <= _DIRECT_LIMIT and set(a).isdisjoint(b)):
        # Nothing in common: one deletion and one insertion is the whole answer. This is
        # the usual gap (a replaced word) and skips diff-match-patch's set-up cost.
        if a:
            out.append((-1, a))
        if b:
            out.append((1, b))
    elif len(a) + len(b) <= _DIRECT_LIMIT or time.time() > deadline:
        # The ends are already trimmed, so skip diff_main's own trimming and clean-up; most
        # gaps here are a single replaced word and that overhead would dominate.
        out.extend(dmp.diff_compute(a, b, False, deadline))
    else:
        anchors = _patience_anchors(a, b)
        if not anchors:
            out.extend(dmp.diff_compute(a, b, False, deadline))
        else:
            # Most stretches between two anchors are untouched; keep them in one equality
            # instead of recursing into each.
            i0 = j0 = 0
            for i, j in anchors:
                gap_a, gap_b = a[i0:i], b[j0:j]
                if gap_a != gap_b:
                    _diff_chars(dmp, gap_a, gap_b, deadline, out)
                    out.append((0, a[i]))
                else:
                    out.append((0, a[i0 : i + 1]))
                i0, j0 = i + 1, j + 1
            _diff_chars(dmp, a[i0:], b[j0:], deadline, out)
    if tail:
        out.append((0, tail))


def _diff_encoded(
    a: str, b: str, timeout: float, *, weights: Mapping[str, int] | None = None
) -> list[tuple[int, str]]:
    dmp = diff_match_patch()
    raw: list[tuple[int, str]] = []
    _diff_chars(dmp, a, b, time.time() + timeout, raw)
    return _tidy(raw, weights=weights)


_Node = str | tuple["_Node", ...]
# _tidy's stack items, told apart by their first element.
_Equality = tuple[Literal[0], _Node, int]
_Edit = tuple[Literal[1], _Node, int, _Node, int]


def _flatten(node: _Node) -> str:
    parts: list[str] = []
    pending: list[_Node] = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            parts.append(item)
        else:
            pending.extend(reversed(item))
    return "".join(parts)


def _tidy(
    diffs: list[tuple[int, str]], *, weights: Mapping[str, int] | None
) -> list[tuple[int, str]]:
    """Merge neighbouring pieces of the same kind, deletion before insertion, and, given the
    weight (token count) of each character, fold short shared runs ("the ") into the edits
    around them.

    Folding makes a rewritten sentence read as one deletion and one insertion rather than
    confetti. The rule follows diff-match-patch's semantic clean-up: an equality goes when it
    is shorter than the larger side of the edit on each side of it, here counted in tokens, so
    one shared word between two replaced words stays visible.
    diff-match-patch's own version rescans the list after each fold and takes seconds on a
    long rewrite; this one keeps a stack and runs in linear time, building merged texts as
    trees joined once at the end.
    """
    # Stack items: (0, text, length) for an equality, (1, deleted, del_len, inserted, ins_len)
    # for an edit; texts are _Node trees.
    stack: list[_Equality | _Edit] = []
    if weights is None:
        size_of: Callable[[str], int] = len
    else:
        weight = weights.__getitem__

        def size_of(text: str) -> int:
            return sum(map(weight, text))

    def fold() -> None:
        while (
            weights is not None
            and len(stack) >= 3
            and stack[-1][0] == 1
            and stack[-2][0] == 0
            and stack[-3][0] == 1
        ):
            left, equal, right = stack[-3], stack[-2], stack[-1]
            size = equal[2]
            if size >= max(left[2], left[4]) or size >= max(right[2], right[4]):
                return
            del stack[-3:]
            stack.append(
                (
                    1,
                    (left[1], equal[1], right[1]),
                    left[2] + size + right[2],
                    (left[3], equal[1], right[3]),
                    left[4] + size + right[4],
                )
            )

    for op, text in diffs:
        if not text:
            continue
        size = size_of(text)
        if op == 0:
            if stack and stack[-1][0] == 0:
                _, equal, equal_size = stack[-1]
                stack[-1] = (0, (equal, text), equal_size + size)
                continue
            fold()
            stack.append((0, text, size))
        elif stack and stack[-1][0] == 1:
            _, deleted, del_len, inserted, ins_len = stack[-1]
            if op == -1:
                stack[-1] = (1, (deleted, text), del_len + size, inserted, ins_len)
            else:
                stack[-1] = (1, deleted, del_len, (inserted, text), ins_len + size)
        elif op == -1:
            stack.append((1, text, size, "", 0))
        else:
            stack.append((1, "", 0, text, size))
    fold()

    result: list[tuple[int, str]] = []
    for item in stack:
        if item[0] == 0:
            result.append((0, _flatten(item[1])))
            continue
        if item[2]:
            result.append((-1, _flatten(item[1])))
        if item[4]:
            result.append((1, _flatten(item[3])))
    return result


def _coarse(old: str, new: str) -> list[Op]:
    """Shared leading and trailing tokens, everything between replaced wholesale."""
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    limit = min(len(old_tokens), len(new_tokens))
    start = 0
    while start < limit and old_tokens[start] == new_tokens[start]:
        start += 1
    end = 0
    while end < limit - start and old_tokens[-1 - end] == new_tokens[-1 - end]:
        end += 1
    parts = [
        (EQUAL, old_tokens[:start]),
        (DELETE, old_tokens[start : len(old_tokens) - end]),
        (INSERT, new_tokens[start : len(new_tokens) - end]),
        (EQUAL, old_tokens[len(old_tokens) - end :]),
    ]
    return [(op, "".join(tokens)) for op, tokens in parts if tokens]


def _split_off_shared_tokens(ops: list[Op]) -> list[Op]:
    """Move tokens that a deletion and the insertion replacing it share into equalities.

    Units carry their trailing whitespace, so "fox" before a full stop and "fox " before
    another word differ as units; here the shared word goes back to being unchanged.
    """
    result: list[Op] = []

    def emit(op: str, text: str) -> None:
        if not text:
            return
        if result and result[-1][0] == op:
            text = result.pop()[1] + text
        result.append((op, text))

    k = 0
    while k < len(ops):
        op, text = ops[k]
        if op != DELETE or k + 1 == len(ops) or ops[k + 1][0] != INSERT:
            emit(op, text)
            k += 1
            continue
        removed, added = tokenize(text), tokenize(ops[k + 1][1])
        limit = min(len(removed), len(added))
        start = 0
        while start < limit and removed[start] == added[start]:
            start += 1
        end = 0
        while end < limit - start and removed[-1 - end] == added[-1 - end]:
            end += 1
        emit(EQUAL, "".join(removed[:start]))
        emit(DELETE, "".join(removed[start : len(removed) - end]))
        emit(INSERT, "".join(added[start : len(added) - end]))
        emit(EQUAL, "".join(removed[len(removed) - end :]))
        k += 2
    return result


def word_diff(old: str, new: str, *, timeout: float = DEFAULT_TIMEOUT) -> list[Op]:
    """Word-level diff: equal and delete texts join to old, equal and insert texts to new.

    Neighbouring items always differ in op, and a deletion comes before the insertion that
    replaces it. timeout bounds the search; past it the answer gets coarser, never wrong.
    """
    if old == new:
        return [(EQUAL, old)] if old else []
    # The engine compares units (a word or symbol with the whitespace after it): half as
    # many items as tokens, which halves the work; the clean-up below restores token detail.
    old_units = _units(old)
    new_units = _units(new)
    encoding = _encode(old_units, new_units)
    if encoding is None:
        return _coarse(old, new)
    (a, b), units = encoding
    # A unit is one token, or two when whitespace trails its word or symbol.
    weights = {
        char: 2 if unit[-1].isspace() and not unit[0].isspace() else 1
        for char, unit in units.items()
    }
    # Every piece is a slice of old or new; cutting it out by offsets beats joining units.
    old_at = list(accumulate(map(len, old_units), initial=0))
    new_at = list(accumulate(map(len, new_units), initial=0))
    ops: list[Op] = []
    i = j = 0
    for op, chars in _diff_encoded(a, b, timeout, weights=weights):
        n = len(chars)
        if op == 0:
            ops.append((EQUAL, old[old_at[i] : old_at[i + n]]))
            i += n
            j += n
        elif op == -1:
            ops.append((DELETE, old[old_at[i] : old_at[i + n]]))
            i += n
        else:
            ops.append((INSERT, new[new_at[j] : new_at[j + n]]))
            j += n
    return _split_off_shared_tokens(ops)


def token_diff(
    old: str, new: str, *, timeout: float = DEFAULT_TIMEOUT
) -> list[tuple[str, list[str]]]:
    """word_diff with each text split into its tokens."""
    return [(op, tokenize(text)) for op, text in word_diff(old, new, timeout=timeout)]


def diff_stats(old: str, new: str) -> tuple[int, int]:
    """Words added and words removed going from old to new."""
    if old == new:
        return 0, 0
    return ops_stats(token_diff(old, new))


def ops_stats(items: Sequence[tuple[str, Sequence[str]]]) -> tuple[int, int]:
    """Words added and words removed in a token diff (see token_diff)."""
    added = removed = 0
    for op, tokens in items:
        if op == EQUAL:
            continue
        words = sum(1 for token in tokens if is_word(token))
        if op == INSERT:
            added += words
        else:
            removed += words
    return added, removed


def matching_blocks(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int]]:
    """Runs of equal items as (i, j, n), in the shape difflib's get_matching_blocks gives.

    Items are compared whole (lines, tokens); ends with the (len(a), len(b), 0) sentinel.
    """
    encoding = _encode(a, b)
    blocks: list[tuple[int, int, int]] = []
    if encoding is not None:
        (ea, eb), _ = encoding
        i = j = 0
        for op, chars in _diff_encoded(ea, eb, DEFAULT_TIMEOUT):
            # _tidy has merged neighbouring equalities, so blocks never touch.
            n = len(chars)
            if op == 0:
                blocks.append((i, j, n))
                i += n
                j += n
            elif op == -1:
                i += n
            else:
                j += n
    blocks.append((len(a), len(b), 0))
    return blocks


def _cue(label: str) -> str:
    return f'<span class="sr-only">{label}</span>'


def _deleted(text: str) -> str:
    return f'<del class="diff-del">{_cue("[deleted: ")}{html.escape(text)}{_cue("]")}</del>'


def _inserted(text: str) -> str:
    return f'<ins class="diff-ins">{_cue("[inserted: ")}{html.escape(text)}{_cue("]")}</ins>'


def redline_html(ops: Sequence[Op]) -> str:
    """Inline redline: deletions struck through, insertions underlined, both announced.

    The sr-only cues make every change readable without colour and to screen readers. The
    text keeps its newlines; show it with ``white-space: pre-wrap``.
    """
    parts: list[str] = []
    for op, text in ops:
        if op == EQUAL:
            parts.append(html.escape(text))
        elif op == DELETE:
            parts.append(_deleted(text))
        elif op == INSERT:
            parts.append(_inserted(text))
        else:
            raise ValueError(f"unknown diff op {op!r}")
    return "".join(parts)


def side_by_side_html(ops: Sequence[Op]) -> tuple[str, str]:
    """The old text with deletions marked and the new text with insertions marked."""
    left: list[str] = []
    right: list[str] = []
    for op, text in ops:
        if op == EQUAL:
            escaped = html.escape(text)
            left.append(escaped)
            right.append(escaped)
        elif op == DELETE:
            left.append(_deleted(text))
        elif op == INSERT:
            right.append(_inserted(text))
        else:
            raise ValueError(f"unknown diff op {op!r}")
    return "".join(left), "".join(right)
