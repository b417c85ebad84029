"""Comments, watches and moderation: the services that write them and the reads pages share.

A comment is made against a revision: it records the document's latest revision, the
section's version counter and the text it talks about (`target_text`: the rule's statement for
a rule comment, the section body otherwise). A thread is *outdated* when its quoted passage no
longer appears in the current text or, without a quote, when that text has changed since.
The check needs only the section and its live rules, loaded once per page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from itertools import islice

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts import permissions
from accounts.people import person_name
from audit.services import audit_record
from guidelines.models import Comment, Document, RevisionMeta, Rule, Section, Watch
from guidelines.models.documents import MAX_TEXT
from guidelines.notifications import services as notifications
from guidelines.search import index as search_index
from textkit.rendering import markdown_to_text, render_markdown

RATE_LIMIT_MESSAGE = "You're commenting very fast — wait a minute and try again."
MAX_COMMENT = 20_000
MAX_QUOTE = 5_000
FILTERS = ("all", "open", "resolved", "mine")


class RateLimited(Exception):
    """The user posted too many comments in the last minute."""

    def __init__(self) -> None:
        super().__init__(RATE_LIMIT_MESSAGE)


# --- helpers ----------------------------------------------------------------------------------


def _normal(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def _render(body: str, pk: int) -> str:
    # A per-comment id prefix keeps footnotes of different comments on one page apart.
    return render_markdown(body, id_prefix=f"c{pk}-")


def _check_body(body: str, quote: str = "") -> None:
    errors: dict[str, list[str]] = {}
    if not body.strip():
        errors["body"] = ["Write something to post."]
    elif len(body) > min(MAX_COMMENT, MAX_TEXT):
        errors["body"] = [f"A comment can be at most {MAX_COMMENT:,} characters long."]
    if len(quote) > MAX_QUOTE:
        errors["quote"] = [f"A quote can be at most {MAX_QUOTE:,} characters long."]
    if errors:
        raise ValidationError(errors)


def check_rate(user) -> None:
    """Counted in the database so the limit holds across every worker."""
    limit = getattr(settings, "CANDOR_COMMENT_RATE_LIMIT", 30)
    since = timezone.now() - timedelta(seconds=60)
    if Comment.objects.filter(author=user, created_at__gte=since).count() >= limit:
        raise RateLimited()


def safe_reverse(name: str, *args, query: str = "") -> str:
    """A URL owned by another area, or "" while that area's route is not there."""
    try:
        return reverse(name, args=args) + query
    except NoReverseMatch:
        return ""


# --- services ---------------------------------------------------------------------------------


def comment_post(
    *,
    user,
    document: Document,
    section: Section,
    body: str,
    quote: str = "",
    rule: Rule | None = None,
    parent: Comment | None = None,
) -> Comment:
    """Post a comment or a reply; notify the people it concerns and index it for search."""
    if not permissions.can_comment(user, document):
        raise PermissionDenied("You cannot comment on this document.")
    if section.document_id != document.pk or section.removed_at is not None:
        raise ValidationError("This section is no longer part of the document.")
    if rule is not None and (rule.section_id != section.pk or rule.removed_at is not None):
        raise ValidationError({"rule": ["That rule is not part of this section."]})
    quote = " ".join(quote.split())
    _check_body(body, quote)
    if parent is not None:
        if parent.section_id != section.pk:
            raise ValidationError("You can only reply within the same section.")
        # Threads are one level deep: a reply to a reply joins the same thread.
        parent = parent.parent if parent.parent_id else parent
        rule, quote = parent.rule, ""
    with transaction.atomic():
        check_rate(user)
        comment = Comment.objects.create(
            document=document,
            section=section,
            rule=rule,
            parent=parent,
            author=user,
            body=body,
            quote=quote,
            revision_id=document.latest_revision_id,
            section_version=section.version,
            target_text=rule.statement if rule is not None else section.body,
        )
        comment.body_html = _render(body, comment.pk)
        comment.save(update_fields=["body_html"])
        search_index.index_comment(comment)
        notifications.comment_posted(comment)
    return comment


