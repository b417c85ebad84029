"""The one public write core: every change to a document's content goes through here.

Services (sections, documents, restores, tone fixes, suggestions, imports) validate their input,
check their permission, then in one transaction: `lock_document`, `claim_section` for each
section whose content they change, `write_rules` for its rules, and `record_revision` once.
Each of these runs a constant number of queries whatever the number of rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from accounts import permissions
from guidelines.models import Document, RevisionMeta, RevisionTouch, Rule, Section, Watch
from guidelines.models.documents import MAX_TEXT, Visibility
from guidelines.notifications import services as notifications
from guidelines.review import states
from guidelines.search import index as search_index
from textkit import tone as tone_engine
from textkit.modality import GUIDELINE, POLICY, TONES, Modality
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


def check_text(
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
    check_text(errors, "heading", data.heading, required=True, limit=200)
    check_text(errors, "body", data.body)
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


# --- rendering at save time ---------------------------------------------------------------------


def render_section(section: Section) -> None:
    section.body = normalise_newlines(section.body)
    section.body_html = render_markdown(section.body)
    section.renderer_version = RENDERER_VERSION


def render_rule(rule: Rule) -> None:
    """Derive every cached rendering of a rule: phrasings, their findings, explanation HTML."""
    render_phrasings(rule)
    rule.explanation_html = render_markdown(rule.explanation) if rule.explanation else ""


def render_phrasings(rule: Rule) -> None:
    """The engine's phrasing in each voice (the statement as written where it cannot build
    one), and the contract's findings on what readers will see."""
    modality = Modality(rule.modality)
    rule.auto_policy = tone_engine.render(rule.statement, POLICY, modality).text
    rule.auto_guideline = tone_engine.render(rule.statement, GUIDELINE, modality).text
    rule.findings = rule_findings(rule)


def rule_findings(rule: Rule) -> list[dict]:
    return phrasing_findings(
        statement=rule.statement,
        modality=rule.modality,
        written={POLICY: rule.policy_text, GUIDELINE: rule.guideline_text},
    )


UNRENDERED = "unrendered"  # the engine left the statement as written: it needs a phrasing
STRENGTH = "strength"  # the wording states another strength than the rule's modality


def phrasing_findings(*, statement: str, modality: str, written: dict[str, str]) -> list[dict]:
    """The rendering contract's findings on the phrasing readers see in each voice.

    `written` holds the author's own phrasing per tone ("" for none); where there is none,
    readers see the engine's. A finding is `{"tone", "code", "message", "fix"}`; its fix is
    a phrasing that keeps the rule's modality and breaks nothing, or None. An engine that
    left the statement as written adds "needs your phrasing" (code "unrendered"), which the
    author's own phrasing answers.
    """
    strength = Modality(modality)
    found: list[dict] = []
    for tone in TONES:
        own = (written.get(tone) or "").strip()
        rendered = tone_engine.render(statement, tone, strength)
        text = own or rendered.text
        unrendered = False
        for finding in tone_engine.check(text, tone, strength, statement=statement):
            if finding.code == UNRENDERED:
                if own:
                    continue
                unrendered = True
            found.append(
                {
                    "tone": tone,
                    "code": finding.code,
                    "message": finding.message,
                    "fix": _safe_fix(finding.fix, text, tone, strength),
                }
            )
        if not own and not rendered.automatic and not unrendered:
            found.append(
                {"tone": tone, "code": UNRENDERED, "message": rendered.reason, "fix": None}
            )
    return found


def _safe_fix(fix: str | None, text: str, tone: str, modality: Modality) -> str | None:
    """A fix only if it changes the text and keeps the whole contract, modality included."""
    if not fix or not fix.strip() or fix == text or tone_engine.check(fix, tone, modality):
        return None
    return fix


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- the core -------------------------------------------------------------------------------------


def lock_document(document: Document) -> Document:
    """Lock the document row for this transaction and read it afresh.

    Only the document row is locked and read: a joined row (its latest revision, its latest
    release) would be read from before the lock wait on PostgreSQL and could be stale.
    """
    return Document.objects.select_for_update().get(pk=document.pk)


def claim_section(section: Section, expected_version: int) -> None:
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


def section_words(section: Section | None) -> str:
    """The words of a section and its live rules, for the words added and removed counts."""
    if section is None:
        return ""
    parts = [section.heading, section.body]
    parts += [r.statement for r in section.rules.filter(removed_at__isnull=True)]
    return "\n".join(parts)


_RULE_WRITTEN = (
    "position",
    "modality",
    "statement",
    "policy_text",
    "guideline_text",
    "auto_policy",
    "auto_guideline",
    "findings",
    "explanation",
    "explanation_html",
    "visibility",
    "removed_at",
)


