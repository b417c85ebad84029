"""Every write to documents, sections and rules. One user action = one revision.

Each function is keyword-only, runs in one transaction, validates before it writes (so bad input
leaves the data as it was) and records its revision explicitly through django-reversion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from guidelines.documents import hooks
from guidelines.models import Document, Review, RevisionMeta, RevisionTouch, Rule, Section
from guidelines.models.documents import MAX_TEXT, Visibility
from textkit.diff import diff_stats
from textkit.legacy_tone import GUIDELINE, POLICY, TONES, Modality, rephrase
from textkit.rendering import RENDERER_VERSION, render_markdown

MODALITIES = {m.value for m in Modality}
VISIBILITIES = {v.value for v in Visibility}


class EditConflict(Exception):
    """Someone else saved the section after the editor's form was loaded."""

    def __init__(self, section: Section, expected_version: int):
        super().__init__(f"{section.heading} was changed by someone else.")
        self.section = section
        self.expected_version = expected_version


@dataclass
class RuleInput:
    id: int | None
    modality: str
    statement: str
    policy_text: str = ""
    guideline_text: str = ""
    explanation: str = ""
    visibility: str = Visibility.BOTH

    def as_dict(self) -> dict:
        return {
            "modality": self.modality,
            "statement": self.statement,
            "policy_text": self.policy_text,
            "guideline_text": self.guideline_text,
            "explanation": self.explanation,
            "visibility": self.visibility,
        }


@dataclass
class SectionInput:
    heading: str
    body: str = ""
    visibility: str = Visibility.BOTH
    anchor: str = ""
    rules: list[RuleInput] = field(default_factory=list)


# --- validation -------------------------------------------------------------------------------


def _check_text(
    errors: dict, name: str, value: str, *, required: bool = False, limit: int = MAX_TEXT
) -> None:
    if required and not value.strip():
        errors.setdefault(name, []).append("This field cannot be empty.")
    if len(value) > limit:
        errors.setdefault(name, []).append(
            f"This text is {len(value):,} characters long; the limit is {limit:,}."
        )
    if "\x00" in value:
        # PostgreSQL cannot store NUL; refuse it everywhere so both databases behave alike.
        errors.setdefault(name, []).append("Null characters are not allowed.")


def validate_section_input(data: SectionInput) -> None:
    errors: dict[str, list[str]] = {}
    _check_text(errors, "heading", data.heading, required=True, limit=200)
    _check_text(errors, "body", data.body)
    if data.visibility not in VISIBILITIES:
        errors.setdefault("visibility", []).append("Choose a valid visibility.")
    if data.anchor and slugify(data.anchor) != data.anchor:
        errors.setdefault("anchor", []).append("Use lowercase letters, digits and hyphens only.")
    for index, rule in enumerate(data.rules, start=1):
        prefix = f"rule {index}"
        if rule.modality not in MODALITIES:
            errors.setdefault(prefix, []).append(f"“{rule.modality}” is not a modality.")
        if rule.visibility not in VISIBILITIES:
            errors.setdefault(prefix, []).append("Choose a valid visibility.")
        if not rule.statement.strip():
            errors.setdefault(prefix, []).append("A rule needs a statement.")
        for name in ("statement", "policy_text", "guideline_text", "explanation"):
            value = getattr(rule, name)
            if len(value) > MAX_TEXT:
                errors.setdefault(prefix, []).append(
                    f"The {name.replace('_', ' ')} is {len(value):,} characters long; "
                    f"the limit is {MAX_TEXT:,}."
                )
            if "\x00" in value:
                errors.setdefault(prefix, []).append(
                    f"The {name.replace('_', ' ')} contains a null character."
                )
    if errors:
        raise ValidationError(errors)


# --- revision recording -----------------------------------------------------------------------


def _section_words(section: Section | None) -> str:
    """The words of a section and its live rules, for the words added and removed counts."""
    if section is None:
        return ""
    parts = [section.heading, section.body]
    parts += [r.statement for r in section.rules.filter(removed_at__isnull=True)]
    return "\n".join(parts)


def _lock(document: Document) -> Document:
    return (
        Document.objects.select_for_update(of=("self",))
        .select_related("latest_revision")
        .get(pk=document.pk)
    )