def comment_edit(*, user, comment: Comment, body: str) -> Comment:
    if not permissions.can_change_comment(user, comment):
        raise PermissionDenied("Only its author can edit this comment.")
    _check_body(body)
    previous = comment.body
    with transaction.atomic():
        comment.body = body
        comment.body_html = _render(body, comment.pk)
        comment.edited_at = timezone.now()
        comment.save(update_fields=["body", "body_html", "edited_at"])
        search_index.index_comment(comment)
        notifications.comment_edited(comment, previous)
    return comment


def comment_delete(*, user, comment: Comment) -> Comment:
    """The author's delete: the comment stays as a marker so replies keep their context."""
    if not permissions.can_change_comment(user, comment):
        raise PermissionDenied("Only its author can delete this comment.")
    with transaction.atomic():
        comment.deleted_at = timezone.now()
        comment.save(update_fields=["deleted_at"])
        search_index.unindex_comment(comment)
        audit_record(actor=user, action="comment.delete", target=comment, document=comment.document)
    return comment


def comment_resolve(*, user, comment: Comment) -> Comment:
    """Resolve a thread; if its section changed since, record the revision that did it."""
    if not permissions.can_resolve_comment(user, comment.document, comment):
        raise PermissionDenied("Only editors and the comment's author can resolve a thread.")
    if comment.status == Comment.Status.RESOLVED:
        return comment
    section_version = (
        Section.objects.filter(pk=comment.section_id).values_list("version", flat=True).first()
    )
    changed = section_version is not None and section_version != comment.section_version
    comment.status = Comment.Status.RESOLVED
    comment.resolved_by = user
    comment.resolved_at = timezone.now()
    comment.resolved_in_id = comment.document.latest_revision_id if changed else None
    comment.save(update_fields=["status", "resolved_by", "resolved_at", "resolved_in"])
    return comment


def comment_reopen(*, user, comment: Comment) -> Comment:
    if not permissions.can_resolve_comment(user, comment.document, comment):
        raise PermissionDenied("Only editors and the comment's author can reopen a thread.")
    comment.status = Comment.Status.OPEN
    comment.resolved_by = None
    comment.resolved_at = None
    comment.resolved_in = None
    comment.save(update_fields=["status", "resolved_by", "resolved_at", "resolved_in"])
    return comment


def comment_hide(*, user, comment: Comment, reason: str) -> Comment:
    if not permissions.can_moderate(user):
        raise PermissionDenied("Only administrators can hide comments.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": ["Say why the comment is hidden."]})
    if len(reason) > 500:
        raise ValidationError({"reason": ["Keep the reason under 500 characters."]})
    with transaction.atomic():
        comment.hidden_at = timezone.now()
        comment.hidden_by = user
        comment.hidden_reason = reason
        comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        search_index.unindex_comment(comment)
        audit_record(
            actor=user,
            action="comment.hide",
            target=comment,
            document=comment.document,
            details={"reason": reason},
        )
    return comment


def comment_unhide(*, user, comment: Comment) -> Comment:
    if not permissions.can_moderate(user):
        raise PermissionDenied("Only administrators can unhide comments.")
    with transaction.atomic():
        previous = comment.hidden_reason
        comment.hidden_at = None
        comment.hidden_by = None
        comment.hidden_reason = ""
        comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        search_index.index_comment(comment)
        audit_record(
            actor=user,
            action="comment.unhide",
            target=comment,
            document=comment.document,
            details={"previous_reason": previous},
        )
    return comment


def watch_set(*, user, document: Document, watching: bool) -> bool:
    if watching:
        if not permissions.can_view(user, document):
            raise PermissionDenied("You cannot watch this document.")
        Watch.objects.get_or_create(user=user, document=document)
    else:
        Watch.objects.filter(user=user, document=document).delete()
    return watching


def is_watching(user, document: Document) -> bool:
    return user.is_authenticated and Watch.objects.filter(user=user, document=document).exists()


