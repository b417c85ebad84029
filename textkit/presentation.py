"""Turn a snapshot into what a reader sees in one tone (a "tone view"). Pure: plain data in/out.

The view is what pages, releases, exports and the read API render:

    {"title", "subject", "summary", "tone",
     "sections": [{"key", "anchor", "heading", "body_html", "visibility",
                   "rules": [{"key", "anchor", "modality", "modality_label", "text",
                              "automatic", "explanation_html", "visibility"}]}]}
"""

from __future__ import annotations

from typing import TypedDict

from textkit import legacy_tone as tone_engine
from textkit.modality import GUIDELINE, POLICY, TONES, Modality
from textkit.snapshot import DocumentFields, RuleSnapshot, Snapshot


class RuleView(TypedDict):
    key: str
    anchor: str
    modality: str
    modality_label: str
    text: str
    automatic: bool
    explanation_html: str
    visibility: str


class SectionView(TypedDict):
    key: str
    anchor: str
    heading: str
    body_html: str
    visibility: str
    rules: list[RuleView]


class ToneView(TypedDict):
    title: str
    subject: str
    summary: str
    tone: str
    sections: list[SectionView]


def normalise_tone(value: str | None, default: str = GUIDELINE) -> str:
    return value if value in TONES else default


def title_for(document: DocumentFields, tone: str) -> str:
    if tone == POLICY:
        return document.get("title_policy") or f"{document['subject']} Policy"
    return document.get("title_guideline") or f"{document['subject']} Guidelines"


def visible_in(visibility: str | None, tone: str) -> bool:
    return visibility in ("both", "", None) or visibility == tone


def modality_label(value: str) -> str:
    try:
        return Modality(value).label
    except ValueError:
        return value.upper()


def rule_text(rule: RuleSnapshot, tone: str) -> tuple[str, bool]:
    """The phrasing for a tone and whether the engine wrote it."""
    if tone == POLICY:
        written, cached = rule.get("policy_text") or "", rule.get("auto_policy") or ""
    else:
        written, cached = rule.get("guideline_text") or "", rule.get("auto_guideline") or ""
    if written.strip():
        return written, False
    if cached:
        return cached, True
    modality: Modality | None
    try:
        # A missing or empty modality is no Modality either: both raise ValueError.
        modality = Modality(rule.get("modality") or "")
    except ValueError:
        modality = None
    return tone_engine.rephrase(rule.get("statement", ""), tone, modality), True


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
            text, automatic = rule_text(rule, tone)
            rules.append(
                {
                    "key": rule["key"],
                    "anchor": f"rule-{rule['key']}",
                    "modality": rule.get("modality", ""),
                    "modality_label": modality_label(rule.get("modality", "")),
                    "text": text,
                    "automatic": automatic,
                    "explanation_html": rule.get("explanation_html", ""),
                    "visibility": rule.get("visibility", "both"),
                }
            )
        sections.append(
            {
                "key": section["key"],
                "anchor": section["anchor"],
                "heading": section["heading"],
                "body_html": section.get("body_html", ""),
                "visibility": section.get("visibility", "both"),
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
