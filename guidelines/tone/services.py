"""The voice check's writes: one-click fixes that keep the modality, and reasoned dismissals.

Every write checks its own permission (`check_can_edit`) and goes through the write core: one
transaction, `lock_document`, `claim_section` at the version the author saw (so a fix never
lands on text they have not seen), bulk writes, one revision per user action.

A fix is judged against the engine as it is now: the rule's automatic phrasings and findings
are derived afresh before the fix is taken. The fix is the engine's phrasing of the statement
for the rule's own modality (a SHOULD stays a recommendation, never becomes a "must"), and
only a phrasing that keeps the whole contract is offered. When the fix is the automatic
phrasing, the author's own phrasing is cleared so the rule follows its statement again.

A dismissal is an author's reasoned "this finding is wrong". It covers the exact phrasing it
was given on; once the phrasing changes, the finding (if the new text still has it) shows
again. It is recorded as a revision and in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from guidelines.documents import revisions
from guidelines.documents.services import check_can_edit
from guidelines.documents.snapshots import live_sections
from guidelines.models import Document, PhrasingDismissal, RevisionMeta, Rule
from textkit.diff import diff_stats
from textkit.modality import POLICY, TONES
from textkit.presentation import visible_in

MAX_REASON = 500
CODES = {
    revisions.STRENGTH: "strength",
    "legal-vocabulary": "legal vocabulary",
    "encouragement": "encouragement",
    revisions.UNRENDERED: "needs your phrasing",
}


@dataclass(frozen=True)
class Fix:
    text: str  # the phrasing readers will see
    automatic: bool  # True: the engine's phrasing (the author's own is cleared)


def _written_field(tone: str) -> str:
    return "policy_text" if tone == POLICY else "guideline_text"


def _automatic_text(rule: Rule, tone: str) -> str:
    return rule.auto_policy if tone == POLICY else rule.auto_guideline


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _check_tone(tone: str) -> None:
    if tone not in TONES:
        raise ValidationError({"tone": ["Choose Policy or Guideline."]})


def _dismissed_codes(rule: Rule, tone: str, text: str) -> set[str]:
    return set(
        PhrasingDismissal.objects.filter(rule=rule, tone=tone, text=text).values_list(
            "code", flat=True
        )
    )


def _fix_for(rule: Rule, tone: str, dismissed: set[str]) -> Fix | None:
    """The fix for the rule's phrasing in `tone` from its open findings, or None."""
    for finding in rule.findings:
        if finding["tone"] == tone and finding["code"] not in dismissed and finding.get("fix"):
            text = finding["fix"]
            return Fix(text, text == _automatic_text(rule, tone))
    return None


def _apply_fix(rule: Rule, tone: str, dismissed: set[str] | None = None) -> tuple[Fix, str] | None:
    """Apply the fix to the rule in memory: the fix and the text it replaced, or None.

    `dismissed` holds the finding codes dismissed on the current phrasing; None reads them.
    """
    revisions.render_phrasings(rule)  # judged against the engine as it is now
    before = rule.text_for(tone)
    if dismissed is None:
        dismissed = _dismissed_codes(rule, tone, before)
    fix = _fix_for(rule, tone, dismissed)
    if fix is None:
        return None
    setattr(rule, _written_field(tone), "" if fix.automatic else fix.text)
    rule.findings = revisions.rule_findings(rule)
    return fix, before


def _save_rules(rules: list[Rule]) -> None:
    now = timezone.now()
    for rule in rules:
        rule.updated_at = now
    Rule.objects.bulk_update(
        rules,
        [
            "policy_text",
            "guideline_text",
            "auto_policy",
            "auto_guideline",
            "findings",
            "updated_at",
        ],
    )


def _summary(fixes: list[Fix], tone: str, rule: Rule | None = None) -> str:
    which = "automatic" if all(f.automatic for f in fixes) else "suggested"
    target = f"“{_short(rule.statement)}”" if rule is not None else f"{len(fixes)} rules"
    return f"Used the {which} {tone} phrasing for {target}"


def _live_rule(rule: Rule, tone: str) -> Rule:
    """The rule afresh, with its section and document; ValidationError if it is not shown in
    the tone any more."""
    rule = Rule.objects.select_related("section__document").get(pk=rule.pk)
    section = rule.section
    if rule.removed_at is not None or section.removed_at is not None:
        raise ValidationError("This rule has been removed since you loaded the page.")
    if not (visible_in(section.visibility, tone) and visible_in(rule.visibility, tone)):
        raise ValidationError(f"This rule is not shown in the {tone}.")
    return rule


