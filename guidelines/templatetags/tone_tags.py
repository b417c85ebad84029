"""Template helpers for the tone toggle: the stance meter, voice check counts, phrasings.

The meter and counts read data the view already computed (tone views, stored findings), so the
pages that use them make no extra queries and never call the tone engine. The editor's
phrasing state uses the findings stored on the rule, and asks the engine only for a form that
comes back with the author's unsaved words.
"""

from __future__ import annotations

from django import template

from guidelines.documents.revisions import UNRENDERED, phrasing_findings
from guidelines.tone.selectors import NEEDS_PHRASING, stance_rows
from textkit import tone as tone_engine
from textkit.modality import GUIDELINE, POLICY, Modality

register = template.Library()


@register.simple_tag
def section_stance(section: dict) -> dict:
    """The stance of one section of a tone view: {% section_stance section as stance %}."""
    return stance_rows([rule["modality"] for rule in section.get("rules", [])])


@register.simple_tag(takes_context=True)
def section_voice_count(context, section: dict) -> int:
    """Phrasings of a section with an open voice check finding, from the view's counts."""
    voice = context.get("voice") or {}
    return voice.get("counts", {}).get(str(section.get("key")), 0)


@register.filter
def signed(number: int) -> str:
    """A change as readers write it: "+2", "−1" (a real minus sign), "±0"."""
    if number > 0:
        return f"+{number}"
    if number < 0:
        return f"−{-number}"
    return "±0"


def _value(form, name: str) -> str:
    value = form[name].value()
    return "" if value is None else str(value)


@register.simple_tag
def phrasing_state(form, tone: str) -> dict:
    """How one voice of a rule form reads: {% phrasing_state f "policy" as ph %}.

    `auto` is the engine's phrasing (or the statement as written), `needs` the reason it needs
    the author's phrasing ("" when it does not), `breaks` the contract findings on what readers
    would see, `strength` the rule's strength in plain words.
    """
    statement = _value(form, "statement").strip()
    try:
        modality = Modality(_value(form, "modality"))
    except ValueError:
        return {"auto": "", "needs": "", "breaks": [], "fix": "", "strength": ""}
    if not statement:
        return {"auto": "", "needs": "", "breaks": [], "fix": "", "strength": modality.strength}
    initial = form.initial
    stored = (
        not form.is_bound
        and "findings" in initial
        and initial.get("statement") == statement
        and initial.get("modality") == modality.value
    )
    if stored:
        auto = initial.get(f"auto_{tone}", "") or statement
        found = initial["findings"]
    else:
        auto = tone_engine.render(statement, tone, modality).text
        found = phrasing_findings(
            statement=statement,
            modality=modality.value,
            written={
                POLICY: _value(form, "policy_text"),
                GUIDELINE: _value(form, "guideline_text"),
            },
        )
    mine = [f for f in found if f.get("tone") == tone]
    needs = next((f["message"] for f in mine if f.get("code") == UNRENDERED), "")
    if needs.lower().startswith(NEEDS_PHRASING):
        needs = needs[len(NEEDS_PHRASING) :]
    return {
        "auto": auto,
        "needs": needs[:1].upper() + needs[1:],
        "breaks": [f for f in mine if f.get("code") != UNRENDERED],
        "fix": next((f["fix"] for f in mine if f.get("fix")), ""),
        "strength": modality.strength,
    }


@register.filter
def tone_label(tone: str) -> str:
    return "Policy" if tone == POLICY else "Guideline"


@register.filter
def other_tone(tone: str) -> str:
    return GUIDELINE if tone == POLICY else POLICY