def write_rules(section: Section, rules: list[RuleInput]) -> None:
    """Make the section's live rules exactly `rules`, in order: in three queries at most.

    Only rules that change are written; rules left out are removed (softly, so history and
    restores still find them).
    """
    existing = {r.pk: r for r in section.rules.all()}
    unknown = [r.id for r in rules if r.id is not None and r.id not in existing]
    if unknown:
        raise ValidationError({"rules": [f"Rule {unknown[0]} is not part of this section."]})
    now = timezone.now()
    created: list[Rule] = []
    changed: list[Rule] = []
    kept: set[int] = set()
    for position, data in enumerate(rules):
        if data.id is None:
            rule = Rule(section=section)
            _apply_rule(rule, data, position)
            created.append(rule)
            continue
        rule = existing[data.id]
        kept.add(rule.pk)
        before = tuple(getattr(rule, name) for name in _RULE_WRITTEN)
        _apply_rule(rule, data, position)
        if tuple(getattr(rule, name) for name in _RULE_WRITTEN) != before:
            rule.updated_at = now
            changed.append(rule)
    for pk, rule in existing.items():
        if pk not in kept and rule.removed_at is None:
            rule.removed_at = now
            rule.updated_at = now
            changed.append(rule)
    if created:
        Rule.objects.bulk_create(created)
    if changed:
        Rule.objects.bulk_update(changed, [*_RULE_WRITTEN, "updated_at"])


def _apply_rule(rule: Rule, data: RuleInput, position: int) -> None:
    statement = data.statement.strip()
    policy_text, guideline_text = data.policy_text.strip(), data.guideline_text.strip()
    new = rule.pk is None
    rephrase = new or rule.statement != statement or rule.modality != data.modality
    recheck = rephrase or rule.policy_text != policy_text or rule.guideline_text != guideline_text
    explain = new or rule.explanation != data.explanation
    rule.modality = data.modality
    rule.statement = statement
    rule.policy_text = policy_text
    rule.guideline_text = guideline_text
    rule.explanation = normalise_newlines(data.explanation)
    rule.visibility = data.visibility
    rule.position = position
    rule.removed_at = None
    if rephrase:
        render_phrasings(rule)
    elif recheck:
        rule.findings = rule_findings(rule)
    if explain:
        rule.explanation_html = render_markdown(rule.explanation) if rule.explanation else ""


def renumber(sections: list[Section]) -> None:
    """Give sections consecutive positions in the given order, writing only those that move."""
    changed = []
    for position, section in enumerate(sections):
        if section.position != position or section.pk is None:
            section.position = position
            changed.append(section)
    Section.objects.bulk_update([s for s in changed if s.pk], ["position"])


def record_revision(
    *,
    document: Document,
    user,
    kind: str,
    summary: str,
    sections: list[Section],
    words: tuple[int, int] = (0, 0),
    restored_from: int | None = None,
) -> RevisionMeta:
    """Record one revision for the changes already written in this transaction.

    `document` must come from `lock_document`. Then, as named steps: the workflow is told the
    draft changed, the search index and watchers hear of the touched sections, and the author
    watches the document.
    """
    previous = (
        RevisionMeta.objects.only("manifest").get(pk=document.latest_revision_id)
        if document.latest_revision_id
        else None
    )
    previous_pairs = {int(sid): int(rid) for sid, rid in (previous.manifest if previous else [])}
    touched = {s.pk for s in sections}
    live = list(
        Section.objects.filter(document=document, removed_at__isnull=True)
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )
    extra = [pk for pk in live if pk not in touched and pk not in previous_pairs]
    to_version = list(sections) + (list(Section.objects.filter(pk__in=extra)) if extra else [])
    touched.update(extra)
    number = document.version + 1
    manifest = [[pk, 0 if pk in touched else previous_pairs[pk]] for pk in live]
    actor = user if user is not None and user.is_authenticated else None
    with reversion.create_revision(manage_manually=True, atomic=False):
        if actor is not None:
            reversion.set_user(actor)
        reversion.set_comment(summary)
        reversion.add_to_revision(document)
        for section in to_version:
            reversion.add_to_revision(section)
        reversion.add_meta(
            RevisionMeta,
            document=document,
            number=number,
            kind=kind,
            user=actor,
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
    status = document.status
    if kind != RevisionMeta.Kind.CREATE:
        status = states.draft_changed(document)
    Document.objects.filter(pk=document.pk).update(
        version=number, latest_revision=meta, status=status, updated_at=timezone.now()
    )
    document.version, document.latest_revision, document.status = number, meta, status
    search_index.index_document(document, sections=to_version)
    notifications.document_changed(document=document, meta=meta, user=user)
    if actor is not None:
        watch_as_author(actor, document)
    return meta


def watch_as_author(user, document: Document) -> None:
    """A document's editors watch it by default: whoever edits it starts watching."""
    if permissions.can_edit(user, document):
        Watch.objects.bulk_create([Watch(user=user, document=document)], ignore_conflicts=True)