# --- outdated ---------------------------------------------------------------------------------


@dataclass
class CurrentText:
    """The section's text now, prepared once so every thread on a page is checked cheaply."""

    section_body: str
    section_haystack: str
    rules: dict[int, tuple[str, str]]  # rule id -> (statement, normalised texts)

    @classmethod
    def of(cls, section: Section, rules: list[Rule]) -> CurrentText:
        rule_texts = {}
        for rule in rules:
            parts = [
                rule.statement,
                rule.policy_text or rule.auto_policy,
                rule.guideline_text or rule.auto_guideline,
                markdown_to_text(rule.explanation) if rule.explanation else "",
            ]
            rule_texts[rule.pk] = (rule.statement, _normal(" \n ".join(parts)))
        parts = [section.body, markdown_to_text(section.body)]
        parts += [texts for _, texts in rule_texts.values()]
        return cls(section.body, _normal(" \n ".join(parts)), rule_texts)


def is_outdated(comment: Comment, current: CurrentText) -> bool:
    if comment.rule_id is not None and comment.rule_id not in current.rules:
        return True  # the rule was removed
    if comment.quote:
        haystack = (
            current.rules[comment.rule_id][1]
            if comment.rule_id is not None
            else current.section_haystack
        )
        return _normal(comment.quote) not in haystack
    now = current.rules[comment.rule_id][0] if comment.rule_id is not None else current.section_body
    return _normal(now) != _normal(comment.target_text)


# --- reads ------------------------------------------------------------------------------------


def counts_for(document: Document) -> dict[int, int]:
    """Visible comments (threads and replies) per section id, in one query, memoised."""
    cached = getattr(document, "_comment_counts", None)
    if cached is None:
        rows = (
            Comment.objects.filter(
                document=document, hidden_at__isnull=True, deleted_at__isnull=True
            )
            .values("section_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        cached = {row["section_id"]: row["n"] for row in rows}
        document._comment_counts = cached
    return cached


def threads_for(
    *,
    user,
    document: Document,
    section: Section,
    filter_by: str = "all",
    rules: list[Rule] | None = None,
) -> list[Comment]:
    """A section's threads with replies, annotated for the page, in a fixed number of queries.

    Each comment gets `outdated`, `can_change`, `can_resolve`, `can_moderate`, `compare_url`
    and `resolved_url`; a thread's replies are in `thread_replies`.
    """
    replies = Comment.objects.select_related("author__profile", "hidden_by__profile").order_by(
        "created_at", "id"
    )
    threads = (
        Comment.objects.filter(section=section, parent__isnull=True)
        .select_related(
            "author__profile",
            "resolved_by__profile",
            "hidden_by__profile",
            "revision",
            "resolved_in",
            "rule",
        )
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="thread_replies"))
        .order_by("created_at", "id")
    )
    if filter_by == "open":
        threads = threads.filter(status=Comment.Status.OPEN)
    elif filter_by == "resolved":
        threads = threads.filter(status=Comment.Status.RESOLVED)
    elif filter_by == "mine":
        threads = threads.filter(Q(author=user) | Q(replies__author=user)).distinct()
    if rules is None:
        rules = list(Rule.objects.filter(section=section, removed_at__isnull=True))
    current = CurrentText.of(section, rules)
    moderate = permissions.can_moderate(user)
    edit = permissions.can_edit(user, document)
    history = permissions.can_view_history(user, document)
    result = list(threads)
    for thread in result:
        thread.outdated = thread.status == Comment.Status.OPEN and is_outdated(thread, current)
        thread.can_resolve = edit or (thread.author_id == user.pk and thread.deleted_at is None)
        thread.compare_url = ""
        thread.resolved_url = ""
        if history and thread.revision is not None:
            thread.compare_url = safe_reverse(
                "guidelines:compare",
                document.slug,
                query=f"?from={thread.revision.number}&to=draft",
            )
        if history and thread.resolved_in is not None:
            thread.resolved_url = safe_reverse(
                "guidelines:compare",
                document.slug,
                query=f"?from={thread.revision.number if thread.revision else 1}"
                f"&to={thread.resolved_in.number}",
            )
        for comment in [thread, *thread.thread_replies]:
            comment.can_change = (
                comment.author_id == user.pk
                and comment.deleted_at is None
                and comment.hidden_at is None
            )
            comment.can_moderate = moderate
    return result


