"""The published page's body, rendered once per release, tone and reader kind, then reused.

A release never changes, so its table of contents and article are the same for every reader
with the same permissions. What does change per request is spliced in afterwards: the CSRF token
of the comment forms and the comment counts (one query).
"""

from __future__ import annotations

import re

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# Bump when document_body.html or its includes change, so cached bodies are not reused.
BODY_VERSION = 1
CACHE_SECONDS = 24 * 3600
CSRF_MARKER = "candor-csrf-token-marker"
COUNT_MARKER = re.compile(r"<!--candor-(toc-count|discussion):(\d+)-->")


def cache_key(release, tone: str, perms: dict) -> str:
    # The publication time makes the key unique even if a database is restored and ids reused.
    return (f"release-body:v{BODY_VERSION}:{release.pk}:{release.published_at.timestamp()}:{tone}:"
            f"{int(bool(perms.get('edit')))}{int(bool(perms.get('comment')))}")


def release_body(request, *, document, release, tone: str, perms: dict, view_loader,
                 counts: dict[int, int]) -> tuple[str, SafeString]:
    """The release's title and page body for this reader.

    `view_loader()` gives the tone view; it is called only when the body is not cached.
    """
    key = cache_key(release, tone, perms)
    cached = cache.get(key)
    if cached is None:
        view = view_loader()
        context = {"document": document, "release": release, "tone": tone, "perms": perms,
                   "view": view, "is_draft": False, "count_markers": True,
                   "csrf_token": CSRF_MARKER}
        body = render_to_string("guidelines/includes/document_body.html", context,
                                request=request)
        cached = (view.get("title", ""), view.get("summary", ""), body)
        cache.set(key, cached, CACHE_SECONDS)
    title, _summary, body = cached
    if CSRF_MARKER in body:
        body = body.replace(CSRF_MARKER, get_token(request))
    slug = document.slug

    def fill(match: re.Match) -> str:
        kind, section_id = match.group(1), int(match.group(2))
        count = counts.get(section_id, 0)
        if kind == "discussion":
            return f"{count} comment{'s' if count != 1 else ''}" if count else "Discussion"
        if not count:
            return ""
        url = reverse("guidelines:section_comments", args=[slug, section_id])
        noun = "comment" if count == 1 else "comments"
        return format_html(' <a class="toc-count" href="{}" title="{} {}">{}'
                           '<span class="sr-only"> {}</span></a>', url, count, noun, count, noun)

    return title, mark_safe(COUNT_MARKER.sub(fill, body))  # noqa: S308 (our own template)