def _record(
    *,
    document: Document,
    user,
    kind: str,
    summary: str,
    sections: list[Section],
    words: tuple[int, int] = (0, 0),
    restored_from: int | None = None,
) -> RevisionMeta:
    """Record the revision for changes already written in this transaction."""
    previous = document.latest_revision
    previous_pairs = {int(sid): int(rid) for sid, rid in (previous.manifest if previous else [])}
    touched = {s.pk for s in sections}
    live = list(
        Section.objects.filter(document=document, removed_at__isnull=True)
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )
    extra = [pk for pk in live if pk not in touched and pk not in previous_pairs]
    to_version = list(sections) + list(Section.objects.filter(pk__in=extra))
    touched.update(extra)
    number = document.version + 1
    manifest = [[pk, 0 if pk in touched else previous_pairs[pk]] for pk in live]
    with reversion.create_revision(manage_manually=True, atomic=False):
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(summary)
        reversion.add_to_revision(document)
        for section in to_version:
            reversion.add_to_revision(section)
        reversion.add_meta(
            RevisionMeta,
            document=document,
            number=number,
            kind=kind,
            user=user if user is not None and user.is_authenticated else None,
            summary=summary[:500],
            words_added=words[0],
            words_removed=words[1],
            section_headings=[s.heading for s in to_version][:50],
            manifest=manifest,
            restored_from=restored_from,
        )
    meta = RevisionMeta.objects.get(document=document, number=number)
    meta.manifest = [[pk, rid or meta.revision_id] for pk, rid in manifest]
    meta.save(update_fields=["manifest"])
    RevisionTouch.objects.bulk_create(
        RevisionTouch(meta=meta, section_id_ref=s.pk, section_version=s.version) for s in to_version
    )
    new_status = document.status
    if kind != RevisionMeta.Kind.CREATE:
        # The draft moved on: an approval no longer covers it, and a published draft is a draft.
        Review.objects.filter(document=document, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now()
        )
        if document.status in (Document.Status.APPROVED, Document.Status.PUBLISHED):
            new_status = Document.Status.DRAFT
            if document.status == Document.Status.APPROVED:
                new_status = Document.Status.IN_REVIEW
    Document.objects.filter(pk=document.pk).update(
        version=number, latest_revision=meta, status=new_status, updated_at=timezone.now()
    )
    document.version, document.latest_revision, document.status = number, meta, new_status
    hooks.after_revision(document=document, meta=meta, sections=to_version, user=user)
    return meta


# --- rules and sections -----------------------------------------------------------------------


def _render_section(section: Section) -> None:
    section.body_html = render_markdown(section.body)
    section.renderer_version = RENDERER_VERSION


def _apply_rule(rule: Rule, data: RuleInput) -> None:
    rule.modality = data.modality
    rule.statement = data.statement.strip()
    rule.policy_text = data.policy_text.strip()
    rule.guideline_text = data.guideline_text.strip()
    rule.explanation = data.explanation
    rule.visibility = data.visibility
    render_rule(rule)


def render_rule(rule: Rule) -> None:
    """Derive the cached renderings of a rule: automatic phrasings and explanation HTML."""
    modality = Modality(rule.modality)
    rule.auto_policy = rephrase(rule.statement, POLICY, modality)
    rule.auto_guideline = rephrase(rule.statement, GUIDELINE, modality)
    rule.explanation_html = render_markdown(rule.explanation) if rule.explanation else ""


def _write_rules(section: Section, rules: list[RuleInput]) -> None:
    existing = {r.pk: r for r in section.rules.all()}
    unknown = [r.id for r in rules if r.id is not None and r.id not in existing]
    if unknown:
        raise ValidationError({"rules": [f"Rule {unknown[0]} is not part of this section."]})
    kept = set()
    for position, data in enumerate(rules):
        rule = existing.get(data.id) if data.id is not None else Rule(section=section)
        _apply_rule(rule, data)
        rule.position = position
        rule.removed_at = None
        rule.save()
        kept.add(rule.pk)
    now = timezone.now()
    for pk, rule in existing.items():
        if pk not in kept and rule.removed_at is None:
            rule.removed_at = now
            rule.save(update_fields=["removed_at", "updated_at"])


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
    validate_section_input(data)
    with transaction.atomic():
        document = _lock(document)
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
        _render_section(section)
        ordered = live[:index] + [section] + live[index:]
        section.position = index
        section.save()
        _renumber(ordered)
        _write_rules(section, data.rules)
        _record(
            document=document,
            user=user,
            kind=RevisionMeta.Kind.ADD,
            summary=summary or f"Added section “{section.heading}”",
            sections=[section],
            words=diff_stats("", _section_words(section)),
        )
    return section


