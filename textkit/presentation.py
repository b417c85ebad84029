"""Turn a snapshot into what a reader sees in one tone (a "tone view"). Pure: plain data in/out.

The view is what pages, releases, exports and the read API render:

    {"title", "subject", "summary", "tone",
     "sections": [{"key", "anchor", "heading", "body_html", "visibility",
                   "rules": [{"key", "anchor", "modality", "modality_label", "text",
                              "automatic", "explanation_html", "visibility"}]}]}
"""

from __future__ import annotations

from textkit import legacy_tone as tone_engine
from textkit.legacy_tone import GUIDELINE, POLICY, TONES, Modality


def normalise_tone(value: str | None, default: str = GUIDELINE) -> str:
    return value if value in TONES else default


def title_for(document: dict, tone: str) -> str:
    if tone == POLICY:
        return document.get("title_policy") or f"{document['subject']} Policy"
    return document.get("title_guideline") or f"{document['subject']} Guidelines"


def visible_in(visibility: str, tone: str) -> bool:
    return visibility in ("both", "", None) or visibility == tone


def modality_label(value: str) -> str:
    try:
        return Modality(value).label
    except ValueError:
        return value.upper()


def rule_text(rule: dict, tone: str) -> tuple[str, bool]:
    """The phrasing for a tone and whether the engine wrote it."""
    written = rule.get("policy_text" if tone == POLICY else "guideline_text") or ""
    if written.strip():
        return written, False
    cached = rule.get("auto_policy" if tone == POLICY else "auto_guideline") or ""
    if cached:
        return cached, True
    try:
        modality = Modality(rule.get("modality"))
    except ValueError:
        modality = None
    return tone_engine.rephrase(rule.get("statement", ""), tone, modality), True


def build_view(snapshot: dict, tone: str) -> dict:
    document = snapshot["document"]
    sections = []
    for section in snapshot["sections"]:
        if not visible_in(section.get("visibility", "both"), tone):
            continue
        rules = []
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
