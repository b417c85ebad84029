"""One search over documents, sections, rules and comments, limited to what the user may see.

On PostgreSQL the query (`plainto_tsquery`, every word required) runs against the stored, GIN-
indexed tsvector on SearchEntry (title weighted above body), ranked with ts_rank and cut into
snippets by ts_headline, all through `django.contrib.postgres.search`. Elsewhere every query word
must appear in the title or body; results rank by title hits, then body hits, and the snippet is
cut around the first hit in Python. For plain words both give the same results.

The index holds the draft's text. A reader who may see only a document's releases finds only
sections and rules that are part of its latest release, and the links take them to the
published page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse

from accounts import permissions
from guidelines.models import Document, SearchEntry, Section
from guidelines.models.search import SEARCH_CONFIG

WORD_RE = re.compile(r"\w+", re.UNICODE)
MARK_START, MARK_END = "\ue000", "\ue001"  # private-use markers, escaped apart from the text
MAX_RESULTS = 50
SNIPPET_CHARS = 220


@dataclass
class Result:
    kind: str
    title: str
    snippet: str  # safe HTML: escaped text with <mark> around hits
    url: str
    document: Document
    section_heading: str
    rank: float


def words_of(query: str) -> list[str]:
    return [w.casefold() for w in WORD_RE.findall(query or "")][:12]


def _visible(user) -> tuple[dict[int, Document], dict[int, set[str]]]:
    """Documents the user may search, and for release-only ones the keys their release holds."""
    documents = Document.objects.select_related("latest_release").order_by("subject")
    visible: dict[int, Document] = {}
    release_keys: dict[int, set[str]] = {}
    for document in documents:
        if not permissions.can_view(user, document):
            continue
        visible[document.pk] = document
        if not permissions.can_view_draft(user, document):
            keys: set[str] = set()
            for section in (document.latest_release.snapshot or {}).get("sections", []):
                keys.add(f"section:{section.get('id') or section.get('key')}")
                for rule in section.get("rules", []):
                    keys.add(f"rule:{rule.get('id') or rule.get('key')}")
            release_keys[document.pk] = keys
    return visible, release_keys


def search(user, query: str, *, limit: int = MAX_RESULTS) -> list[Result]:
    words = words_of(query)
    if not words:
        return []
    visible, release_keys = _visible(user)
    if not visible:
        return []
    # Release-only readers lose some draft-only hits after the query; ask for a few more.
    fetch = limit * 2 if release_keys else limit
    if connection.vendor == "postgresql":
        ranked = _postgres(query, list(visible), fetch)
    else:
        ranked = _fallback(words, list(visible), fetch)
    sections = _sections([entry for entry, _, _ in ranked])
    results = []
    for entry, rank, snippet in ranked:
        document = visible[entry.document_id]
        keys = release_keys.get(document.pk)
        if (
            keys is not None
            and entry.kind in ("section", "rule")
            and (f"{entry.kind}:{entry.object_id}" not in keys)
        ):
            continue
        section = sections.get(entry.section_id)
        results.append(
            Result(
                kind=entry.kind,
                title=_title(entry, document, section),
                snippet=snippet,
                url=_url(entry, document, section, draft=keys is None),
                document=document,
                section_heading=section.heading if section else "",
                rank=rank,
            )
        )
        if len(results) >= limit:
            break
    return results


def _entries() -> QuerySet[SearchEntry]:
    # The vector is for the database to match and rank with, not for Python to read.
    return SearchEntry.objects.defer("search_vector")


def _sections(entries: list[SearchEntry]) -> dict[int, Section]:
    ids = {e.section_id for e in entries if e.section_id}
    return Section.objects.in_bulk(ids) if ids else {}


def _title(entry: SearchEntry, document: Document, section) -> str:
    if entry.kind == SearchEntry.Kind.DOCUMENT:
        return document.title_for(document.default_tone)
    if entry.kind == SearchEntry.Kind.COMMENT:
        return f"Comment by {entry.title}"
    return section.heading if section else entry.title


def _url(entry: SearchEntry, document: Document, section, *, draft: bool) -> str:
    page = document.get_draft_url() if draft else document.get_absolute_url()
    if entry.kind == SearchEntry.Kind.DOCUMENT or section is None:
        return page
    if entry.kind == SearchEntry.Kind.COMMENT:
        return (
            reverse("guidelines:section_comments", args=[document.slug, section.pk])
            + f"#comment-{entry.object_id}"
        )
    if entry.kind == SearchEntry.Kind.RULE:
        return f"{page}#rule-{entry.object_id}"
    return f"{page}#{section.anchor}"


# --- SQLite and other databases ---------------------------------------------------------------


def _fallback(
    words: list[str], documents: list[int], limit: int
) -> list[tuple[SearchEntry, float, str]]:
    rows = _entries().filter(document_id__in=documents)
    for word in words:
        rows = rows.filter(Q(title__icontains=word) | Q(body__icontains=word))
    scored = []
    for entry in rows.iterator():
        title_hits = sum(entry.title.casefold().count(w) for w in words)
        body_hits = sum(entry.body.casefold().count(w) for w in words)
        scored.append((title_hits, body_hits, -entry.pk, entry))
    scored.sort(key=lambda row: row[:3], reverse=True)
    return [
        (entry, float(t * 10 + b), snippet(entry.body or entry.title, words))
        for t, b, _, entry in scored[:limit]
    ]


def snippet(text: str, words: list[str], *, width: int = SNIPPET_CHARS) -> str:
    """Escaped text around the first hit, with every hit wrapped in <mark>."""
    text = " ".join(text.split())
    lowered = text.casefold()
    hits = [lowered.find(w) for w in words if w and lowered.find(w) >= 0]
    first = min(hits) if hits else 0
    start = max(0, first - width // 3)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.find(" ", end)
        end = space if space >= 0 else len(text)
    piece = text[start:end]
    pattern = re.compile(
        "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)), re.IGNORECASE
    )
    marked = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", piece)
    return ("… " if start else "") + _marks_to_html(marked) + (" …" if end < len(text) else "")


def _marks_to_html(text: str) -> str:
    return html.escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


# --- PostgreSQL -------------------------------------------------------------------------------


def _postgres(query: str, documents: list[int], limit: int) -> list[tuple[SearchEntry, float, str]]:
    """Rank over the stored, GIN-indexed vector; snippets by ts_headline.

    The planner evaluates the (costly) headline only for the rows the LIMIT keeps.
    """
    tsquery = SearchQuery(" ".join(WORD_RE.findall(query)), config=SEARCH_CONFIG)
    rows = (
        _entries()
        .filter(document_id__in=documents, search_vector=tsquery)
        .annotate(
            rank=SearchRank(F("search_vector"), tsquery),
            headline=SearchHeadline(
                Coalesce(NullIf("body", Value("")), "title"),
                tsquery,
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "pk")[:limit]
    )
    return [
        (
            entry,
            float(entry.rank),
            _marks_to_html(entry.headline.replace(MARK_START + MARK_END, "")),
        )
        for entry in rows
    ]
