"""The tone linter: finding rules whose wording fights a tone, and the one-click fixes.

Reads (`tone_issues`, `suggest_fix`, `issue_count`) work on plain snapshot and view data, so the
reading page can count issues without a query. Writes (`rule_adopt_phrasing`,
`phrasings_adopt_all`) follow the services' contract: keyword-only, one transaction, one
revision per user action, and the same optimistic check on the section's version counter as
`documents.services.section_save`, so a fix never lands on text its author has not seen.

A fix prefers the engine's automatic phrasing: when a hand-written phrasing is the culprit and
the automatic one reads right, the hand-written one is cleared. Only when the automatic phrasing
fights the tone too is the engine's rephrasing of the current text stored as the hand-written
phrasing. Where the engine has nothing better, there is no one-click fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from guidelines.documents import revisions
from guidelines.documents.services import check_can_edit
from guidelines.documents.snapshots import live_sections, rule_data
from guidelines.models import Document, RevisionMeta, Rule
from textkit import legacy_tone as engine
from textkit.diff import diff_stats
from textkit.presentation import modality_label, rule_text, visible_in

AUTOMATIC = "automatic"  # clear the hand-written phrasing; the automatic one reads right
REPHRASED = "rephrased"  # store the engine's rephrasing of the current text as hand-written


@dataclass(frozen=True)
class Fix:
    kind: str
    text: str


@dataclass(frozen=True)
class ToneIssue:
    """One live rule whose phrasing in a tone fights that tone."""

    section_key: str
    section_heading: str
    section_anchor: str
    section_version: int
    rule_key: str
    rule_anchor: str
    rule_number: int
    modality: str
    statement: str
    text: str
    automatic: bool
    words: list[str]
    fix: Fix | None

    @property
    def modality_label(self) -> str:
        return modality_label(self.modality)


def _modality(value: str | None) -> engine.Modality | None:
    try:
        return engine.Modality(value)
    except ValueError:
        return None


def suggest_fix(rule: dict, tone: str) -> Fix | None:
    """The one-click fix for a rule (snapshot rule data) in a tone; None if none is needed or
    the engine has nothing that reads right."""
    text, automatic = rule_text(rule, tone)
    if not engine.lint(text, tone):
        return None
    if not automatic:
        auto, _ = rule_text({**rule, "policy_text": "", "guideline_text": ""}, tone)
        if auto.strip() and not engine.lint(auto, tone):
            return Fix(AUTOMATIC, auto)
    candidate = engine.rephrase(text, tone, _modality(rule.get("modality")))
    if candidate.strip() and candidate != text and not engine.lint(candidate, tone):
        return Fix(REPHRASED, candidate)
    return None


def tone_issues(snapshot: dict, tone: str) -> list[ToneIssue]:
    """Every rule shown in the tone whose current phrasing fights it, in document order."""
    issues = []
    for section in snapshot["sections"]:
        if not visible_in(section.get("visibility", "both"), tone):
            continue
        for number, rule in enumerate(section.get("rules", []), start=1):
            if not visible_in(rule.get("visibility", "both"), tone):
                continue
            text, automatic = rule_text(rule, tone)
            words = engine.lint(text, tone)
            if not words:
                continue
            issues.append(
                ToneIssue(
                    section_key=str(section["key"]),
                    section_heading=section["heading"],
                    section_anchor=section["anchor"],
                    section_version=int(section.get("version", 0)),
                    rule_key=str(rule["key"]),
                    rule_anchor=f"rule-{rule['key']}",
                    rule_number=number,
                    modality=rule.get("modality", ""),
                    statement=rule.get("statement", ""),
                    text=text,
                    automatic=automatic,
                    words=words,
                    fix=suggest_fix(rule, tone),
                )
            )
    return issues


@lru_cache(maxsize=8192)
def fights(text: str, tone: str) -> bool:
    """Whether a phrasing fights its tone. Cached: reading pages ask per rule on every view, and
    the same phrasings come back again and again."""
    return bool(engine.lint(text, tone))


def issue_count(view: dict) -> int:
    """How many rules of a tone view fight its tone: the view already holds the shown text."""
    tone = view["tone"]
    return sum(
        1 for section in view["sections"] for rule in section["rules"] if fights(rule["text"], tone)
    )


# --- writes -----------------------------------------------------------------------------------


def _written_field(tone: str) -> str:
    return "policy_text" if tone == engine.POLICY else "guideline_text"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _apply_fix(rule: Rule, tone: str) -> tuple[Fix, str] | None:
    """Apply the fix to the rule in memory; the fix and the text it replaced, or None."""
    revisions.render_rule(rule)  # fixes are judged against the engine as it is now
    data = rule_data(rule)
    fix = suggest_fix(data, tone)
    if fix is None:
        return None
    before, _ = rule_text(data, tone)
    setattr(rule, _written_field(tone), "" if fix.kind == AUTOMATIC else fix.text)
    return fix, before


def _save_rules(rules: list[Rule], tone: str) -> None:
    fields = [
        _written_field(tone),
        "auto_policy",
        "auto_guideline",
        "explanation_html",
        "updated_at",
    ]
    now = timezone.now()
    for rule in rules:
        rule.updated_at = now
    Rule.objects.bulk_update(rules, fields)


def _summary(fixes: list[Fix], tone: str, rule: Rule | None = None) -> str:
    which = "automatic" if all(f.kind == AUTOMATIC for f in fixes) else "suggested"
    target = f"“{_short(rule.statement)}”" if rule is not None else f"{len(fixes)} rules"
    return f"Adopted the {which} {tone} phrasing for {target}"


def rule_adopt_phrasing(
    *,
    user,
    rule: Rule,
    tone: str,
    expected_version: int | None = None,
) -> RevisionMeta:
    """Apply the one-click fix to one rule in one tone, as one revision.

    `expected_version` is the section's version the user saw; EditConflict if it moved on.
    ValidationError if the rule is gone, not shown in the tone, reads right already, or has no
    fix the engine can offer.
    """
    check_can_edit(user, rule.section.document)
    if tone not in engine.TONES:
        raise ValidationError({"tone": ["Choose Policy or Guideline."]})
    with transaction.atomic():
        rule = Rule.objects.select_related("section__document").get(pk=rule.pk)
        section = rule.section
        document = revisions.lock_document(section.document)
        if rule.removed_at is not None or section.removed_at is not None:
            raise ValidationError("This rule has been removed since you loaded the page.")
        if not (visible_in(section.visibility, tone) and visible_in(rule.visibility, tone)):
            raise ValidationError(f"This rule is not shown in the {tone}.")
        expected = section.version if expected_version is None else expected_version
        if section.version != expected:
            raise revisions.EditConflict(section, expected)
        applied = _apply_fix(rule, tone)
        if applied is None:
            raise ValidationError(
                f"This rule has no automatic fix in the {tone} tone: it reads right already, "
                "or the engine has nothing better. Edit it by hand."
            )
        fix, before = applied
        revisions.claim_section(section, expected)
        _save_rules([rule], tone)
        return revisions.record_revision(
            document=document,
            user=user,
            kind=RevisionMeta.Kind.LINT_FIX,
            summary=_summary([fix], tone, rule),
            sections=[section],
            words=diff_stats(before, fix.text),
        )


def phrasings_adopt_all(
    *,
    user,
    document: Document,
    tone: str,
    expected_version: int | None = None,
) -> RevisionMeta | None:
    """Apply every available one-click fix in a tone, as one revision; None if none applies.

    `expected_version` is the document's version the user saw: the fixes must be the ones they
    were shown, so a document that moved on is a ValidationError.
    """
    check_can_edit(user, document)
    if tone not in engine.TONES:
        raise ValidationError({"tone": ["Choose Policy or Guideline."]})
    with transaction.atomic():
        document = revisions.lock_document(document)
        if expected_version is not None and document.version != expected_version:
            raise ValidationError(
                "The document changed since you loaded the tone check. Look over the fresh "
                "list, then fix again."
            )
        fixes, rules, touched, words = [], [], [], [0, 0]
        for section in live_sections(document):
            if not visible_in(section.visibility, tone):
                continue
            changed = False
            for rule in section.live_rules:
                if not visible_in(rule.visibility, tone):
                    continue
                applied = _apply_fix(rule, tone)
                if applied is None:
                    continue
                fix, before = applied
                fixes.append(fix)
                rules.append(rule)
                added, removed = diff_stats(before, fix.text)
                words = [words[0] + added, words[1] + removed]
                changed = True
            if changed:
                touched.append(section)
        if not fixes:
            return None
        for section in touched:
            revisions.claim_section(section, section.version)
        _save_rules(rules, tone)
        return revisions.record_revision(
            document=document,
            user=user,
            kind=RevisionMeta.Kind.LINT_FIX,
            summary=_summary(fixes, tone, rules[0] if len(rules) == 1 else None),
            sections=touched,
            words=(words[0], words[1]),
        )
