"""Restores: a section, a rule or the whole document as it stood at a revision, and bringing
back a removed section. Each is one new revision through the documents write core.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from guidelines.documents import revisions, services
from guidelines.documents.services import RuleInput, check_can_edit
from guidelines.documents.snapshots import (
    sections_at,
)
from guidelines.history.selectors import document_fields, pairs, revision_number_at
from guidelines.models import (
    Document,
    RevisionMeta,
    Section,
)
from guidelines.models.documents import Visibility
from textkit.diff import diff_stats


def _rule_inputs(section: Section, rules: list[dict]) -> list[RuleInput]:
    """Stored rules as service input; a rule no longer in this section comes back as new."""
    own = set(section.rules.values_list("pk", flat=True))
    return [
        RuleInput(
            id=r["id"] if r["id"] in own else None,
            modality=r["modality"],
            statement=r["statement"],
            policy_text=r.get("policy_text", ""),
            guideline_text=r.get("guideline_text", ""),
            explanation=r.get("explanation", ""),
            visibility=r.get("visibility") or Visibility.BOTH,
        )
        for r in rules
    ]


def _claim(section: Section) -> None:
    """Take the section's next version, failing if another save got there first."""
    try:
        services.section_claim(section, section.version)
    except services.EditConflict:
        raise ValidationError("Someone saved this section at the same moment; try again.") from None


def _write_section(document: Document, section: Section, stored: dict) -> None:
    _claim(section)
    anchor = stored["anchor"] or section.anchor
    if Section.objects.filter(document=document, anchor=anchor).exclude(pk=section.pk).exists():
        anchor = services.unique_anchor(document, anchor, exclude=section.pk)
    section.heading = stored["heading"]
    section.anchor = anchor
    section.body = stored["body"]
    section.visibility = stored["visibility"]
    section.removed_at = None
    revisions.render_section(section)
    section.save()
    revisions.write_rules(section, _rule_inputs(section, stored["rules"]))


def _stored_section(meta: RevisionMeta, section: Section) -> dict:
    pair = next(((s, r) for s, r in pairs(meta) if s == section.pk), None)
    if pair is None:
        raise ValidationError(
            f"“{section.heading}” was not part of the document at revision {meta.number}."
        )
    return sections_at([pair])[pair]


def _live(document: Document) -> list[Section]:
    return list(Section.objects.filter(document=document, removed_at__isnull=True))


def _place(document: Document, section: Section, index: int) -> None:
    """Put a section back among the live ones at index (clamped), renumbering the rest."""
    live = [s for s in _live(document) if s.pk != section.pk]
    live.insert(max(0, min(index, len(live))), section)
    revisions.renumber(live)


def section_restore(*, user, section: Section, meta: RevisionMeta) -> RevisionMeta:
    """Restore a section (heading, text, visibility, rules) as it stood at a revision.

    A live section keeps its current place; a removed one comes back where it stood then.
    """
    check_can_edit(user, section.document)
    stored = _stored_section(meta, section)
    with transaction.atomic():
        document = revisions.lock_document(section.document)
        section = Section.objects.get(pk=section.pk)
        was_removed = section.removed_at is not None
        now_pair = dict(pairs(document.latest_revision)).get(section.pk)
        if not was_removed and now_pair == dict(pairs(meta)).get(section.pk):
            raise ValidationError(
                f"“{section.heading}” is already as it was at revision {meta.number}."
            )
        before = "" if was_removed else revisions.section_words(section)
        _write_section(document, section, stored)
        if was_removed:
            _place(document, section, [s for s, _ in pairs(meta)].index(section.pk))
        return revisions.record_revision(
            document=document,
            user=user,
            kind=RevisionMeta.Kind.RESTORE,
            summary=f"Restored from revision {meta.number}: “{section.heading}”",
            sections=[section],
            words=diff_stats(before, revisions.section_words(section)),
            restored_from=meta.number,
        )


def _current_rule_inputs(section: Section) -> list[RuleInput]:
    return [
        RuleInput(
            id=r.pk,
            modality=r.modality,
            statement=r.statement,
            policy_text=r.policy_text,
            guideline_text=r.guideline_text,
            explanation=r.explanation,
            visibility=r.visibility,
        )
        for r in section.rules.filter(removed_at__isnull=True)
    ]


