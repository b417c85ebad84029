"""In-app notifications and the emails that follow them.

Triggers: a mention, a reply to one's comment, a comment on a watched document and a change
(revision) to a watched document. Each person gets at most one notification per event, never
for their own action, and only about documents they may see. Email follows each person's
profile choice: immediately (sent once the writing transaction commits), in a daily digest
(`manage.py send_digests`) or never. Each email is a plain-text body with an HTML alternative,
both rendered from templates/emails/.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from accounts import permissions
from accounts.people import person_name
from guidelines.models import Comment, Document, Notification, RevisionMeta, Watch

log = logging.getLogger(__name__)

Kind = Notification.Kind
MENTION_RE = re.compile(r"(?<![\w@])@([\w][\w.-]*)")

# Demo loading and bulk imports create notifications without mailing anyone.
_quiet: ContextVar[bool] = ContextVar("candor_notifications_quiet", default=False)


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Within this block notifications are recorded but no email is sent immediately."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def mentioned_usernames(body: str) -> list[str]:
    """`@name` handles in a comment body, in order, without trailing punctuation."""
    seen: list[str] = []
    for match in MENTION_RE.finditer(body or ""):
        name = match.group(1).rstrip(".-")
        if name and name not in seen:
            seen.append(name)
    return seen


def mentioned_users(body: str) -> list:
    names = mentioned_usernames(body)
    if not names:
        return []
    return list(get_user_model().objects.filter(username__in=names, is_active=True))


# --- reading ----------------------------------------------------------------------------------


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


# A view that already counted the reader's unread notifications (together with other things it
# needed, in one query) leaves the count on the request under this name.
UNREAD_ON_REQUEST = "candor_unread_notifications"


def context(request) -> dict:
    """Template context processor: the unread count, counted only if a template asks for it."""
    known = getattr(request, UNREAD_ON_REQUEST, None)
    if known is not None:
        return {"unread_notifications": known}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(request.user))}


def inbox(user):
    return Notification.objects.filter(user=user).select_related("actor__profile", "document")


def mark_read(*, user, notification: Notification) -> None:
    if notification.user_id != user.pk:
        raise PermissionError("Not your notification.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# --- writing ----------------------------------------------------------------------------------


def _name(user) -> str:
    return person_name(user)


def comment_url(comment: Comment) -> str:
    return (
        reverse("guidelines:section_comments", args=[comment.document.slug, comment.section_id])
        + f"#comment-{comment.pk}"
    )


def notify(
    *,
    recipients: Iterable,
    kind: str,
    actor,
    document: Document,
    text: str,
    url: str,
    comment: Comment | None = None,
) -> list[Notification]:
    """Record one notification per recipient (not the actor) and schedule immediate emails."""
    actor_id = actor.pk if actor is not None else None
    unique = {u.pk: u for u in recipients if u.pk != actor_id and u.is_active}
    if not unique:
        return []
    rows = Notification.objects.bulk_create(
        Notification(
            user=u,
            kind=kind,
            actor=actor,
            document=document,
            comment=comment,
            text=text[:500],
            url=url[:500],
        )
        for u in unique.values()
    )
    if not _quiet.get():
        ids = [n.pk for n in rows if n.pk is not None]
        transaction.on_commit(lambda: deliver_immediate(ids))
    return rows


def comment_posted(comment: Comment) -> list[Notification]:
    """Mentions, then the parent's author, then watchers: one notification each at most."""
    document, actor = comment.document, comment.author
    url = comment_url(comment)
    where = comment.section.heading
    done = {actor.pk}
    created: list[Notification] = []

    mentioned = [
        u
        for u in mentioned_users(comment.body)
        if u.pk not in done and permissions.can_view(u, document)
    ]
    created += notify(
        recipients=mentioned,
        kind=Kind.MENTION,
        actor=actor,
        document=document,
        comment=comment,
        url=url,
        text=f"{_name(actor)} mentioned you on “{where}”",
    )
    done.update(u.pk for u in mentioned)

    if comment.parent_id is not None:
        thread_people = [comment.parent.author] + [
            r.author for r in comment.parent.replies.select_related("author") if r.pk != comment.pk
        ]
        repliers = [
            u
            for u in {u.pk: u for u in thread_people}.values()
            if u.pk not in done and permissions.can_view(u, document)
        ]
        created += notify(
            recipients=repliers,
            kind=Kind.REPLY,
            actor=actor,
            document=document,
            comment=comment,
            url=url,
            text=f"{_name(actor)} replied on “{where}”",
        )
        done.update(u.pk for u in repliers)

    watchers = [
        u for u in _watchers(document) if u.pk not in done and permissions.can_view(u, document)
    ]
    created += notify(
        recipients=watchers,
        kind=Kind.COMMENT,
        actor=actor,
        document=document,
        comment=comment,
        url=url,
        text=f"{_name(actor)} commented on “{where}” in {document.subject}",
    )
    return created


