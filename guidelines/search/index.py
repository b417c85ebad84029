"""Keeps SearchEntry rows in step with documents, sections and rules."""

from __future__ import annotations

from guidelines.models import Rule, SearchEntry, Section
from textkit.rendering import markdown_to_text


def index_document(document, *, sections=None) -> None:
    """Re-index the document row and the given sections (all live ones when None)."""
    SearchEntry.objects.update_or_create(
        kind=SearchEntry.Kind.DOCUMENT,
        object_id=document.pk,
        defaults={
            "document": document,
            "title": document.subject,
            "body": f"{document.title_for('policy')} {document.title_for('guideline')} "
            f"{document.summary}",
        },
    )
    if sections is None:
        sections = list(Section.objects.filter(document=document))
    for section in sections:
        index_section(section)


def index_section(section: Section) -> None:
    if section.removed_at is not None:
        SearchEntry.objects.filter(kind=SearchEntry.Kind.SECTION, object_id=section.pk).delete()
        SearchEntry.objects.filter(kind=SearchEntry.Kind.RULE, section=section).delete()
        return
    SearchEntry.objects.update_or_create(
        kind=SearchEntry.Kind.SECTION,
        object_id=section.pk,
        defaults={
            "document_id": section.document_id,
            "section": section,
            "title": section.heading,
            "body": markdown_to_text(section.body),
        },
    )
    live = []
    for rule in Rule.objects.filter(section=section):
        if rule.removed_at is not None:
            continue
        live.append(rule.pk)
        SearchEntry.objects.update_or_create(
            kind=SearchEntry.Kind.RULE,
            object_id=rule.pk,
            defaults={
                "document_id": section.document_id,
                "section": section,
                "title": section.heading,
                "body": " ".join(
                    t
                    for t in (
                        rule.statement,
                        rule.policy_text or rule.auto_policy,
                        rule.guideline_text or rule.auto_guideline,
                        markdown_to_text(rule.explanation),
                    )
                    if t
                ),
            },
        )
    SearchEntry.objects.filter(kind=SearchEntry.Kind.RULE, section=section).exclude(
        object_id__in=live
    ).delete()


def index_comment(comment) -> None:
    """A comment is searchable while it stands; hidden and deleted ones leave the index."""
    if comment.hidden_at is not None or comment.deleted_at is not None:
        unindex_comment(comment)
        return
    author = comment.author
    profile = getattr(author, "profile", None)
    SearchEntry.objects.update_or_create(
        kind=SearchEntry.Kind.COMMENT,
        object_id=comment.pk,
        defaults={
            "document_id": comment.document_id,
            "section_id": comment.section_id,
            "title": (profile.name if profile else author.get_username())[:300],
            "body": " ".join(t for t in (markdown_to_text(comment.body), comment.quote) if t),
        },
    )


def unindex_comment(comment) -> None:
    SearchEntry.objects.filter(kind=SearchEntry.Kind.COMMENT, object_id=comment.pk).delete()
