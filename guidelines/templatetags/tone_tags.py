"""Template helpers for the tone toggle: meters, lint counts, highlighted wording, phrasings.

All of them work on data already in the template context (tone views, form values), so pages
that use them make no extra queries.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from guidelines.tone import services as tone_services
from textkit import legacy_tone as engine

register = template.Library()

# lint() reports phrases in lower case with single spaces and straight apostrophes; the text may
# use any case, runs of spaces and curly apostrophes.
_APOSTROPHE = "['’‘ʼ]"


def _phrase_pattern(phrase: str) -> str:
    words = [re.escape(w).replace("'", _APOSTROPHE) for w in phrase.split()]
    return r"\b" + r"\s+".join(words) + r"\b"


@register.simple_tag
def section_meter(section: dict) -> dict:
    """Tone meter of one section of a tone view: {% section_meter section as meter %}."""
    return engine.tone_meter([rule["text"] for rule in section.get("rules", [])])


@register.simple_tag
def section_issue_count(section: dict, tone: str) -> int:
    return sum(1 for rule in section.get("rules", []) if tone_services.fights(rule["text"], tone))


@register.simple_tag
def tone_issue_count(view: dict) -> int:
    """Rules of a tone view that fight its tone: {% tone_issue_count view as issues %}."""
    return tone_services.issue_count(view)


@register.filter
def neutral_pct(meter: dict) -> int:
    return max(0, 100 - meter.get("prohibitive_pct", 0) - meter.get("advisory_pct", 0))


@register.filter
def highlight_words(text: str, words: list[str]) -> SafeString:
    """The text, escaped, with each linted phrase wrapped in <mark>."""
    text = text or ""
    if not words:
        return escape(text)
    pattern = re.compile(
        "|".join(_phrase_pattern(w) for w in sorted(words, key=len, reverse=True)),
        re.IGNORECASE,
    )
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


@register.simple_tag
def auto_phrasing(statement: str | None, modality: str | None, tone: str) -> str:
    """The engine's phrasing of a statement, for the editor's first paint."""
    if not statement or not statement.strip():
        return ""
    try:
        guide = engine.Modality(modality)
    except ValueError:
        guide = None
    return engine.rephrase(statement, tone, guide)


@register.filter
def tone_label(tone: str) -> str:
    return "Policy" if tone == engine.POLICY else "Guideline"


@register.filter
def other_tone(tone: str) -> str:
    return engine.GUIDELINE if tone == engine.POLICY else engine.POLICY