def comment_edited(comment: Comment, previous_body: str) -> list[Notification]:
    """People newly mentioned by an edit hear about it; those mentioned before do not again."""
    before = set(mentioned_usernames(previous_body))
    fresh = [
        u
        for u in mentioned_users(comment.body)
        if u.username not in before and permissions.can_view(u, comment.document)
    ]
    return notify(
        recipients=fresh,
        kind=Kind.MENTION,
        actor=comment.author,
        document=comment.document,
        comment=comment,
        url=comment_url(comment),
        text=f"{_name(comment.author)} mentioned you on “{comment.section.heading}”",
    )


def document_changed(*, document: Document, meta: RevisionMeta, user) -> list[Notification]:
    watchers = [u for u in _watchers(document) if permissions.can_view_draft(u, document)]
    summary = meta.summary or meta.get_kind_display()
    return notify(
        recipients=watchers,
        kind=Kind.CHANGE,
        actor=user if _real(user) else None,
        document=document,
        url=document.get_draft_url(),
        text=f"{_name(user) if _real(user) else 'Someone'} changed {document.subject}: "
        f"{summary} (revision {meta.number})",
    )


def _real(user) -> bool:
    return user is not None and user.is_authenticated


def _watchers(document: Document) -> list:
    User = get_user_model()
    watcher_ids = Watch.objects.filter(document=document).values("user_id")
    return list(
        User.objects.filter(pk__in=watcher_ids, is_active=True)
        .select_related("profile")
        .prefetch_related("groups")
    )


# --- email ------------------------------------------------------------------------------------


def _absolute(url: str) -> str:
    base = getattr(settings, "CANDOR_BASE_URL", "").rstrip("/")
    return f"{base}{url}" if base else url


def _email_mode(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.email_notifications if profile else "immediate"


def _send_email(name: str, *, to: str, context: dict) -> None:
    """Send emails/<name>-subject.txt, -body.txt and, as its HTML alternative, -body.html.

    The text templates render with autoescape off (they are plain text); the HTML one escapes.
    """
    context = {**context, "profile_url": _absolute(reverse("profile"))}
    subject = " ".join(render_to_string(f"emails/{name}-subject.txt", context).split())
    send_mail(
        subject=subject[:200],
        message=render_to_string(f"emails/{name}-body.txt", context),
        html_message=render_to_string(f"emails/{name}-body.html", context),
        from_email=None,
        recipient_list=[to],
    )


def deliver_immediate(ids: list[int]) -> int:
    """Email each notification whose recipient asked for immediate email; mark it emailed."""
    sent = 0
    rows = Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).select_related(
        "user__profile"
    )
    for notification in rows:
        user = notification.user
        if _email_mode(user) != "immediate" or not user.email:
            continue
        try:
            _send_email(
                "notification",
                to=user.email,
                context={"text": notification.text, "url": _absolute(notification.url)},
            )
        except Exception:  # a mail outage must not lose the notification itself
            log.exception("Could not email notification %s", notification.pk)
            continue
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


def send_digests(*, now: datetime | None = None) -> int:
    """One email per daily-digest reader with unread, not yet emailed notifications."""
    now = now or timezone.now()
    pending = (
        Notification.objects.filter(read_at__isnull=True, emailed_at__isnull=True)
        .filter(Q(user__profile__email_notifications="daily"))
        .select_related("user__profile")
        .order_by("user_id", "created_at", "id")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in pending:
        by_user.setdefault(notification.user_id, []).append(notification)
    sent = 0
    for items in by_user.values():
        user = items[0].user
        if not user.email or not user.is_active:
            continue
        try:
            _send_email(
                "digest",
                to=user.email,
                context={"items": [{"text": n.text, "url": _absolute(n.url)} for n in items]},
            )
        except Exception:
            log.exception("Could not send the digest to user %s", user.pk)
            continue
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
        type(user.profile).objects.filter(pk=user.profile.pk).update(last_digest_at=now)
        sent += 1
    return sent
