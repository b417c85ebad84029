"""Turn a snapshot into what a reader sees in one tone (a "tone view"). Pure: plain data in/out.

The view is what pages, releases, exports and the read API render:

    {"title", "subject", "summary", "tone",
     "sections": [{"key", "anchor", "heading", "body_html", "visibility", "tone_label",
                   "rules": [{"key", "anchor", "modality", "modality_label", "strength",
                              "strength_class", "text", "automatic", "strength_issue",
                              "explanation_html", "visibility", "tone_label"}]}]}

`strength` is the rule's strength in plain words ("Required", "Not allowed", …), the same in
both voices: the voice changes the wording, never the obligation. `strength_issue` is the
contract's finding when the shown wording states another strength than the rule's modality
(for editors and reviewers to fix; readers are never shown the finding).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, TypedDict

from textkit import tone as tone_engine
from textkit.modality import GUIDELINE, POLICY, TONES, Modality
from textkit.snapshot import DocumentFields, RuleSnapshot, Snapshot

__all__ = [
    "GUIDELINE",
    "POLICY",
    "TONES",
    "Modality",
    "RulePhrasing",
    "RuleView",
    "SectionView",
    "ToneView",
    "build_view",
    "complete_view",
    "modality_label",
    "normalise_tone",
    "phrase",
    "rule_text",
    "strength_class",
    "strength_issue",
    "strength_words",
    "title_for",
    "tone_label",
    "tone_name",
    "visible_in",
]


class RuleView(TypedDict):
    key: str
    anchor: str
    modality: str
    modality_label: str
    strength: str
    strength_class: str
    text: str
    automatic: bool
    strength_issue: str
    explanation_html: str
    visibility: str
    tone_label: str


class SectionView(TypedDict):
    key: str
    anchor: str
    heading: str
    body_html: str
    visibility: str
    tone_label: str
    rules: list[RuleView]


class ToneView(TypedDict):
    title: str
    subject: str
    summary: str
    tone: str
    sections: list[SectionView]


class RulePhrasing(NamedTuple):
    text: str
    automatic: bool  # False: the author's hand-written phrasing for this tone
    strength_issue: str  # "" when the wording states the rule's strength (or cannot tell)


def normalise_tone(value: str | None, default: str = GUIDELINE) -> str:
    return value if value in TONES else default


_KIND_WORDS = re.compile(
    r"\s+(?:polic(?:y|ies)|guidelines?|guidance|guide|code)\s*$", re.IGNORECASE
)


def document_title(subject: str, tone: str, override: str = "") -> str:
    """ "<subject> Policy" or "<subject> Guidelines", never doubled: a subject that already
    names its kind ("Social Media Policy") loses that word before the tone's is added."""
    if override.strip():
        return override.strip()
    kind = "Policy" if tone == POLICY else "Guidelines"
    base = _KIND_WORDS.sub("", " " + subject.strip()).strip()
    return f"{base} {kind}" if base else kind


def title_for(document: DocumentFields, tone: str) -> str:
    override = (
        document.get("title_policy") if tone == POLICY else document.get("title_guideline")
    ) or ""
    return document_title(document.get("subject") or "", tone, override)


def visible_in(visibility: str | None, tone: str) -> bool:
    return visibility in ("both", "", None) or visibility == tone


def tone_name(tone: str) -> str:
    """How a tone is named to people: "Policy", "Guideline"."""
    return tone.capitalize()


def tone_label(visibility: str | None) -> str:
    """The label of a section or rule shown in one voice only ("Policy only"); "" for both."""
    if visibility in TONES:
        return f"{tone_name(visibility or '')} only"
    return ""


def _modality(value: str | None) -> Modality | None:
    try:
        # A missing or empty modality is no Modality either: both raise ValueError.
        return Modality(value or "")
    except ValueError:
        return None


def modality_label(value: str) -> str:
    modality = _modality(value)
    return modality.label if modality else value.upper()


def strength_words(value: str | None) -> str:
    """A modality's strength in plain words ("Required"); "" for no known modality."""
    modality = _modality(value)
    return modality.strength if modality else ""


def strength_class(value: str | None) -> str:
    """The CSS class of a strength marker: "strength-not-allowed"."""
    words = strength_words(value)
    return "strength-" + (words.lower().replace(" ", "-") if words else "none")


