"""One search over documents, sections, rules and comments, limited to what the user may see.

On PostgreSQL the query runs against a stored tsvector (title weighted above body, GIN-indexed;
see migration 0002) and is ranked with ts_rank, with ts_headline snippets. Elsewhere every query
word must appear in the title or body; results rank by title hits, then body hits, and the
snippet is cut around the first hit in Python. For plain words both give the same results.

The index holds the draft's text. A reader who may see only a document's releases finds only
sections and rules that are part of its latest release, and the links take them to the
published page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.urls import reverse

from accounts import permissions
from guidelines.models import Document, SearchEntry

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
    entries = SearchEntry.objects.in_bulk([pk for pk, _, _ in ranked])
    sections = _sections([e for e in entries.values() if e.section_id])
    results = []
    for pk, rank, snippet in ranked:
        entry = entries.get(pk)
        if entry is None:
            continue
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


def _sections(entries: list[SearchEntry]) -> dict:
    from guidelines.models import Section

    ids = {e.section_id for e in entries}
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


def _fallback(words: list[str], documents: list[int], limit: int) -> list[tuple[int, float, str]]:
    rows = SearchEntry.objects.filter(document_id__in=documents)
    for word in words:
        rows = rows.filter(Q(title__icontains=word) | Q(body__icontains=word))
    scored = []
    for pk, title, body in rows.values_list("pk", "title", "body").iterator():
        title_l, body_l = title.casefold(), body.casefold()
        title_hits = sum(title_l.count(w) for w in words)
        body_hits = sum(body_l.count(w) for w in words)
        scored.append((title_hits, body_hits, -pk, title, body))
    scored.sort(reverse=True)
    return [
        (-neg_pk, float(t * 10 + b), snippet(body or title, words))
        for t, b, neg_pk, title, body in scored[:limit]
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

HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
# Rank and cut in the inner query so ts_headline runs only for the rows shown.
POSTGRES_SQL = """
SELECT hit.id, hit.rank,
       ts_headline('english', coalesce(nullif(e.body, ''), e.title), q.query, %s)
FROM (
    SELECT e.id, ts_rank(e.search_vector, q.query) AS rank
    FROM guidelines_searchentry e, plainto_tsquery('english', %s) AS q(query)
    WHERE e.search_vector @@ q.query AND e.document_id = ANY(%s)
    ORDER BY rank DESC, e.id
    LIMIT %s
) AS hit
JOIN guidelines_searchentry e ON e.id = hit.id, plainto_tsquery('english', %s) AS q(query)
ORDER BY hit.rank DESC, hit.id
"""


def _postgres(query: str, documents: list[int], limit: int) -> list[tuple[int, float, str]]:
    plain = " ".join(WORD_RE.findall(query))
    with connection.cursor() as cursor:
        cursor.execute(POSTGRES_SQL, [HEADLINE_OPTIONS, plain, documents, limit, plain])
        rows = cursor.fetchall()
    return [
        (pk, float(rank), _marks_to_html(headline.replace(MARK_START + MARK_END, "")))
        for pk, rank, headline in rows
    ]
