"""Template helpers for discussions: `{% load comments %}`."""

from __future__ import annotations

from django import template

from accounts.people import person_name

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_count(context, document, section_key) -> int:
    """Visible comments on a section, from the counts the view computed (`comment_counts`)."""
    counts = context.get("comment_counts") or {}
    try:
        return counts.get(int(section_key), 0)
    except (TypeError, ValueError):
        return 0


@register.filter
def person(user) -> str:
    """The name to show for a user: display name, full name or username."""
    return person_name(user)
