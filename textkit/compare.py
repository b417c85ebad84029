"""Document-level comparison of two snapshots, for reviewers who need to see every change.

Takes two snapshots (plain data, see textkit.snapshot) and returns dataclasses that
``dataclasses.asdict`` turns into JSON-able dicts. Sections and rules are matched by their key,
which stays the same across versions, so a renamed or moved section is still the same section.
Pure module: no database access.

Asked for voices (``tones``), it also compares each rule as readers of that voice read it: the
phrasing the presenter shows (hand-written, cached or rendered), so a change to a hand-written
phrasing, or to what the engine makes of a statement, is a change in the diff.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from textkit.diff import DELETE, EQUAL, longest_increasing_subsequence, ops_stats, token_diff
from textkit.modality import TONES
from textkit.presentation import RulePhrasing, phrase, visible_in
from textkit.snapshot import RULE_FIELDS, RuleSnapshot, SectionSnapshot, Snapshot

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
class PhrasingComparison:
    """A rule as readers of one voice read it, in both versions ("" where it is not shown).

    `asked` is the voice the comparison was asked for; `tone` the voice compared, which is the
    other one for a rule shown in the other voice only (on both sides): its readers' words.
    """

    asked: str
    tone: str
    text: TextComparison
    automatic: bool  # the phrasing shown (the new one, else the old) is not hand-written
    strength_issue: str  # the new phrasing states another strength than the rule's modality


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
    # One per voice asked for, in that order; empty when no voice was asked for, or when the
    # rule is stored identically on both sides and did not move (nothing of it is shown).
    phrasings: list[PhrasingComparison] = field(default_factory=list)
    visibility: str = "both"  # as it stands in the new version (the old one if removed)


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
    visibility: str = "both"  # as it stands in the new version (the old one if removed)


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
    # Rules whose words, as readers of a voice asked for read them, changed.
    phrasings_changed: int = 0
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


def _shown_in(rule: RuleSnapshot | None, home: Mapping[str, object] | None, tone: str) -> bool:
    """Whether readers of `tone` see the rule (its own and its section's visibility)."""
    if rule is None:
        return False
    return visible_in(_text(home or {}, "visibility") or "both", tone) and visible_in(
        rule.get("visibility") or "both", tone
    )


def _same_rule(
    old: RuleSnapshot,
    old_home: Mapping[str, object],
    new: RuleSnapshot,
    new_home: Mapping[str, object],
) -> bool:
    """Stored identically, in sections shown alike: then it reads the same in every voice."""
    return all(old.get(name) == new.get(name) for name in RULE_FIELDS) and (
        _text(old_home, "visibility") or "both"
    ) == (_text(new_home, "visibility") or "both")


class _Comparer:
    def __init__(self, old: Snapshot, new: Snapshot, tones: Sequence[str] = ()) -> None:
        unknown = [tone for tone in tones if tone not in TONES]
        if unknown:
            raise ValueError(f"unknown tone {unknown[0]!r}; expected one of {TONES}")
        self.tones = tuple(tones)
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
            visibility=_text(current, "visibility") or "both",
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
        old_home: Mapping[str, object] = old or {}
        new_home: Mapping[str, object] = new or {}
        for key in _interleave(new_keys, old_keys, gone):
            if key in new_rules:
                result.append(
                    self._rule_here(
                        key, old_rules.get(key), new_rules[key], moved, old_home, new_home
                    )
                )
            else:
                result.append(self._rule_gone(old_rules[key], old_home))
        return result

    def _rule_here(
        self,
        key: str,
        old: RuleSnapshot | None,
        new: RuleSnapshot,
        moved: set[str],
        old_home: Mapping[str, object],
        new_home: Mapping[str, object],
    ) -> RuleComparison:
        moved_from = None
        if old is None and key in self.old_rules:
            # Came from another section: compare with its old self there.
            old = self.old_rules[key]
            old_home = self.old_rule_home[key]
            moved_from = _text(old_home, "heading")
        texts = self._rule_texts(old or {}, new)
        phrasings = self._phrasings(
            old, old_home, new, new_home, moved=key in moved or moved_from is not None
        )
        modality = modality_change(_text(old, "modality"), _text(new, "modality")) if old else None
        visibility = (
            _value_change(_text(old, "visibility"), _text(new, "visibility")) if old else None
        )
        reworded = any(p.text.changed for p in phrasings)
        content_changed = bool(modality or visibility or reworded or any(t.changed for t in texts))
        summary = self.summary
        summary.phrasings_changed += reworded
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
            phrasings=phrasings,
            visibility=_text(new, "visibility") or "both",
        )

    def _rule_gone(self, old: RuleSnapshot, old_home: Mapping[str, object]) -> RuleComparison:
        key = old["key"]
        moved_to = None
        home = self.new_rule_home.get(key)
        phrasings = self._phrasings(old, old_home, None, None)
        if home is not None:
            moved_to = _text(home, "heading")
            texts = [_left(name, _text(old, name)) for name in RULE_TEXT_FIELDS]
            phrasings = [
                PhrasingComparison(
                    p.asked, p.tone, _left(p.tone, p.text.old), p.automatic, p.strength_issue
                )
                for p in phrasings
            ]
        else:
            texts = self._rule_texts(old, {})
            self.summary.rules_removed += 1
            self.summary.phrasings_changed += any(p.text.changed for p in phrasings)
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
            phrasings=phrasings,
            visibility=_text(old, "visibility") or "both",
        )

    def _phrasings(
        self,
        old: RuleSnapshot | None,
        old_home: Mapping[str, object] | None,
        new: RuleSnapshot | None,
        new_home: Mapping[str, object] | None,
        *,
        moved: bool = True,
    ) -> list[PhrasingComparison]:
        """The rule in the words readers of each voice asked for read, old against new."""
        if not self.tones:
            return []
        same = (
            old is not None
            and new is not None
            and _same_rule(old, old_home or {}, new, new_home or {})
        )
        if same and not moved:
            return []  # unchanged and in its place: nothing of it is shown
        result = []
        for asked in self.tones:
            tone = asked
            if not _shown_in(old, old_home, asked) and not _shown_in(new, new_home, asked):
                # Not in this voice on either side: its readers are those of the other voice.
                tone = next(
                    (
                        other
                        for other in TONES
                        if _shown_in(old, old_home, other) or _shown_in(new, new_home, other)
                    ),
                    asked,
                )
            before = (
                phrase(old, tone) if old is not None and _shown_in(old, old_home, tone) else None
            )
            after = (
                before
                if same
                else phrase(new, tone)
                if new is not None and _shown_in(new, new_home, tone)
                else None
            )
            shown: RulePhrasing | None = after or before
            result.append(
                PhrasingComparison(
                    asked=asked,
                    tone=tone,
                    text=compare_text(
                        tone, before.text if before else "", after.text if after else ""
                    ),
                    automatic=shown.automatic if shown else True,
                    strength_issue=after.strength_issue if after else "",
                )
            )
        return result

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


def compare_snapshots(old: Snapshot, new: Snapshot, *, tones: Sequence[str] = ()) -> Comparison:
    """Everything that changed between two snapshots, section by section and rule by rule.

    Sections come in the new order, each removed one where it used to be (after the section
    it followed); rules likewise within each section. For each voice in `tones`, every rule
    shown is also compared as readers of that voice read it (`RuleComparison.phrasings`).
    """
    return _Comparer(old, new, tones).compare(old, new)