def rule_adopt_phrasing(
    *,
    user,
    rule: Rule,
    tone: str,
    expected_version: int | None = None,
) -> RevisionMeta:
    """Apply the one-click fix to one rule's phrasing in one voice, as one revision.

    `expected_version` is the section's version the user saw; EditConflict if it moved on.
    ValidationError if the rule is gone, not shown in the tone, keeps the contract already, or
    has no fix the engine can offer.
    """
    check_can_edit(user, rule.section.document)
    _check_tone(tone)
    with transaction.atomic():
        document = revisions.lock_document(rule.section.document)
        rule = _live_rule(rule, tone)
        section = rule.section
        expected = section.version if expected_version is None else expected_version
        if section.version != expected:
            raise revisions.EditConflict(section, expected)
        applied = _apply_fix(rule, tone)
        if applied is None:
            raise ValidationError(
                f"This {tone} phrasing has no one-click fix: it keeps the contract already, or "
                "the engine has no phrasing that does. Write it yourself in the editor."
            )
        fix, before = applied
        revisions.claim_section(section, expected)
        _save_rules([rule])
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
    """Apply every available one-click fix in a voice, as one revision; None if none applies.

    `expected_version` is the document's version the user saw: the fixes must be the ones they
    were shown, so a document that moved on is a ValidationError.
    """
    check_can_edit(user, document)
    _check_tone(tone)
    with transaction.atomic():
        document = revisions.lock_document(document)
        if expected_version is not None and document.version != expected_version:
            raise ValidationError(
                "The document changed since you loaded the voice check. Look over the fresh "
                "list, then fix again."
            )
        sections = [s for s in live_sections(document) if visible_in(s.visibility, tone)]
        rules = [
            r
            for s in sections
            for r in s.live_rules
            if visible_in(r.visibility, tone) and any(f["tone"] == tone for f in r.findings)
        ]
        dismissed: dict[tuple[int, str], set[str]] = {}
        for rule_id, text, code in PhrasingDismissal.objects.filter(
            rule__in=rules, tone=tone
        ).values_list("rule_id", "text", "code"):
            dismissed.setdefault((rule_id, text), set()).add(code)
        fixes, fixed, touched, words = [], [], {}, [0, 0]
        for rule in rules:
            current = rule.text_for(tone)
            applied = _apply_fix(rule, tone, dismissed.get((rule.pk, current), set()))
            if applied is None:
                continue
            fix, before = applied
            fixes.append(fix)
            fixed.append(rule)
            added, removed = diff_stats(before, fix.text)
            words = [words[0] + added, words[1] + removed]
            touched[rule.section_id] = next(s for s in sections if s.pk == rule.section_id)
        if not fixes:
            return None
        for section in touched.values():
            revisions.claim_section(section, section.version)
        _save_rules(fixed)
        return revisions.record_revision(
            document=document,
            user=user,
            kind=RevisionMeta.Kind.LINT_FIX,
            summary=_summary(fixes, tone, fixed[0] if len(fixed) == 1 else None),
            sections=list(touched.values()),
            words=(words[0], words[1]),
        )


def finding_dismiss(
    *,
    user,
    rule: Rule,
    tone: str,
    code: str,
    text: str,
    reason: str,
    expected_version: int | None = None,
) -> PhrasingDismissal:
    """Dismiss one finding on the exact phrasing `text` of a rule in a voice, with a reason.

    One revision and one audit entry. ValidationError for a missing or long reason, a finding
    the phrasing no longer has, a phrasing that changed since the author read it, or a finding
    already dismissed; EditConflict if the section moved on from `expected_version`.
    """
    check_can_edit(user, rule.section.document)
    _check_tone(tone)
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": ["Say why this finding is wrong."]})
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": [f"Keep the reason under {MAX_REASON} characters."]})
    if code not in CODES:
        raise ValidationError({"code": ["There is no such kind of finding."]})
    with transaction.atomic():
        document = revisions.lock_document(rule.section.document)
        rule = _live_rule(rule, tone)
        section = rule.section
        expected = section.version if expected_version is None else expected_version
        if section.version != expected:
            raise revisions.EditConflict(section, expected)
        if rule.text_for(tone) != text:
            raise ValidationError(
                f"The {tone} phrasing changed since you loaded the page; look at it afresh."
            )
        if not any(f["tone"] == tone and f["code"] == code for f in rule.findings):
            raise ValidationError("This phrasing no longer has that finding.")
        if PhrasingDismissal.objects.filter(rule=rule, tone=tone, code=code, text=text).exists():
            raise ValidationError("This finding is dismissed already.")
        revisions.claim_section(section, expected)
        dismissal = PhrasingDismissal.objects.create(
            rule=rule, tone=tone, code=code, text=text, reason=reason, dismissed_by=user
        )
        revisions.record_revision(
            document=document,
            user=user,
            kind=RevisionMeta.Kind.DISMISSAL,
            summary=(
                f"Dismissed “{CODES[code]}” on the {tone} phrasing of “{_short(rule.statement)}”: "
                f"{_short(reason, 200)}"
            ),
            sections=[section],
        )
        audit_record(
            actor=user,
            action="phrasing.dismiss",
            target=rule,
            document=document,
            details={
                "tone": tone,
                "code": code,
                "text": text[:2000],
                "reason": reason,
                "revision": document.version,
            },
        )
    return dismissal
