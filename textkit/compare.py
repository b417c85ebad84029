"""Document-level comparison of two snapshots, for reviewers who need to see every change.

Takes two snapshots (plain data, see textkit.snapshot) and returns dataclasses that
``dataclasses.asdict`` turns into JSON-able dicts. Sections and rules are matched by their key,
which stays the same across versions, so a renamed or moved section is still the same section.
Pure module: no database access.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from textkit.diff import DELETE, EQUAL, longest_increasing_subsequence, ops_stats, token_diff
from textkit.snapshot import RuleSnapshot, SectionSnapshot, Snapshot

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
UNCHANGED = "unchanged"

STRENGTHENED = "strengthened"
WEAKENED = "weakened"
REVERSED = "reversed"

DOCUMENT_FIELDS = ("subject", "title_policy", "title_guideline", "summary")
RULE_TEXT_FIELDS = ("statement", "policy_text", "guideline_text", "explanation")

# How binding a modality is, and which way it points. MAY is neither duty nor prohibition,
# so moving to or from it is a change of force only.
_FORCE = {"must": 3, "must_not": 3, "should": 2, "should_not": 2, "may": 1}
_POLARITY = {"must": 1, "should": 1, "may": 0, "should_not": -1, "must_not": -1}


@dataclass
class TextComparison:
    """One text field in both versions; ops is its word diff (see textkit.diff)."""

    name: str
    old: str
    new: str
    changed: bool
    ops: list[tuple[str, str]]
    words_added: int
    words_removed: int


@dataclass
class ValueChange:
    old: str
    new: str


@dataclass
class ModalityChange:
    old: str
    new: str
    # Every change of modality changes what the document obliges people to do.
    legally_significant: bool
    direction: str  # "strengthened", "weakened" or "reversed"


@dataclass
class RuleComparison:
    key: str
    status: str  # added, removed, changed or unchanged
    modality: str  # as it stands in the new version (the old one for a removed rule)
    moved: bool  # reordered within its section
    # A rule that changed section shows as removed in the old section (moved_to names the new
    # heading) and added in the new one (moved_from names the old heading). Its texts there
    # are compared with its old version, so edits made while moving it still show.
    moved_from: str | None
    moved_to: str | None
    modality_change: ModalityChange | None
    visibility_change: ValueChange | None
    statement: TextComparison
    policy_text: TextComparison
    guideline_text: TextComparison
    explanation: TextComparison


@dataclass
class SectionComparison:
    key: str
    status: str  # added, removed, changed or unchanged
    anchor: str
    moved: bool  # its place relative to the other sections changed
    renamed: bool
    old_heading: str
    new_heading: str
    anchor_change: ValueChange | None
    visibility_change: ValueChange | None
    heading: TextComparison
    body: TextComparison
    rules: list[RuleComparison]


@dataclass
class ComparisonSummary:
    sections_added: int = 0
    sections_removed: int = 0
    sections_moved: int = 0
    sections_renamed: int = 0
    sections_changed: int = 0
    sections_unchanged: int = 0
    rules_added: int = 0
    rules_removed: int = 0
    rules_changed: int = 0
    # Rules whose place changed, within a section or to another one. Moves across sections are
    # counted here, not as added and removed.
    rules_moved: int = 0
    modality_changes: int = 0
    words_added: int = 0
    words_removed: int = 0
    document_fields_changed: int = 0

    @property
    def has_changes(self) -> bool:
        return any(
            (
                self.sections_added,
                self.sections_removed,
                self.sections_moved,
                self.sections_changed,
                self.rules_moved,
                self.document_fields_changed,
            )
        )


@dataclass
class Comparison:
    document: list[TextComparison]
    sections: list[SectionComparison]
    summary: ComparisonSummary = field(default_factory=ComparisonSummary)


def compare_text(name: str, old: str, new: str) -> TextComparison:
    if old == new:
        # Most fields of a lightly edited document are untouched; diffing them is wasted work.
        return TextComparison(name, old, new, False, [(EQUAL, old)] if old else [], 0, 0)
    items = token_diff(old, new)
    added, removed = ops_stats(items)
    ops = [(op, "".join(tokens)) for op, tokens in items]
    return TextComparison(name, old, new, True, ops, added, removed)


def modality_change(old: str, new: str) -> ModalityChange | None:
    if old == new:
        return None
    old_polarity = _POLARITY.get(old, 0)
    new_polarity = _POLARITY.get(new, 0)
    if old_polarity * new_polarity < 0:
        direction = REVERSED
    elif _FORCE.get(new, 0) > _FORCE.get(old, 0):
        direction = STRENGTHENED
    else:
        direction = WEAKENED
    return ModalityChange(old, new, legally_significant=True, direction=direction)


def _value_change(old: str, new: str) -> ValueChange | None:
    return None if old == new else ValueChange(old, new)


def _text(data: Mapping[str, object], name: str) -> str:
    value = data.get(name)
    return "" if value is None else str(value)


def moved_keys(old_keys: Sequence[str], new_keys: Sequence[str]) -> set[str]:
    """Keys, present in both orders, that must be counted as moved.

    The longest run kept in the same relative order stays put; only the rest moved. Taking one
    item from the top to the bottom thus flags that item, not every item it jumped over.
    """
    old_index = {key: i for i, key in enumerate(old_keys)}
    common = [key for key in new_keys if key in old_index]
    kept = longest_increasing_subsequence([old_index[key] for key in common])
    stay = {common[i] for i in kept}
    return {key for key in common if key not in stay}


def _interleave(new_keys: Sequence[str], old_keys: Sequence[str], gone: set[str]) -> list[str]:
    """The new order, with each removed key placed after the item it followed before."""
    after: dict[str | None, list[str]] = {}
    previous: str | None = None
    for key in old_keys:
        if key in gone:
            after.setdefault(previous, []).append(key)
        else:
            previous = key
    order = list(after.get(None, []))
    for key in new_keys:
        order.append(key)
        order.extend(after.get(key, []))
    return order


class _Comparer:
    def __init__(self, old: Snapshot, new: Snapshot) -> None:
        self.old_sections = {s["key"]: s for s in old.get("sections", [])}
        self.new_sections = {s["key"]: s for s in new.get("sections", [])}
        # Where every rule lives in each version, to tell a rule moved to another section
        # from one added or removed.
        self.old_rule_home = {
            rule["key"]: section
            for section in self.old_sections.values()
            for rule in section.get("rules", [])
        }
        self.new_rule_home = {
            rule["key"]: section
            for section in self.new_sections.values()
            for rule in section.get("rules", [])
        }
        self.old_rules = {
            rule["key"]: rule
            for section in self.old_sections.values()
            for rule in section.get("rules", [])
        }
        self.summary = ComparisonSummary()

    def compare(self, old: Snapshot, new: Snapshot) -> Comparison:
        old_doc = old.get("document", {})
        new_doc = new.get("document", {})
        document = [
            compare_text(name, _text(old_doc, name), _text(new_doc, name))
            for name in DOCUMENT_FIELDS
        ]
        summary = self.summary
        for text in document:
            self._count_words(text)
            summary.document_fields_changed += text.changed

        old_keys = list(self.old_sections)
        new_keys = list(self.new_sections)
        gone = {key for key in old_keys if key not in self.new_sections}
        moved = moved_keys(old_keys, new_keys)
        sections = []
        for key in _interleave(new_keys, old_keys, gone):
            section = self._section(
                self.old_sections.get(key), self.new_sections.get(key), key in moved
            )
            sections.append(section)
            summary.sections_moved += section.moved
            summary.sections_renamed += section.renamed
            if section.status == ADDED:
                summary.sections_added += 1
            elif section.status == REMOVED:
                summary.sections_removed += 1
            elif section.status == CHANGED:
                summary.sections_changed += 1
            else:
                summary.sections_unchanged += 1
        return Comparison(document, sections, summary)

    def _count_words(self, text: TextComparison) -> None:
        self.summary.words_added += text.words_added
        self.summary.words_removed += text.words_removed

    def _section(
        self, old: SectionSnapshot | None, new: SectionSnapshot | None, moved: bool
    ) -> SectionComparison:
        current = new if new is not None else (old or {})
        old_data = old if old is not None else {}
        new_data = new if new is not None else {}
        heading = compare_text("heading", _text(old_data, "heading"), _text(new_data, "heading"))
        body = compare_text("body", _text(old_data, "body"), _text(new_data, "body"))
        self._count_words(heading)
        self._count_words(body)
        rules = self._rules(old, new)

        both = old is not None and new is not None
        renamed = both and heading.changed
        anchor_change = _value_change(_text(old_data, "anchor"), _text(new_data, "anchor"))
        visibility_change = _value_change(
            _text(old_data, "visibility"), _text(new_data, "visibility")
        )
        if old is None:
            status = ADDED
        elif new is None:
            status = REMOVED
        elif (
            heading.changed
            or body.changed
            or anchor_change
            or visibility_change
            or any(rule.status != UNCHANGED or rule.moved for rule in rules)
        ):
            status = CHANGED
        else:
            status = UNCHANGED
        return SectionComparison(
            key=str(current["key"]),
            status=status,
            anchor=_text(current, "anchor"),
            moved=moved,
            renamed=renamed,
            old_heading=heading.old,
            new_heading=heading.new,
            anchor_change=anchor_change if both else None,
            visibility_change=visibility_change if both else None,
            heading=heading,
            body=body,
            rules=rules,
        )

    def _rules(
        self, old: SectionSnapshot | None, new: SectionSnapshot | None
    ) -> list[RuleComparison]:
        old_rules = {r["key"]: r for r in (old or {}).get("rules", [])}
        new_rules = {r["key"]: r for r in (new or {}).get("rules", [])}
        old_keys = list(old_rules)
        new_keys = list(new_rules)
        gone = {key for key in old_keys if key not in new_rules}
        moved = moved_keys(old_keys, new_keys)
        result = []
        for key in _interleave(new_keys, old_keys, gone):
            if key in new_rules:
                result.append(self._rule_here(key, old_rules.get(key), new_rules[key], moved))
            else:
                result.append(self._rule_gone(old_rules[key]))
        return result

    def _rule_here(
        self,
        key: str,
        old: RuleSnapshot | None,
        new: RuleSnapshot,
        moved: set[str],
    ) -> RuleComparison:
        moved_from = None
        if old is None and key in self.old_rules:
            # Came from another section: compare with its old self there.
            old = self.old_rules[key]
            moved_from = _text(self.old_rule_home[key], "heading")
        texts = self._rule_texts(old or {}, new)
        modality = modality_change(_text(old, "modality"), _text(new, "modality")) if old else None
        visibility = (
            _value_change(_text(old, "visibility"), _text(new, "visibility")) if old else None
        )
        content_changed = bool(modality or visibility or any(t.changed for t in texts))
        summary = self.summary
        if old is None:
            status = ADDED
            summary.rules_added += 1
        elif moved_from is not None:
            status = ADDED
            summary.rules_moved += 1
            summary.rules_changed += content_changed
        else:
            status = CHANGED if content_changed else UNCHANGED
            summary.rules_changed += content_changed
            summary.rules_moved += key in moved
        summary.modality_changes += modality is not None
        return RuleComparison(
            key=str(key),
            status=status,
            modality=_text(new, "modality"),
            moved=key in moved,
            moved_from=moved_from,
            moved_to=None,
            modality_change=modality,
            visibility_change=visibility,
            statement=texts[0],
            policy_text=texts[1],
            guideline_text=texts[2],
            explanation=texts[3],
        )

    def _rule_gone(self, old: RuleSnapshot) -> RuleComparison:
        key = old["key"]
        moved_to = None
        home = self.new_rule_home.get(key)
        if home is not None:
            moved_to = _text(home, "heading")
            texts = [_left(name, _text(old, name)) for name in RULE_TEXT_FIELDS]
        else:
            texts = self._rule_texts(old, {})
            self.summary.rules_removed += 1
        return RuleComparison(
            key=str(key),
            status=REMOVED,
            modality=_text(old, "modality"),
            moved=False,
            moved_from=None,
            moved_to=moved_to,
            modality_change=None,
            visibility_change=None,
            statement=texts[0],
            policy_text=texts[1],
            guideline_text=texts[2],
            explanation=texts[3],
        )

    def _rule_texts(
        self, old: Mapping[str, object], new: Mapping[str, object]
    ) -> list[TextComparison]:
        texts = [
            compare_text(name, _text(old, name), _text(new, name)) for name in RULE_TEXT_FIELDS
        ]
        for text in texts:
            self._count_words(text)
        return texts


def _left(name: str, text: str) -> TextComparison:
    # A rule that left for another section shows here as deleted, but its words are counted
    # where it arrived (against this old version), so a plain move adds and removes no words.
    return TextComparison(name, text, "", bool(text), [(DELETE, text)] if text else [], 0, 0)


def compare_snapshots(old: Snapshot, new: Snapshot) -> Comparison:
    """Everything that changed between two snapshots, section by section and rule by rule.

    Sections come in the new order, each removed one where it used to be (after the section
    it followed); rules likewise within each section.
    """
    return _Comparer(old, new).compare(old, new)