@lru_cache(maxsize=32768)
def strength_issue(text: str, tone: str, modality: str) -> str:
    """The contract's finding when `text` states another strength than `modality`; else "".

    Cached: the draft page asks for every rule on every view, and the phrasings recur.
    """
    known = _modality(modality)
    if known is None or tone not in TONES or not text.strip():
        return ""
    for finding in tone_engine.check(text, tone, known):
        if finding.code == "strength":
            return finding.message
    return ""


def _phrasings(rule: RuleSnapshot, tone: str) -> tuple[str, str]:
    """The hand-written and the cached automatic phrasing for a tone ("" for none)."""
    if tone == POLICY:
        return rule.get("policy_text") or "", rule.get("auto_policy") or ""
    return rule.get("guideline_text") or "", rule.get("auto_guideline") or ""


def _rendered(rule: RuleSnapshot, tone: str) -> str:
    statement = rule.get("statement", "")
    modality = _modality(rule.get("modality"))
    return tone_engine.render(statement, tone, modality).text if modality else statement


def rule_text(rule: RuleSnapshot, tone: str) -> tuple[str, bool]:
    """The phrasing for a tone and whether the engine wrote it (see `phrase`)."""
    text, automatic, _ = phrase(rule, tone)
    return text, automatic


def phrase(rule: RuleSnapshot, tone: str) -> RulePhrasing:
    """The phrasing readers of `tone` see, whether the author wrote it, and any strength issue.

    The author's phrasing for the tone, else the cached automatic one, else the tone engine's
    rendering of the statement; with one guard: readers never see the engine's words next to
    a strength they contradict, so a cached automatic phrasing that states another strength
    than the rule (cached by an older engine) gives way to a fresh rendering. The author's own
    phrasing stands as written: a strength it gets wrong is reported, not rewritten, for the
    editor and reviewer to settle before publishing.
    """
    modality = rule.get("modality") or ""
    written, cached = _phrasings(rule, tone)
    if written.strip():
        return RulePhrasing(written, False, strength_issue(written, tone, modality))
    if cached and not strength_issue(cached, tone, modality):
        return RulePhrasing(cached, True, "")
    text = _rendered(rule, tone)
    return RulePhrasing(text, True, strength_issue(text, tone, modality))


def build_view(snapshot: Snapshot, tone: str) -> ToneView:
    document = snapshot["document"]
    sections: list[SectionView] = []
    for section in snapshot["sections"]:
        if not visible_in(section.get("visibility", "both"), tone):
            continue
        rules: list[RuleView] = []
        for rule in section.get("rules", []):
            if not visible_in(rule.get("visibility", "both"), tone):
                continue
            text, automatic, issue = phrase(rule, tone)
            modality = rule.get("modality", "")
            rules.append(
                {
                    "key": rule["key"],
                    "anchor": f"rule-{rule['key']}",
                    "modality": modality,
                    "modality_label": modality_label(modality),
                    "strength": strength_words(modality),
                    "strength_class": strength_class(modality),
                    "text": text,
                    "automatic": automatic,
                    "strength_issue": issue,
                    "explanation_html": rule.get("explanation_html", ""),
                    "visibility": rule.get("visibility", "both"),
                    "tone_label": tone_label(rule.get("visibility", "both")),
                }
            )
        sections.append(
            {
                "key": section["key"],
                "anchor": section["anchor"],
                "heading": section["heading"],
                "body_html": section.get("body_html", ""),
                "visibility": section.get("visibility", "both"),
                "tone_label": tone_label(section.get("visibility", "both")),
                "rules": rules,
            }
        )
    return {
        "title": title_for(document, tone),
        "subject": document["subject"],
        "summary": document.get("summary", ""),
        "tone": tone,
        "sections": sections,
    }


def complete_view(view: ToneView) -> ToneView:
    """A stored view (a release's rendering) with the fields views have gained since.

    Releases keep the view they were published with, and their words must not change; but a
    release rendered before strengths were shown still shows them: they follow from the
    modalities it stored. Changes the view in place (cheap when nothing is missing).
    """
    for section in view.get("sections", []):
        if "tone_label" not in section:
            section["tone_label"] = tone_label(section.get("visibility", "both"))
        for rule in section.get("rules", []):
            if "strength" not in rule:
                rule["strength"] = strength_words(rule.get("modality", ""))
                rule["strength_class"] = strength_class(rule.get("modality", ""))
            rule.setdefault("strength_issue", "")
            if "tone_label" not in rule:
                rule["tone_label"] = tone_label(rule.get("visibility", "both"))
    return view
