"""Three-way merge of concurrent edits to the same text.

Two editors open the same version (the base) of a section; the first saves, the second saves
later. Their edits are combined when they touch different paragraphs, or different words of
the same paragraph; only edits to the same words are reported as conflicts. Pure module.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from merge3 import Merge3

from textkit.diff import matching_blocks, tokenize


@dataclass(frozen=True)
class Conflict:
    base: str
    ours: str
    theirs: str


@dataclass(frozen=True)
class MergeResult:
    text: str
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


class _Matcher:
    """The difflib.SequenceMatcher interface merge3 expects, backed by the word diff engine.

    difflib is quadratic on long runs of repeated items and its autojunk heuristic drops
    common tokens such as spaces, both bad for prose.
    """

    def __init__(
        self, isjunk: Callable[[str], bool] | None, a: Sequence[str], b: Sequence[str]
    ) -> None:
        self._a = a
        self._b = b

    def get_matching_blocks(self) -> list[tuple[int, int, int]]:
        return matching_blocks(self._a, self._b)


def _merge_sequences(
    base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]
) -> list[tuple[str, Sequence[str], Sequence[str], Sequence[str]]]:
    """merge3's groups, each as (kind, base, ours, theirs) with the unused parts empty."""
    groups: list[tuple[str, Sequence[str], Sequence[str], Sequence[str]]] = []
    merger = Merge3(base, ours, theirs, sequence_matcher=_Matcher)  # type: ignore[arg-type]
    for group in merger.merge_groups():
        if group[0] == "conflict":
            groups.append(("conflict", group[1], group[2], group[3]))  # type: ignore[misc]
        else:
            groups.append((group[0], (), group[1], ()))
    return groups


def _merge_words(base: str, ours: str, theirs: str) -> str | None:
    """Word-level merge of one region, or None when the same words were changed."""
    pieces: list[str] = []
    for kind, _, ours_part, _ in _merge_sequences(tokenize(base), tokenize(ours), tokenize(theirs)):
        if kind == "conflict":
            return None
        pieces.extend(ours_part)
    return "".join(pieces)


def three_way_merge(base: str, ours: str, theirs: str) -> MergeResult:
    """Combine the edits base→ours and base→theirs.

    Where both sides changed the same words, the merged text keeps ours (the editor saving
    now keeps their own words in the form) and the region is listed in conflicts.
    """
    if ours == theirs or theirs == base:
        return MergeResult(ours)
    if ours == base:
        return MergeResult(theirs)

    pieces: list[str] = []
    conflicts: list[Conflict] = []
    for kind, base_part, ours_part, theirs_part in _merge_sequences(
        base.splitlines(keepends=True),
        ours.splitlines(keepends=True),
        theirs.splitlines(keepends=True),
    ):
        if kind != "conflict":
            # unchanged, same, a and b all arrive as the lines to keep.
            pieces.extend(ours_part)
            continue
        region = Conflict("".join(base_part), "".join(ours_part), "".join(theirs_part))
        merged = _merge_words(region.base, region.ours, region.theirs)
        if merged is None:
            conflicts.append(region)
            pieces.append(region.ours)
        else:
            pieces.append(merged)
    return MergeResult("".join(pieces), conflicts)


_MISSING: Any = object()


def _equal(a: object, b: object) -> bool:
    # The sentinel compares by identity; values by equality, with their type so that
    # True and 1 (or 1 and 1.0) count as a change.
    if a is _MISSING or b is _MISSING:
        return a is b
    return type(a) is type(b) and a == b


def merge_fields(
    base: Mapping[str, Any], ours: Mapping[str, Any], theirs: Mapping[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """Merge two edited copies of a record field by field.

    A field changed on one side only takes that change; a text field changed on both sides is
    merged with three_way_merge; any other field changed differently on both sides keeps ours
    and is reported. A field removed on one side and untouched on the other stays removed.
    Returns the merged record and the conflicting keys, in key order of ours then theirs.
    """
    merged: dict[str, Any] = {}
    conflicts: list[str] = []
    keys: dict[Hashable, None] = dict.fromkeys([*ours, *theirs, *base])
    for key in keys:
        b = base.get(key, _MISSING)
        o = ours.get(key, _MISSING)
        t = theirs.get(key, _MISSING)
        if _equal(o, t) or _equal(t, b):
            value = o
        elif _equal(o, b):
            value = t
        elif isinstance(o, str) and isinstance(t, str) and (b is _MISSING or isinstance(b, str)):
            result = three_way_merge("" if b is _MISSING else b, o, t)
            value = result.text
            if not result.clean:
                conflicts.append(key)  # type: ignore[arg-type]
        else:
            value = o
            conflicts.append(key)  # type: ignore[arg-type]
        if value is not _MISSING:
            merged[key] = value  # type: ignore[index]
    return merged, conflicts
