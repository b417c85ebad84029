"""The published page's body, rendered once per release, tone and reader kind, then reused.

A release never changes, so its table of contents and article are the same for every reader
with the same permissions. What does change per request is filled in afterwards: the CSRF token
of the page's comment form and the comment counts (one query).

The body is cut at those places once, when it is rendered, into static chunks (already encoded)
and slots; a request only joins the chunks with its own values and splices the result into the
page around it. The cut body is also kept in this process (a few of them, least recently used
out first), so a request neither unpickles half a megabyte from the shared cache nor scans or
re-encodes it.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

# Bump when document_body.html or its includes change, so cached bodies are not reused.
BODY_VERSION = 3  # 3: every rule shows its strength
CACHE_SECONDS = 24 * 3600
LOCAL_BODIES = 16  # per process; a 1,000-rule body is about half a megabyte
CSRF_MARKER = "candor-csrf-token-marker"
MARKER = re.compile(r"<!--candor-(toc-count|discussion):(\d+)-->|" + re.escape(CSRF_MARKER))
# Where the page template puts the body; user text is escaped, so it cannot forge this.
BODY_SLOT = "<!--candor-release-body-->"

CSRF = "csrf"
TOC = "toc-count"
DISCUSSION = "discussion"


@dataclass(frozen=True)
class Slot:
    """A place in the body that a request fills: the CSRF token or a section's count."""

    kind: str
    section_id: int = 0
    url: str = ""  # the section's discussion page, for the contents' count badge


@dataclass(frozen=True)
class CutBody:
    title: str
    summary: str
    chunks: tuple[bytes, ...]  # UTF-8, one more than slots: chunk, slot, chunk, …, chunk
    slots: tuple[Slot, ...]
    needs_token: bool = False  # whether a slot takes the CSRF token


_local: OrderedDict[str, CutBody] = OrderedDict()
_local_lock = threading.Lock()


def cache_key(release, tone: str, perms: dict) -> str:
    # The publication time makes the key unique even if a database is restored and ids reused.
    return (
        f"release-body:v{BODY_VERSION}:{release.pk}:{release.published_at.timestamp()}:{tone}:"
        f"{int(bool(perms.get('edit')))}{int(bool(perms.get('comment')))}"
    )


def cut(body: str, *, slug: str, title: str = "", summary: str = "") -> CutBody:
    """Split a rendered body at its markers, resolving each count's URL now rather than per
    request."""
    chunks: list[bytes] = []
    slots: list[Slot] = []
    position = 0
    for match in MARKER.finditer(body):
        chunks.append(body[position : match.start()].encode())
        position = match.end()
        kind = match.group(1)
        if kind is None:
            slots.append(Slot(CSRF))
            continue
        section_id = int(match.group(2))
        url = reverse("guidelines:section_comments", args=[slug, section_id]) if kind == TOC else ""
        slots.append(Slot(kind, section_id, url))
    chunks.append(body[position:].encode())
    return CutBody(
        title,
        summary,
        tuple(chunks),
        tuple(slots),
        needs_token=any(slot.kind == CSRF for slot in slots),
    )


def count_html(slot: Slot, count: int) -> str:
    """A section's count: the discussion link's text, or the contents' badge (none at 0)."""
    noun = "comment" if count == 1 else "comments"
    if slot.kind == DISCUSSION:
        return f"{count} {noun}" if count else "Discussion"
    if not count:
        return ""
    return (
        f' <a class="toc-count" href="{escape(slot.url)}" title="{count} {noun}">{count}'
        f'<span class="sr-only"> {noun}</span></a>'
    )


_NO_COMMENTS = {DISCUSSION: b"Discussion", TOC: b""}


def fill(body: CutBody, *, csrf_token: str, counts: dict[int, int]) -> bytes:
    """The body for one request: its chunks joined with this request's token and counts."""
    token = escape(csrf_token).encode()
    parts = [body.chunks[0]]
    append = parts.append
    for slot, chunk in zip(body.slots, body.chunks[1:], strict=True):
        if slot.kind == CSRF:
            append(token)
        else:
            count = counts.get(slot.section_id, 0)
            append(count_html(slot, count).encode() if count else _NO_COMMENTS[slot.kind])
        append(chunk)
    return b"".join(parts)


def _remember(key: str, body: CutBody) -> None:
    with _local_lock:
        _local[key] = body
        _local.move_to_end(key)
        while len(_local) > LOCAL_BODIES:
            _local.popitem(last=False)


def _recall(key: str) -> CutBody | None:
    with _local_lock:
        body = _local.get(key)
        if body is not None:
            _local.move_to_end(key)
        return body


def forget_local() -> None:
    """Drop this process's copies (the shared cache keeps its own)."""
    with _local_lock:
        _local.clear()


def cut_body(request, *, document, release, tone: str, perms: dict, view_loader) -> CutBody:
    """The release's cut body for this kind of reader: from this process, the shared cache, or
    rendered now. `view_loader()` gives the tone view; it is called only when rendering."""
    key = cache_key(release, tone, perms)
    body = _recall(key)
    if body is not None:
        return body
    body = cache.get(key)
    if not isinstance(body, CutBody):
        view = view_loader()
        context = {
            "document": document,
            "release": release,
            "tone": tone,
            "perms": perms,
            "view": view,
            "is_draft": False,
            "count_markers": True,
            "csrf_token": CSRF_MARKER,
        }
        html = render_to_string("guidelines/includes/document_body.html", context, request=request)
        body = cut(
            html, slug=document.slug, title=view.get("title", ""), summary=view.get("summary", "")
        )
        cache.set(key, body, CACHE_SECONDS)
    _remember(key, body)
    return body


def release_body(
    request, *, document, release, tone: str, perms: dict, view_loader, counts: dict[int, int]
) -> tuple[str, bytes]:
    """The release's title and its page body for this reader, encoded."""
    body = cut_body(
        request, document=document, release=release, tone=tone, perms=perms, view_loader=view_loader
    )
    token = get_token(request) if body.needs_token else ""
    return body.title, fill(body, csrf_token=token, counts=counts)


def page_response(request, template: str, context: dict, body: bytes) -> HttpResponse:
    """Render the page around the body and splice the body in as bytes: the page template is
    small, and the body is neither copied into the template's output nor encoded again."""
    shell = render_to_string(
        template,
        {**context, "cached_body": mark_safe(BODY_SLOT)},  # noqa: S308
        request=request,
    )
    head, found, tail = shell.partition(BODY_SLOT)
    if not found:
        raise ValueError(f"{template} does not show `cached_body`.")
    return HttpResponse(b"".join((head.encode(), body, tail.encode())))
