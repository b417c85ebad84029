"""Reads of the voice check: the contract findings stored on rules, dismissals, the stance.

Findings are computed once, when a rule is saved (`documents.revisions.rule_findings`); these
reads only filter them: by the voices a rule is shown in, and by the dismissals that cover the
exact phrasing they were given on. No page view renders or checks a phrasing here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache

from accounts.people import person_name
from guidelines.documents.revisions import STRENGTH, UNRENDERED
from guidelines.models import Document, PhrasingDismissal, Release, Rule
from textkit import tone as tone_engine
from textkit.modality import POLICY, TONES, Modality
from textkit.presentation import visible_in

NEEDS_PHRASING = "needs your phrasing: "


@dataclass(frozen=True)
class VoiceFinding:
    """One contract finding on the phrasing readers of one voice see of one live rule."""

    rule_id: int
    section_id: int
    section_heading: str
    section_anchor: str
    section_version: int
    rule_number: int
    modality: str
    statement: str
    tone: str
    code: str
    message: str
    fix: str | None
    text: str  # the phrasing the finding is about, as readers see it
    automatic: bool
    dismissal: PhrasingDismissal | None = None

    @property
    def is_open(self) -> bool:
        return self.dismissal is None

    @property
    def is_strength(self) -> bool:
        return self.code == STRENGTH

    @property
    def needs_phrasing(self) -> bool:
        return self.code == UNRENDERED

    @property
    def reason(self) -> str:
        """The message without the engine's "needs your phrasing: " lead, for a heading to
        carry it."""
        if self.message.lower().startswith(NEEDS_PHRASING):
            rest = self.message[len(NEEDS_PHRASING) :]
            return rest[:1].upper() + rest[1:]
        return self.message

    @property
    def strength(self) -> str:
        return Modality(self.modality).strength

    @property
    def modality_label(self) -> str:
        return Modality(self.modality).label

    @property
    def voice(self) -> str:
        return self.tone.capitalize()

    @property
    def dismissed_by(self) -> str:
        return person_name(self.dismissal.dismissed_by) if self.dismissal else ""


@dataclass
class PhrasingIssues:
    """The findings on one phrasing (one rule in one voice), as the voice check lists them."""

    first: VoiceFinding
    findings: list[VoiceFinding] = field(default_factory=list)

    @property
    def open(self) -> list[VoiceFinding]:
        return [f for f in self.findings if f.is_open]

    @property
    def dismissed(self) -> list[VoiceFinding]:
        return [f for f in self.findings if not f.is_open]

    @property
    def fix(self) -> str | None:
        """The one-click fix: the same for every open finding on a phrasing (the engine's
        phrasing of the statement in this voice and modality)."""
        return next((f.fix for f in self.open if f.fix), None)

    @property
    def as_written(self) -> bool:
        """Readers see the statement exactly as written: the engine could not phrase it."""
        return self.first.automatic and any(f.needs_phrasing for f in self.findings)

    @property
    def has_strength_error(self) -> bool:
        return any(f.is_strength for f in self.open)


def _written(rule: Rule, tone: str) -> str:
    return (rule.policy_text if tone == POLICY else rule.guideline_text).strip()


def _shown(section_visibility: str, rule_visibility: str, tone: str) -> bool:
    return visible_in(section_visibility, tone) and visible_in(rule_visibility, tone)


def voice_findings(document: Document, *, tone: str | None = None) -> list[VoiceFinding]:
    """Every stored finding on the draft's live rules, in the voices each rule is shown in, in
    document order, each with the dismissal that covers it (if any).

    One query, and one more for dismissals when a shown phrasing has findings. Memoised on the
    document instance for its version: the draft page and the submit check the top bar asks
    (`review.workflow.SubmitAction`) read the same findings once. Every write bumps the
    version, and writes work on a freshly locked instance, so a memo never outlives its data.
    """
    memo = document.__dict__.setdefault("_candor_voice_findings", {})
    if document.version not in memo:
        memo.clear()
        memo[document.version] = _voice_findings(document)
    found = memo[document.version]
    return found if tone is None else [f for f in found if f.tone == tone]


def _voice_findings(document: Document) -> list[VoiceFinding]:
    rules = (
        Rule.objects.filter(
            section__document=document,
            section__removed_at__isnull=True,
            removed_at__isnull=True,
        )
        .exclude(findings=[])
        .select_related("section")
        .order_by("section__position", "section_id", "position", "id")
    )
    shown = [
        (rule, stored)
        for rule in rules
        for stored in rule.findings
        if stored.get("tone") in TONES
        and _shown(rule.section.visibility, rule.visibility, stored["tone"])
    ]
    if not shown:
        return []
    dismissals: dict[tuple[int, str, str, str], PhrasingDismissal] = {}
    for dismissal in (
        PhrasingDismissal.objects.filter(rule__in={rule.pk for rule, _ in shown})
        .select_related("dismissed_by__profile")
        .order_by("created_at")
    ):
        dismissals[(dismissal.rule_id, dismissal.tone, dismissal.code, dismissal.text)] = dismissal
    found: list[VoiceFinding] = []
    for rule, stored in shown:
        section, voice = rule.section, stored["tone"]
        text = rule.text_for(voice)
        code = stored.get("code", "")
        found.append(
            VoiceFinding(
                rule_id=rule.pk,
                section_id=section.pk,
                section_heading=section.heading,
                section_anchor=section.anchor,
                section_version=section.version,
                rule_number=rule.position + 1,
                modality=rule.modality,
                statement=rule.statement,
                tone=voice,
                code=code,
                message=stored.get("message", ""),
                fix=stored.get("fix"),
                text=text,
                automatic=not _written(rule, voice),
                dismissal=dismissals.get((rule.pk, voice, code, text)),
            )
        )
    return found


def phrasing_issues(findings: list[VoiceFinding]) -> list[PhrasingIssues]:
    """The findings grouped by phrasing (rule and voice), in the order given."""
    grouped: dict[tuple[int, str], PhrasingIssues] = {}
    for finding in findings:
        key = (finding.rule_id, finding.tone)
        if key not in grouped:
            grouped[key] = PhrasingIssues(first=finding)
        grouped[key].findings.append(finding)
    return list(grouped.values())


def strength_errors(document: Document) -> list[VoiceFinding]:
    """Open findings that a phrasing states another strength than its rule: they block review."""
    return [f for f in voice_findings(document) if f.is_strength and f.is_open]


def blocking_count(findings: list[VoiceFinding]) -> int:
    """Phrasings (in either voice) whose open strength error stops a submission for review."""
    return len(phrasing_issues([f for f in findings if f.is_strength and f.is_open]))


def open_counts(findings: list[VoiceFinding], tone: str) -> dict[str, int]:
    """Phrasings with an open finding in `tone`, per section key: for the draft page."""
    phrasings: dict[str, set[int]] = defaultdict(set)
    for finding in findings:
        if finding.tone == tone and finding.is_open:
            phrasings[str(finding.section_id)].add(finding.rule_id)
    return {key: len(rules) for key, rules in phrasings.items()}


def voice_check(document: Document, tone: str) -> dict:
    """What the voice check page lists in one voice, and what it counts in both."""
    findings = voice_findings(document)
    issues = phrasing_issues([f for f in findings if f.tone == tone])
    listed = [issue for issue in issues if issue.open]
    other = [f for f in findings if f.tone != tone and f.is_open]
    return {
        "issues": listed,
        "dismissed": [issue for issue in issues if issue.dismissed],
        "fixable": sum(1 for issue in listed if issue.fix),
        "strength_errors": sum(1 for issue in listed if issue.has_strength_error),
        "blocking": blocking_count(findings),
        "other_count": len(phrasing_issues(other)),
    }


def draft_voice_state(document: Document, tone: str) -> dict:
    """The voice check's counts for the draft page: open phrasings per section in `tone`, and
    the strength errors (in either voice) that would stop a submission."""
    findings = voice_findings(document)
    counts = open_counts(findings, tone)
    return {
        "counts": counts,
        "total": sum(counts.values()),
        "strength_errors": blocking_count(findings),
    }


# --- the stance meter -------------------------------------------------------------------------


def stance_rows(modalities: list[str], previous: dict[str, int] | None = None) -> dict:
    """The share of rules by strength, for the meter, from stored modalities (no engine call).

    `previous` is the count per modality at the latest release, for how the stance moved."""
    known = {m.value for m in Modality}
    measured = tone_engine.stance(m for m in modalities if m in known)
    rows = []
    for modality in Modality:
        count = measured.counts.get(modality, 0)
        row = {
            "modality": modality.value,
            "label": modality.label,
            "strength": modality.strength,
            "count": count,
            "pct": round(100 * measured.share(modality)),
            "css": modality.value.replace("_", "-"),
        }
        if previous is not None:
            row["change"] = count - previous.get(modality.value, 0)
        rows.append(row)
    meter = {
        "total": measured.total,
        "rows": rows,
        "binding": measured.counts[Modality.MUST] + measured.counts[Modality.MUST_NOT],
        "binding_pct": round(100 * measured.binding_share),
    }
    if previous is not None:
        before = tone_engine.stance(
            modality
            for modality, count in previous.items()
            if modality in known
            for _ in range(count)
        )
        meter["previous_binding_pct"] = round(100 * before.binding_share)
        meter["binding_change"] = meter["binding_pct"] - meter["previous_binding_pct"]
        meter["changed"] = any(row["change"] for row in rows)
    return meter


def view_modalities(sections) -> list[str]:
    return [rule["modality"] for section in sections for rule in section["rules"]]


def release_modalities(release_id: int, tone: str) -> dict[str, int]:
    """How many rules of each modality a release shows in a voice, from its snapshot.

    A release never changes, so the count is cached for good: the draft page loads the
    (large) snapshot once per release and voice, not once per view.
    """
    key = f"candor:release-stance:{release_id}:{tone}"
    counts = cache.get(key)
    if counts is None:
        snapshot = Release.objects.values_list("snapshot", flat=True).get(pk=release_id)
        counts = defaultdict(int)
        for section in snapshot.get("sections", []):
            if not visible_in(section.get("visibility", "both"), tone):
                continue
            for rule in section.get("rules", []):
                if visible_in(rule.get("visibility", "both"), tone):
                    counts[rule.get("modality", "")] += 1
        counts = dict(counts)
        cache.set(key, counts, timeout=None)
    return counts


def document_stance(document: Document, view: dict) -> dict:
    """The document's stance in the view's voice, and how it moved since the latest release."""
    previous = None
    if document.latest_release_id:
        previous = release_modalities(document.latest_release_id, view["tone"])
    meter = stance_rows(view_modalities(view["sections"]), previous)
    if document.latest_release_id:
        meter["release"] = document.latest_release.version
    return meter
