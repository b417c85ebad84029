"""The workflow's one state machine: every status change of a document is a row of this table.

Actions (guidelines.review.workflow) and the documents write core ask `next_status` and never
set a status by hand, so the whole lifecycle can be read here:

    Draft ──submit──▶ In review ──enough approvals──▶ Approved ──publish──▶ Published
      ▲                  │  ▲                            │                    │
      └─changes requested┘  └──────draft changed─────────┘                    │
      └──────────────────────────────draft changed────────────────────────────┘
"""

from __future__ import annotations

from enum import StrEnum

from django.utils import timezone

from guidelines.models import Document, Review

Status = Document.Status


class Event(StrEnum):
    SUBMIT = "submit"
    APPROVED_ENOUGH = "approved_enough"
    REQUEST_CHANGES = "request_changes"
    PUBLISH = "publish"
    DRAFT_CHANGED = "draft_changed"


TRANSITIONS: dict[tuple[str, Event], str] = {
    (Status.DRAFT, Event.SUBMIT): Status.IN_REVIEW,
    (Status.IN_REVIEW, Event.APPROVED_ENOUGH): Status.APPROVED,
    (Status.IN_REVIEW, Event.REQUEST_CHANGES): Status.DRAFT,
    (Status.APPROVED, Event.REQUEST_CHANGES): Status.DRAFT,
    (Status.DRAFT, Event.PUBLISH): Status.PUBLISHED,
    (Status.IN_REVIEW, Event.PUBLISH): Status.PUBLISHED,
    (Status.APPROVED, Event.PUBLISH): Status.PUBLISHED,
    (Status.PUBLISHED, Event.PUBLISH): Status.PUBLISHED,
    # An edit: approvals no longer cover the draft; a published draft is a draft again, an
    # approved one goes back to review.
    (Status.DRAFT, Event.DRAFT_CHANGED): Status.DRAFT,
    (Status.IN_REVIEW, Event.DRAFT_CHANGED): Status.IN_REVIEW,
    (Status.APPROVED, Event.DRAFT_CHANGED): Status.IN_REVIEW,
    (Status.PUBLISHED, Event.DRAFT_CHANGED): Status.DRAFT,
}


def next_status(status: str, event: Event) -> str | None:
    """The status after `event`, or None when the event cannot happen in this status."""
    return TRANSITIONS.get((status, event))


def draft_changed(document: Document) -> str:
    """The draft moved on: withdraw the approvals that covered it and move its status.

    Returns the new status; the caller writes it with the rest of the document row.
    """
    Review.objects.filter(document=document, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )
    return next_status(document.status, Event.DRAFT_CHANGED) or document.status
