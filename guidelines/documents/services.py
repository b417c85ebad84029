"""Every write to documents, sections and rules. One user action = one revision.

Each function is keyword-only, runs in one transaction, validates before it writes (so bad input
leaves the data as it was) and records its revision explicitly through django-reversion.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts import permissions
from guidelines.documents.revisions import (
    EditConflict,
    RuleInput,
    SectionInput,
    claim_section,
    lock_document,
    record_revision,
    render_rule,
    render_section,
    renumber,
    section_words,
    validate_section_input,
    write_rules,
)
from guidelines.models import Document, RevisionMeta, Rule, Section
from textkit.diff import diff_stats
from textkit.modality import GUIDELINE, TONES

__all__ = ["EditConflict", "RuleInput", "SectionInput", "section_claim"]

# The write core's claim, under the name the services have always used.
section_claim = claim_section


def check_can_edit(user, document: Document) -> None:
    """Every content write asks this first, whoever calls it: a view, a command or a test."""
    if user is None or not permissions.can_edit(user, document):
        raise PermissionDenied("You may not edit this document.")


def unique_anchor(document: Document, wanted: str, *, exclude: int | None = None) -> str:
    base = slugify(wanted)[:70] or "section"
    taken = set(
        Section.objects.filter(document=document)
        .exclude(pk=exclude)
        .values_list("anchor", flat=True)
    )
    anchor, n = base, 2
    while anchor in taken:
        anchor = f"{base}-{n}"
        n += 1
    return anchor


def section_add(
    *,
    user,
    document: Document,
    data: SectionInput,
    after: Section | None = None,
    summary: str = "",
) -> Section:
    check_can_edit(user, document)
    validate_section_input(data)
    with transaction.atomic():
        document = lock_document(document)
        live = list(Section.objects.filter(document=document, removed_at__isnull=True))
        if data.anchor and any(
            s.anchor == data.anchor for s in Section.objects.filter(document=document)
        ):
            raise ValidationError({"anchor": ["Another section already uses this anchor."]})
        anchor = data.anchor or unique_anchor(document, data.heading)
        index = len(live)
        if after is not None:
            index = next((i + 1 for i, s in enumerate(live) if s.pk == after.pk), len(live))
        section = Section(
            document=document,
            heading=data.heading.strip(),
            anchor=anchor,
            body=data.body,
            visibility=data.visibility,
        )
        render_section(section)
        ordered = live[:index] + [section] + live[index:]
        section.position = index
        section.save()
        renumber(ordered)
        write_rules(section, data.rules)
        record_revision(
            document=document,
            user=user,
            kind=RevisionMeta.Kind.ADD,
            summary=summary or f"Added section “{section.heading}”",
            sections=[section],
            words=diff_stats("", section_words(section)),
        )
    return section


def section_save(
    *,
    user,
    section: Section,
    expected_version: int,
    data: SectionInput,
    summary: str = "",
) -> RevisionMeta:
    """Save a section with its rules, if nobody else saved it since `expected_version`."""
    check_can_edit(user, section.document)
    validate_section_input(data)
    with transaction.atomic():
        document = lock_document(section.document)
        section = Section.objects.get(pk=section.pk)
        if section.removed_at is not None:
            raise ValidationError("This section has been removed; restore it from the history.")
        if (
            data.anchor
            and data.anchor != section.anchor
            and Section.objects.filter(document=document, anchor=data.anchor)
            .exclude(pk=section.pk)
            .exists()
        ):
            raise ValidationError({"anchor": ["Another section already uses this anchor."]})
        section_claim(section, expected_version)
        before = section_words(section)
        section.heading = data.heading.strip()
        section.anchor = data.anchor or section.anchor
        section.body = data.body
        section.visibility = data.visibility
        render_section(section)
        section.save()
        write_rules(section, data.rules)
        return record_revision(
            document=document,
            user=user,
            kind=RevisionMeta.Kind.EDIT,
            summary=summary or f"Edited “{section.heading}”",
            sections=[section],
            words=diff_stats(before, section_words(section)),
        )


def section_remove(*, user, section: Section, summary: str = "") -> RevisionMeta:
    check_can_edit(user, section.document)
    with transaction.atomic():
        document = lock_document(section.document)
        section = Section.objects.get(pk=section.pk)
        if section.removed_at is not None:
            raise ValidationError("This section has already been removed.")
        before = section_words(section)
        section.removed_at = timezone.now()
        section.version += 1
        section.save(update_fields=["removed_at", "version", "updated_at"])
        renumber(list(Section.objects.filter(document=document, removed_at__isnull=True)))
        return record_revision(
            document=document,
            user=user,
            kind=RevisionMeta.Kind.REMOVE,
            summary=summary or f"Removed section “{section.heading}”",
            sections=[section],
            words=diff_stats(before, ""),
        )


def sections_reorder(
    *, user, document: Document, order: list[int], summary: str = ""
) -> RevisionMeta:
    check_can_edit(user, document)
    with transaction.atomic():
        document = lock_document(document)
        live = {s.pk: s for s in Section.objects.filter(document=document, removed_at__isnull=True)}
        if sorted(order) != sorted(live) or len(set(order)) != len(order):
            raise ValidationError(
                "The section order no longer matches the document; reload and try again."
            )
        renumber([live[pk] for pk in order])
        return record_revision(
            document=document,
            user=user,
            kind=RevisionMeta.Kind.REORDER,
            summary=summary or "Reordered sections",
            sections=[],
        )


def section_move(*, user, section: Section, offset: int) -> RevisionMeta:
    """Move a section up (-1) or down (+1) one place."""
    live = list(
        Section.objects.filter(document=section.document_id, removed_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    index = live.index(section.pk)
    target = max(0, min(len(live) - 1, index + offset))
    live.insert(target, live.pop(index))
    direction = "up" if offset < 0 else "down"
    return sections_reorder(
        user=user,
        document=section.document,
        order=live,
        summary=f"Moved “{section.heading}” {direction}",
    )


# --- documents --------------------------------------------------------------------------------


def validate_document_fields(
    *, subject: str, slug: str, default_tone: str, exclude: int | None = None
) -> None:
    errors: dict[str, list[str]] = {}
    if not subject.strip():
        errors["subject"] = ["A document needs a subject."]
    if not slug or slugify(slug) != slug:
        errors["slug"] = ["Use lowercase letters, digits and hyphens only."]
    elif Document.objects.filter(slug=slug).exclude(pk=exclude).exists():
        errors["slug"] = ["Another document already uses this address."]
    if default_tone not in TONES:
        errors["default_tone"] = ["Choose Policy or Guideline."]
    if errors:
        raise ValidationError(errors)


def document_create(
    *,
    user,
    subject: str,
    slug: str = "",
    summary: str = "",
    default_tone: str = GUIDELINE,
    title_policy: str = "",
    title_guideline: str = "",
    copy_from: Document | None = None,
) -> Document:
    if user is None or not permissions.can_create_document(user):
        raise PermissionDenied("You may not create documents.")
    slug = slug or slugify(subject)[:80]
    validate_document_fields(subject=subject, slug=slug, default_tone=default_tone)
    with transaction.atomic():
        document = Document.objects.create(
            subject=subject.strip(),
            slug=slug,
            summary=summary,
            default_tone=default_tone,
            title_policy=title_policy,
            title_guideline=title_guideline,
            created_by=user,
        )
        sections = []
        if copy_from is not None:
            from guidelines.documents.snapshots import live_sections

            for position, source in enumerate(live_sections(copy_from)):
                section = Section.objects.create(
                    document=document,
                    position=position,
                    heading=source.heading,
                    anchor=source.anchor,
                    body=source.body,
                    body_html=source.body_html,
                    renderer_version=source.renderer_version,
                    visibility=source.visibility,
                )
                Rule.objects.bulk_create(
                    Rule(
                        section=section,
                        position=i,
                        modality=r.modality,
                        statement=r.statement,
                        policy_text=r.policy_text,
                        guideline_text=r.guideline_text,
                        auto_policy=r.auto_policy,
                        auto_guideline=r.auto_guideline,
                        findings=r.findings,
                        explanation=r.explanation,
                        explanation_html=r.explanation_html,
                        visibility=r.visibility,
                    )
                    for i, r in enumerate(source.live_rules)
                )
                sections.append(section)
        document = lock_document(document)
        summary_text = (
            f"Created as a copy of “{copy_from.subject}”" if copy_from else "Created the document"
        )
        record_revision(
            document=document,
            user=user,
            kind=RevisionMeta.Kind.CREATE,
            summary=summary_text,
            sections=sections,
        )
    return document


def document_update(
    *,
    user,
    document: Document,
    expected_version: int,
    subject: str,
    slug: str,
    summary: str,
    default_tone: str,
    title_policy: str,
    title_guideline: str,
    required_approvals: int,
    open_for_consultation: bool,
    edit_summary: str = "",
) -> RevisionMeta:
    check_can_edit(user, document)
    validate_document_fields(
        subject=subject, slug=slug, default_tone=default_tone, exclude=document.pk
    )
    if required_approvals < 1 or required_approvals > 20:
        raise ValidationError({"required_approvals": ["Between 1 and 20 approvals."]})
    with transaction.atomic():
        locked = lock_document(document)
        if locked.version != expected_version:
            raise ValidationError(
                "Someone changed this document while you were editing its settings. "
                "Reload to see their changes, then make yours again."
            )
        for name, value in {
            "subject": subject.strip(),
            "slug": slug,
            "summary": summary,
            "default_tone": default_tone,
            "title_policy": title_policy.strip(),
            "title_guideline": title_guideline.strip(),
            "required_approvals": required_approvals,
            "open_for_consultation": open_for_consultation,
        }.items():
            setattr(locked, name, value)
        locked.save()
        return record_revision(
            document=locked,
            user=user,
            kind=RevisionMeta.Kind.SETTINGS,
            summary=edit_summary or "Changed the document's settings",
            sections=[],
        )


def rerender_all(*, batch_size: int = 500) -> int:
    """Re-render every section body, and every rule's automatic phrasings, contract findings and
    explanation, through the current pipeline and tone engine: in bulk, writing only what changed.

    Derived fields only: no revision is recorded, and nobody's words change. Returns the number
    of sections.
    """
    count = 0
    for sections in _batches(Section.objects.only("pk", "body", "body_html"), batch_size):
        for section in sections:
            render_section(section)
        Section.objects.bulk_update(sections, ["body_html", "renderer_version"])
        count += len(sections)
    derived = ["auto_policy", "auto_guideline", "findings", "explanation_html"]
    authored = ["modality", "statement", "policy_text", "guideline_text", "explanation"]
    for rules in _batches(Rule.objects.only("pk", *authored, *derived), batch_size):
        changed = []
        for rule in rules:
            before = [getattr(rule, name) for name in derived]
            render_rule(rule)
            if [getattr(rule, name) for name in derived] != before:
                changed.append(rule)
        Rule.objects.bulk_update(changed, derived)
    return count


def _batches(queryset, size: int):
    """The rows in primary-key order, `size` at a time, each batch read in full before the
    caller writes to it (no cursor stays open on the table being written)."""
    last = None
    while True:
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        rows = list(page[:size])
        if not rows:
            return
        yield rows
        last = rows[-1].pk
