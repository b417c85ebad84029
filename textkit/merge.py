"""Three-way merge of concurrent edits to the same text.

Two editors open the same version (the base) of a section; the first saves, the second saves
later. Their edits are combined when they touch different paragraphs, or different words of
the same paragraph; only edits to the same words are reported as conflicts. Pure module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Final, Literal, TypeVar

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
    merger = Merge3(base, ours, theirs, sequence_matcher=_Matcher)
    for group in merger.merge_groups():
        if group[0] == "conflict":
            groups.append(("conflict", group[1], group[2], group[3]))
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


class _Missing(Enum):
    # An enum member rather than object(), so that the type checker can tell it apart.
    MISSING = "missing"


_MISSING: Final = _Missing.MISSING

_Value = TypeVar("_Value")


def _equal(a: object, b: object) -> bool:
    # The sentinel compares by identity; values by equality, with their type so that
    # True and 1 (or 1 and 1.0) count as a change.
    if a is _MISSING or b is _MISSING:
        return a is b
    return type(a) is type(b) and a == b


def merge_fields(
    base: Mapping[str, _Value], ours: Mapping[str, _Value], theirs: Mapping[str, _Value]
) -> tuple[dict[str, _Value | str], list[str]]:
    """Merge two edited copies of a record field by field.

    A field changed on one side only takes that change; a text field changed on both sides is
    merged with three_way_merge; any other field changed differently on both sides keeps ours
    and is reported. A field removed on one side and untouched on the other stays removed.
    Returns the merged record and the conflicting keys, in key order of ours then theirs.
    """
    merged: dict[str, _Value | str] = {}
    conflicts: list[str] = []
    for key in dict.fromkeys([*ours, *theirs, *base]):
        b = base.get(key, _MISSING)
        o = ours.get(key, _MISSING)
        t = theirs.get(key, _MISSING)
        value: _Value | str | Literal[_Missing.MISSING]
        if _equal(o, t) or _equal(t, b):
            value = o
        elif _equal(o, b):
            value = t
        elif isinstance(o, str) and isinstance(t, str) and (b is _MISSING or isinstance(b, str)):
            result = three_way_merge(b if isinstance(b, str) else "", o, t)
            value = result.text
            if not result.clean:
                conflicts.append(key)
        else:
            value = o
            conflicts.append(key)
        if value is not _MISSING:
            merged[key] = value
    return merged, conflicts


# --- rule lists -------------------------------------------------------------------------------

RuleKey = int | tuple[str, int]


@dataclass(frozen=True)
class PartConflict:
    """One field, or one rule, that both sides changed differently."""

    label: str
    theirs: str
    ours: str


@dataclass
class RuleListMerge:
    rules: list[tuple[int | None, dict[str, str]]]  # (rule id or None for a new rule, fields)
    merged_in: list[str] = field(default_factory=list)  # what came in from the other side
    conflicts: list[PartConflict] = field(default_factory=list)


def rule_label(rule: Mapping[str, str]) -> str:
    words = str(rule.get("statement", "")).split()
    return "Rule “" + " ".join(words[:8]) + ("…" if len(words) > 8 else "") + "”"


def weave(primary: Sequence[RuleKey], secondary: Sequence[RuleKey]) -> list[RuleKey]:
    """primary's order, with items only secondary has placed after their predecessor there."""
    result = list(primary)
    for index, key in enumerate(secondary):
        if key in result:
            continue
        before = next((k for k in reversed(secondary[:index]) if k in result), None)
        result.insert(result.index(before) + 1 if before is not None else 0, key)
    return result


def merge_rule_lists(
    base: Mapping[int, dict[str, str]],
    ours: Sequence[tuple[int | None, dict[str, str]]],
    theirs: Mapping[int, dict[str, str]],
) -> RuleListMerge:
    """Three-way merge of a section's rules, matched by id; field by field inside a rule.

    `base` and `theirs` map rule ids to their (normalised) fields in their order; `ours` lists
    the editor's rules in order, with None as the id of a rule they added.
    """
    outcome = RuleListMerge(rules=[])
    our_by: dict[RuleKey, dict[str, str]] = {}
    our_order: list[RuleKey] = []
    for index, (rule_id, fields) in enumerate(ours):
        known = rule_id is not None and (rule_id in base or rule_id in theirs)
        key: RuleKey = rule_id if known and rule_id is not None else ("new", index)
        our_by[key] = fields
        our_order.append(key)
    kept: dict[RuleKey, dict[str, str]] = {}
    their_keys: list[RuleKey] = list(theirs)
    for key in dict.fromkeys([*their_keys, *our_by]):
        b = base.get(key) if isinstance(key, int) else None
        t = theirs.get(key) if isinstance(key, int) else None
        o = our_by.get(key)
        label = rule_label(o or t or {})
        if o is not None and t is not None:
            merged, clashes = merge_fields(b if b is not None else {}, o, t)
            kept[key] = {name: str(value) for name, value in merged.items()}
            if b is not None and t != b and o != t:
                outcome.merged_in.append(label)
            outcome.conflicts += [
                PartConflict(f"{label}: {name.replace('_', ' ')}", t[name], o[name])
                for name in clashes
            ]
        elif t is not None:  # theirs only: we removed it, or they added it
            if b is None or t == b:
                if b is None:
                    kept[key] = t
                    outcome.merged_in.append(f"{label}, added")
                continue
            kept[key] = t
            outcome.conflicts.append(
                PartConflict(
                    f"{label}: you removed it, and it was edited meanwhile (it is back in your "
                    "form; remove it again if it should go)",
                    t["statement"],
                    "",
                )
            )
        elif o is not None:  # ours only: we added it, or they removed it
            if b is not None and o == b:
                outcome.merged_in.append(f"{label}, removed")
                continue
            kept[key] = o
            if b is not None:
                outcome.conflicts.append(
                    PartConflict(
                        f"{label}: removed meanwhile, but you edited it (your version is kept)",
                        "",
                        o["statement"],
                    )
                )
    their_order = [k for k in their_keys if k in kept]
    base_common = [k for k in base if k in theirs]
    their_reordered = [k for k in theirs if k in base] != base_common
    primary, secondary = (their_order, our_order) if their_reordered else (our_order, their_order)
    order = [k for k in weave([k for k in primary if k in kept], secondary) if k in kept]
    outcome.rules = [(key if isinstance(key, int) else None, kept[key]) for key in order]
    return outcome
