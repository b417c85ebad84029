"""Participation in the demo: the fixture's comment threads, watchers and a few notifications.

Everything goes through the comment services, so the demo shows what real use produces.
"""

from __future__ import annotations

from accounts import permissions
from guidelines.discussion import services as comments
from guidelines.documents import services
from guidelines.models import Document, Notification, Rule, Section
from guidelines.notifications import services as notifications

UNREAD_LEFT = 2  # per person, so the inbox has something new without a wall of it


def load(document: Document, data: dict, people: dict) -> None:
    editor = people.get("editor")
    if editor is None:
        return
    with notifications.quiet():
        for username in ("editor", "editor2"):
            if username in people:
                comments.watch_set(user=people[username], document=document, watching=True)
        if not document.has_release and not document.open_for_consultation:
            _open_for_consultation(document, editor)
        for item in data.get("comments", []):
            _thread(document, item, people)
    _leave_a_few_unread(document)


def _open_for_consultation(document: Document, editor) -> None:
    """Employees may comment on a draft only while it is open for consultation."""
    document.refresh_from_db()
    services.document_update(
        user=editor,
        document=document,
        expected_version=document.version,
        subject=document.subject,
        slug=document.slug,
        summary=document.summary,
        default_tone=document.default_tone,
        title_policy=document.title_policy,
        title_guideline=document.title_guideline,
        required_approvals=document.required_approvals,
        open_for_consultation=True,
        edit_summary="Opened the draft for consultation",
    )
    document.refresh_from_db()


def _thread(document: Document, item: dict, people: dict) -> None:
    author = people.get(item.get("author", ""))
    section = Section.objects.filter(
        document=document, anchor=item["section_anchor"], removed_at__isnull=True
    ).first()
    if author is None or section is None or not permissions.can_comment(author, document):
        return
    quote = item.get("quote", "")
    rule = None
    if quote:
        rule = next(
            (
                r
                for r in Rule.objects.filter(section=section, removed_at__isnull=True)
                if quote in r.statement
            ),
            None,
        )
    document.refresh_from_db(fields=["latest_revision", "version"])
    thread = comments.comment_post(
        user=author, document=document, section=section, body=item["body"], quote=quote, rule=rule
    )
    for reply in item.get("replies", []):
        replier = people.get(reply.get("author", ""))
        if replier is not None and permissions.can_comment(replier, document):
            comments.comment_post(
                user=replier, document=document, section=section, body=reply["body"], parent=thread
            )
    if item.get("resolved") or len(item.get("replies", [])) >= 2:
        # A settled exchange reads as resolved, as it would after a real consultation.
        comments.comment_resolve(user=people.get("editor", author), comment=thread)


def _leave_a_few_unread(document: Document) -> None:
    from django.utils import timezone

    # The demo mails nobody: immediate delivery, queued for after the commit, skips these.
    Notification.objects.filter(document=document, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    unread = Notification.objects.filter(document=document, read_at__isnull=True)
    keep: dict[int, int] = {}
    to_read = []
    for pk, user_id in unread.order_by("-created_at", "-id").values_list("pk", "user_id"):
        keep[user_id] = keep.get(user_id, 0) + 1
        if keep[user_id] > UNREAD_LEFT:
            to_read.append(pk)
    if to_read:
        Notification.objects.filter(pk__in=to_read).update(read_at=timezone.now())
