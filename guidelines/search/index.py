"""Keeps SearchEntry rows in step with documents, sections and rules.

Writes are bulk upserts on (kind, object_id), so indexing a revision costs the same few queries
however many sections and rules it touches. On PostgreSQL the stored tsvector is a generated
column (see SearchEntry.search_vector): the database recomputes it with every insert and update,
so nothing here writes it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from guidelines.models import Rule, SearchEntry, Section
from textkit.rendering import markdown_to_text

Kind = SearchEntry.Kind
UPSERT_FIELDS = ["document", "section", "title", "body", "updated_at"]


def index_document(document, *, sections: Iterable[Section] | None = None) -> None:
    """Re-index the document row and the given sections (all of the document's when None)."""
    if sections is None:
        sections = Section.objects.filter(document=document)
    sections = list(sections)
    entry = SearchEntry(
        kind=Kind.DOCUMENT,
        object_id=document.pk,
        document=document,
        title=document.subject,
        body=f"{document.title_for('policy')} {document.title_for('guideline')} {document.summary}",
    )
    with transaction.atomic():
        _reindex_sections(sections, also=[entry])


def index_section(section: Section) -> None:
    with transaction.atomic():
        _reindex_sections([section])


def _reindex_sections(sections: list[Section], *, also: Iterable[SearchEntry] = ()) -> None:
    """One read of the rules, one delete of what left, one upsert of what stands."""
    live = [s for s in sections if s.removed_at is None]
    removed = [s.pk for s in sections if s.removed_at is not None]
    rules = (
        list(Rule.objects.filter(section__in=live, removed_at__isnull=True).order_by())
        if live
        else []
    )
    by_id = {s.pk: s for s in live}
    entries = [*also, *(_section_entry(s) for s in live)]
    entries += [_rule_entry(rule, by_id[rule.section_id]) for rule in rules]
    if sections:
        # Removed sections lose their own row; every given section loses the rows of rules that
        # are no longer live in it (all of them when the section itself was removed).
        SearchEntry.objects.filter(
            Q(kind=Kind.SECTION, object_id__in=removed)
            | (
                Q(kind=Kind.RULE, section_id__in=[s.pk for s in sections])
                & ~Q(object_id__in=[r.pk for r in rules])
            )
        ).delete()
    _upsert(entries)


def _section_entry(section: Section) -> SearchEntry:
    return SearchEntry(
        kind=Kind.SECTION,
        object_id=section.pk,
        document_id=section.document_id,
        section_id=section.pk,
        title=section.heading,
        body=markdown_to_text(section.body),
    )


def _rule_entry(rule: Rule, section: Section) -> SearchEntry:
    texts = (
        rule.statement,
        rule.policy_text or rule.auto_policy,
        rule.guideline_text or rule.auto_guideline,
        markdown_to_text(rule.explanation),
    )
    return SearchEntry(
        kind=Kind.RULE,
        object_id=rule.pk,
        document_id=section.document_id,
        section_id=section.pk,
        title=section.heading,
        body=" ".join(t for t in texts if t),
    )


def _upsert(entries: list[SearchEntry]) -> None:
    if entries:
        SearchEntry.objects.bulk_create(
            entries,
            update_conflicts=True,
            unique_fields=["kind", "object_id"],
            update_fields=UPSERT_FIELDS,
        )


def index_comment(comment) -> None:
    """A comment is searchable while it stands; hidden and deleted ones leave the index."""
    if comment.hidden_at is not None or comment.deleted_at is not None:
        unindex_comment(comment)
        return
    author = comment.author
    profile = getattr(author, "profile", None)
    _upsert(
        [
            SearchEntry(
                kind=Kind.COMMENT,
                object_id=comment.pk,
                document_id=comment.document_id,
                section_id=comment.section_id,
                title=(profile.name if profile else author.get_username())[:300],
                body=" ".join(t for t in (markdown_to_text(comment.body), comment.quote) if t),
            )
        ]
    )


def unindex_comment(comment) -> None:
    SearchEntry.objects.filter(kind=Kind.COMMENT, object_id=comment.pk).delete()