def _renumber(sections: list[Section]) -> None:
    changed = []
    for position, section in enumerate(sections):
        if section.position != position or section.pk is None:
            section.position = position
            changed.append(section)
    Section.objects.bulk_update([s for s in changed if s.pk], ["position"])


def section_claim(section: Section, expected_version: int) -> None:
    """Take the section's next version if it is still at `expected_version`, else EditConflict.

    Every write to a section's content goes through this conditional update: it is the
    concurrency check, and it holds on SQLite and PostgreSQL alike (no row locks needed).
    """
    claimed = Section.objects.filter(pk=section.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict(section, expected_version)
    section.version = expected_version + 1


def section_save(
    *,
    user,
    section: Section,
    expected_version: int,
    data: SectionInput,
    summary: str = "",
) -> RevisionMeta:
    """Save a section with its rules, if nobody else saved it since `expected_version`."""
    validate_section_input(data)
    with transaction.atomic():
        document = _lock(section.document)
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
        before = _section_words(section)
        section.heading = data.heading.strip()
        section.anchor = data.anchor or section.anchor
        section.body = data.body
        section.visibility = data.visibility
        _render_section(section)
        section.save()
        _write_rules(section, data.rules)
        return _record(
            document=document,
            user=user,
            kind=RevisionMeta.Kind.EDIT,
            summary=summary or f"Edited “{section.heading}”",
            sections=[section],
            words=diff_stats(before, _section_words(section)),
        )


def section_remove(*, user, section: Section, summary: str = "") -> RevisionMeta:
    with transaction.atomic():
        document = _lock(section.document)
        section = Section.objects.get(pk=section.pk)
        if section.removed_at is not None:
            raise ValidationError("This section has already been removed.")
        before = _section_words(section)
        section.removed_at = timezone.now()
        section.version += 1
        section.save(update_fields=["removed_at", "version", "updated_at"])
        _renumber(list(Section.objects.filter(document=document, removed_at__isnull=True)))
        return _record(
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
    with transaction.atomic():
        document = _lock(document)
        live = {s.pk: s for s in Section.objects.filter(document=document, removed_at__isnull=True)}
        if sorted(order) != sorted(live) or len(set(order)) != len(order):
            raise ValidationError(
                "The section order no longer matches the document; reload and try again."
            )
        _renumber([live[pk] for pk in order])
        return _record(
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
                        explanation=r.explanation,
                        explanation_html=r.explanation_html,
                        visibility=r.visibility,
                    )
                    for i, r in enumerate(source.live_rules)
                )
                sections.append(section)
        document = _lock(document)
        summary_text = (
            f"Created as a copy of “{copy_from.subject}”" if copy_from else "Created the document"
        )
        _record(
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
    validate_document_fields(
        subject=subject, slug=slug, default_tone=default_tone, exclude=document.pk
    )
    if required_approvals < 1 or required_approvals > 20:
        raise ValidationError({"required_approvals": ["Between 1 and 20 approvals."]})
    with transaction.atomic():
        locked = _lock(document)
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
        return _record(
            document=locked,
            user=user,
            kind=RevisionMeta.Kind.SETTINGS,
            summary=edit_summary or "Changed the document's settings",
            sections=[],
        )


def rerender_all() -> int:
    """Re-render every section body and rule explanation through the current pipeline."""
    count = 0
    for section in Section.objects.all().iterator():
        _render_section(section)
        section.save(update_fields=["body_html", "renderer_version"])
        count += 1
    for rule in Rule.objects.all().iterator():
        render_rule(rule)
        rule.save(update_fields=["auto_policy", "auto_guideline", "explanation_html"])
    return count
