"""Presence: who is editing a section right now (heartbeats, shared through the database)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone

from guidelines.history.selectors import person_name
from guidelines.models import (
    Presence,
    Section,
)


def presence_beat(*, user, section: Section) -> None:
    """Record that the user has the section open; also clears long-gone heartbeats."""
    now = timezone.now()
    # Plain statements rather than update_or_create's transaction: a heartbeat must never
    # hold up, or be held up by, a save of the same section.
    if not Presence.objects.filter(section=section, user=user).update(last_seen=now):
        try:
            Presence.objects.create(section=section, user=user, last_seen=now)
        except IntegrityError:  # a second tab beat us to it; its row is just as fresh
            pass
    stale = now - timedelta(seconds=settings.CANDOR_PRESENCE_TTL * 20)
    Presence.objects.filter(section=section, last_seen__lt=stale).delete()


def presence_leave(*, user, section: Section) -> None:
    Presence.objects.filter(section=section, user=user).delete()


def editing_now(section: Section, *, exclude=None) -> list[str]:
    """Names of the people with the section open in the editor, whose heartbeat is fresh."""
    since = timezone.now() - timedelta(seconds=settings.CANDOR_PRESENCE_TTL)
    present = Presence.objects.filter(section=section, last_seen__gte=since)
    if exclude is not None:
        present = present.exclude(user=exclude)
    return [
        person_name(p.user) for p in present.select_related("user__profile").order_by("last_seen")
    ]


def presence_sentence(names: list[str]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return f"{names[0]} is editing this section."
    listed = ", ".join(names[:-1]) + " and " + names[-1]
    return f"{listed} are editing this section."