def rule_restore(*, user, section: Section, rule_id: int, meta: RevisionMeta) -> RevisionMeta:
    """Restore one rule as it stood at a revision; a removed rule comes back where it was."""
    check_can_edit(user, section.document)
    stored = _stored_section(meta, section)
    index = next((i for i, r in enumerate(stored["rules"]) if r["id"] == rule_id), None)
    if index is None:
        raise ValidationError(
            f"This rule was not in “{section.heading}” at revision {meta.number}."
        )
    with transaction.atomic():
        document = revisions.lock_document(section.document)
        section = Section.objects.get(pk=section.pk)
        if section.removed_at is not None:
            raise ValidationError("Bring the section back before restoring one of its rules.")
        before = revisions.section_words(section)
        rules = _current_rule_inputs(section)
        restored = _rule_inputs(section, [stored["rules"][index]])[0]
        at = next((i for i, r in enumerate(rules) if r.id == rule_id), None)
        if at is None:
            rules.insert(min(index, len(rules)), restored)
        else:
            rules[at] = restored
        _claim(section)
        section.save(update_fields=["version", "updated_at"])
        revisions.write_rules(section, rules)
        return revisions.record_revision(
            document=document,
            user=user,
            kind=RevisionMeta.Kind.RESTORE,
            summary=f"Restored from revision {meta.number}: a rule in “{section.heading}”",
            sections=[section],
            words=diff_stats(before, revisions.section_words(section)),
            restored_from=meta.number,
        )


def document_restore(*, user, document: Document, meta: RevisionMeta) -> RevisionMeta:
    """Bring the whole document back to a revision: fields, sections, their order.

    Sections added since are removed (softly; they stay in the history), removed ones come
    back, and only sections whose stored version differs are rewritten.
    """
    check_can_edit(user, document)
    target = pairs(meta)
    fields = document_fields(document, {meta.revision_id}).get(meta.revision_id)
    with transaction.atomic():
        document = revisions.lock_document(document)
        current = dict(pairs(document.latest_revision)) if document.latest_revision else {}
        stored = sections_at([p for p in target if current.get(p[0]) != p[1]])
        wanted = {s for s, _ in target}
        sections = Section.objects.in_bulk(list(wanted | set(current)))
        touched, before, after = [], [], []
        ordered = [sections[s] for s, _ in target if s in sections]
        revisions.renumber(ordered)
        for pair in target:
            section = sections.get(pair[0])
            if section is None or pair not in stored:
                continue
            before.append("" if section.removed_at else revisions.section_words(section))
            _write_section(document, section, stored[pair])
            after.append(revisions.section_words(section))
            touched.append(section)
        now = timezone.now()
        for section_id in current:
            section = sections.get(section_id)
            if section_id in wanted or section is None or section.removed_at is not None:
                continue
            before.append(revisions.section_words(section))
            _claim(section)
            section.removed_at = now
            section.save(update_fields=["removed_at", "version", "updated_at"])
            touched.append(section)
        if fields and any(getattr(document, k) != v for k, v in fields.items()):
            for name, value in fields.items():
                setattr(document, name, value)
            document.save(update_fields=[*fields, "updated_at"])
        elif not touched and [s for s, _ in target] == list(current):
            raise ValidationError(f"The document already matches revision {meta.number}.")
        return revisions.record_revision(
            document=document,
            user=user,
            kind=RevisionMeta.Kind.RESTORE,
            summary=f"Restored from revision {meta.number}",
            sections=touched,
            words=diff_stats("\n".join(before), "\n".join(after)),
            restored_from=meta.number,
        )


def section_bring_back(*, user, section: Section) -> RevisionMeta:
    """Undo a section's removal: its content is as it was, and it returns to its old place."""
    check_can_edit(user, section.document)
    with transaction.atomic():
        document = revisions.lock_document(section.document)
        section = Section.objects.get(pk=section.pk)
        if section.removed_at is None:
            raise ValidationError(f"“{section.heading}” is not removed.")
        # The revision just before the removal is the last one that showed the section.
        removal = revision_number_at(section.pk, section.version)
        number = removal - 1 if removal and removal > 1 else None
        _claim(section)
        section.removed_at = None
        if (
            Section.objects.filter(document=document, anchor=section.anchor)
            .exclude(pk=section.pk)
            .filter(removed_at__isnull=True)
            .exists()
        ):
            section.anchor = services.unique_anchor(document, section.anchor, exclude=section.pk)
        section.save(update_fields=["removed_at", "version", "anchor", "updated_at"])
        _place(document, section, section.position)
        label = f"Restored from revision {number}: " if number else "Restored: "
        return revisions.record_revision(
            document=document,
            user=user,
            kind=RevisionMeta.Kind.RESTORE,
            summary=f"{label}brought back “{section.heading}”",
            sections=[section],
            words=diff_stats("", revisions.section_words(section)),
            restored_from=number,
        )


# --- edit conflicts -------------------------------------------------------------------------