def participants(threads: list[Comment]) -> list:
    """Everyone who took part in these threads, for mention suggestions."""
    people = {}
    for thread in threads:
        for comment in [thread, *thread.thread_replies]:
            people.setdefault(comment.author_id, comment.author)
    return list(people.values())


def people_matching(query: str, *, limit: int = 8) -> list[dict]:
    """Members whose username or display name starts with the query, for @-autocomplete."""
    from django.contrib.auth import get_user_model

    query = query.strip().lstrip("@")
    if not query:
        return []
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__isnull=False)
        .filter(
            Q(username__istartswith=query)
            | Q(profile__display_name__istartswith=query)
            | Q(profile__display_name__icontains=f" {query}")
        )
        .select_related("profile")
        .distinct()
        .order_by("username")
    )
    return [
        {
            "username": u.username,
            "name": person_name(u),
        }
        for u in islice(users, limit)
    ]


@dataclass
class ActivityItem:
    kind: str  # "edit", "comment", "reply", "resolved"
    at: object
    actor: object
    text: str
    url: str
    detail: str = ""


def activity_for(
    *, user, document: Document, page: int = 1, per_page: int = 30
) -> tuple[list[ActivityItem], bool]:
    """Edits, comments and resolutions, newest first; returns (items, has_more).

    Each stream is read newest first up to the end of the requested page, then merged, so a
    page costs three queries whatever the document's age.
    """
    page = max(1, page)
    need = page * per_page + 1
    items: list[ActivityItem] = []
    if permissions.can_view_history(user, document):
        metas = (
            RevisionMeta.objects.filter(document=document)
            .select_related("user__profile")
            .order_by("-created_at", "-number")[:need]
        )
        for meta in metas:
            items.append(
                ActivityItem(
                    kind="edit",
                    at=meta.created_at,
                    actor=meta.user,
                    text=meta.summary or meta.get_kind_display(),
                    url=safe_reverse("guidelines:revision", document.slug, meta.number)
                    or document.get_draft_url(),
                    detail=f"revision {meta.number}",
                )
            )
    visible = Comment.objects.filter(
        document=document, hidden_at__isnull=True, deleted_at__isnull=True
    )
    comments = visible.select_related("author__profile", "section").order_by("-created_at", "-id")[
        :need
    ]
    for comment in comments:
        items.append(
            ActivityItem(
                kind="reply" if comment.parent_id else "comment",
                at=comment.created_at,
                actor=comment.author,
                text=markdown_to_text(comment.body)[:200],
                url=reverse("guidelines:section_comments", args=[document.slug, comment.section_id])
                + f"#comment-{comment.pk}",
                detail=comment.section.heading,
            )
        )
    resolved = (
        visible.filter(resolved_at__isnull=False)
        .select_related("resolved_by__profile", "section", "resolved_in")
        .order_by("-resolved_at", "-id")[:need]
    )
    for comment in resolved:
        items.append(
            ActivityItem(
                kind="resolved",
                at=comment.resolved_at,
                actor=comment.resolved_by,
                text=markdown_to_text(comment.body)[:200],
                url=reverse("guidelines:section_comments", args=[document.slug, comment.section_id])
                + f"#comment-{comment.pk}",
                detail=(
                    f"{comment.section.heading} · in revision {comment.resolved_in.number}"
                    if comment.resolved_in
                    else comment.section.heading
                ),
            )
        )
    items.sort(key=lambda item: item.at, reverse=True)
    start = (page - 1) * per_page
    return items[start : start + per_page], len(items) > start + per_page
