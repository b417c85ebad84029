"""Edit conflicts: the three-way merge of an editor's section against what others saved since
they opened it, and the save that merges when it can.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from guidelines.documents import services
from guidelines.documents.services import RuleInput, SectionInput
from guidelines.documents.snapshots import (
    section_data,
)
from guidelines.history.selectors import TEXT_LABELS, person_name, section_at_version
from guidelines.models import (
    RevisionMeta,
    RevisionTouch,
    Section,
)
from textkit.diff import side_by_side_html, word_diff
from textkit.merge import merge_fields, merge_rule_lists, three_way_merge
from textkit.snapshot import RULE_INPUT_FIELDS, SECTION_FIELDS, normalised


@dataclass
class ConflictPart:
    label: str
    theirs: str
    ours: str

    @property
    def sides(self) -> tuple[str, str]:
        """Their text with what you dropped struck, yours with what you added underlined."""
        return side_by_side_html(word_diff(self.theirs, self.ours))


@dataclass
class MergeOutcome:
    data: SectionInput  # merged; where both sides changed the same words, the editor's own
    conflicts: list[ConflictPart]
    current_version: int
    theirs: dict
    authors: list[str] = field(default_factory=list)
    merged_in: list[str] = field(default_factory=list)  # what came in from the others' edits

    @property
    def clean(self) -> bool:
        return not self.conflicts

    @property
    def authors_text(self) -> str:
        names = self.authors or ["someone else"]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _merge_rules(
    base: list[dict], ours: list[RuleInput], theirs: list[dict], outcome: MergeOutcome
) -> list[RuleInput]:
    result = merge_rule_lists(
        {r["id"]: normalised(r, RULE_INPUT_FIELDS) for r in base},
        [(rule.id, normalised(rule.as_dict(), RULE_INPUT_FIELDS)) for rule in ours],
        {r["id"]: normalised(r, RULE_INPUT_FIELDS) for r in theirs},
    )
    outcome.merged_in += result.merged_in
    outcome.conflicts += [ConflictPart(c.label, c.theirs, c.ours) for c in result.conflicts]
    return [RuleInput(id=rule_id, **fields) for rule_id, fields in result.rules]


def conflict_merge(section: Section, base_version: int, ours: SectionInput) -> MergeOutcome:
    """Three-way merge of the editor's section against what others saved since base_version."""
    current = Section.objects.get(pk=section.pk)
    rules = current.rules.filter(removed_at__isnull=True)
    theirs = section_data(current, rules)
    base = section_at_version(section.pk, base_version)
    authors = (
        RevisionTouch.objects.filter(section_id_ref=section.pk, section_version__gt=base_version)
        .select_related("meta__user__profile")
        .order_by("meta_id")
    )
    outcome = MergeOutcome(
        data=ours,
        conflicts=[],
        current_version=current.version,
        theirs=theirs,
        authors=list(dict.fromkeys(person_name(t.meta.user) for t in authors)),
    )
    if base is None:
        # Without the starting point nothing can be merged safely: every difference counts.
        base = {"heading": "", "anchor": "", "body": "", "visibility": "", "rules": []}
    our_fields = {
        "heading": ours.heading,
        "anchor": ours.anchor or base["anchor"],
        "body": ours.body,
        "visibility": ours.visibility,
    }
    b, o, t = (
        normalised(base, SECTION_FIELDS),
        normalised(our_fields, SECTION_FIELDS),
        normalised(theirs, SECTION_FIELDS),
    )
    merged, clashes = merge_fields(b, o, t)
    outcome.merged_in += [
        TEXT_LABELS.get(n, n.capitalize())
        for n in SECTION_FIELDS
        if t[n] != b[n] and o[n] != t[n] and n not in clashes
    ]
    for name in clashes:
        if name == "body":
            # Only the overlapping passages conflict; show the whole text either way.
            result = three_way_merge(b[name], o[name], t[name])
            outcome.conflicts += [
                ConflictPart("Text", part.theirs, part.ours) for part in result.conflicts
            ]
            if result.text != o[name]:
                outcome.merged_in.append("Text, where it did not overlap with yours")
        else:
            outcome.conflicts.append(
                ConflictPart(TEXT_LABELS.get(name, name.capitalize()), t[name], o[name])
            )
    rules_merged = _merge_rules(base["rules"], ours.rules, theirs["rules"], outcome)
    outcome.data = SectionInput(
        heading=merged["heading"],
        body=merged["body"],
        visibility=merged["visibility"],
        anchor=merged["anchor"],
        rules=rules_merged,
    )
    return outcome


@dataclass
class SaveResult:
    meta: RevisionMeta | None
    merge: MergeOutcome | None = None

    @property
    def saved(self) -> bool:
        return self.meta is not None


def merge_and_save(
    *,
    user,
    section: Section,
    base_version: int,
    data: SectionInput,
    summary: str = "",
    attempts: int = 5,
) -> SaveResult:
    """After an EditConflict: merge with what was saved since base_version, save if clean.

    Each attempt merges the editor's original text against the newest saved version, so a
    save that lands in between is merged too rather than overwritten.
    """
    outcome = None
    for _ in range(attempts):
        outcome = conflict_merge(section, base_version, data)
        if not outcome.clean:
            return SaveResult(None, outcome)
        try:
            meta = services.section_save(
                user=user,
                section=section,
                expected_version=outcome.current_version,
                data=outcome.data,
                summary=summary,
            )
        except services.EditConflict:
            continue
        return SaveResult(meta, outcome)
    return SaveResult(None, outcome)


def section_save_merging(
    *, user, section: Section, expected_version: int, data: SectionInput, summary: str = ""
) -> SaveResult:
    """Save a section; if someone saved it first, merge non-overlapping edits and save."""
    try:
        return SaveResult(
            services.section_save(
                user=user,
                section=section,
                expected_version=expected_version,
                data=data,
                summary=summary,
            )
        )
    except services.EditConflict:
        return merge_and_save(
            user=user, section=section, base_version=expected_version, data=data, summary=summary
        )


def merge_form_initial(data: SectionInput, version: int, summary: str) -> tuple[dict, list]:
    """Initial values for the section form and rule formset holding the merged text."""
    form = {
        "expected_version": version,
        "heading": data.heading,
        "anchor": data.anchor,
        "body": data.body,
        "visibility": data.visibility,
        "summary": summary,
    }
    rules = [{"id": r.id, "ORDER": i + 1, **r.as_dict()} for i, r in enumerate(data.rules)]
    return form, rules


# --- presence -------------------------------------------------------------------------------
