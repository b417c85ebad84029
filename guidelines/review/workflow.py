"""The review and publishing workflow: Draft → In review → Approved → Published.

Every state change is an action with a ``check()`` that says whether this user may make it now
(``PermissionDenied`` for the wrong role, ``ValidationError`` for the wrong state or stale input)
and an ``execute()`` that makes it in one transaction and writes the audit log. Views, the
management command and tests call the ``<noun>_<verb>`` functions at the bottom, which run both.

An approval covers the exact revision it was given on. Any later edit withdraws it
(``documents.revisions.record_revision`` tells ``review.states.draft_changed``), so the
approvals that count are those on the document's latest revision.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import permissions
from audit.services import audit_record
from guidelines.documents.snapshots import draft_snapshot
from guidelines.models import (
    Acknowledgement,
    Document,
    Release,
    Review,
    Section,
    SectionSignoff,
)
from textkit import presentation
from textkit.modality import TONES
from textkit.rendering import render_markdown

Status = Document.Status
MAJOR, MINOR = "major", "minor"
MAX_REASONS = 20_000
MAX_NOTES = 20_000


def _lock(document: Document) -> Document:
    return (
        Document.objects.select_for_update(of=("self",))
        .select_related("latest_revision", "latest_release")
        .get(pk=document.pk)
    )


def current_approvals(document: Document) -> int:
    """Reviewers whose approval covers the document's latest revision."""
    if document.latest_revision_id is None:
        return 0
    return (
        Review.objects.filter(
            document=document,
            decision=Review.Decision.APPROVE,
            withdrawn_at__isnull=True,
            revision_id=document.latest_revision_id,
        )
        .values("reviewer")
        .distinct()
        .count()
    )


def _has_content(document: Document) -> bool:
    return Section.objects.filter(document=document, removed_at__isnull=True).exists()


def _check_seen_revision(document: Document, seen_revision: int | None) -> None:
    """The reviewer decided on what they saw; refuse if the draft moved on since."""
    if seen_revision is not None and seen_revision != document.version:
        raise ValidationError(
            "The draft has changed since you opened it (you saw revision "
            f"{seen_revision}, it is now at revision {document.version}). "
            "Review the latest changes before you decide."
        )


@dataclass
class SubmitAction:
    user: object
    document: Document

    def check(self) -> None:
        if not permissions.can_submit(self.user, self.document):
            raise PermissionDenied("Only editors can submit a document for review.")
        if self.document.status != Status.DRAFT:
            raise ValidationError(
                f"Only a draft can be submitted; this document is "
                f"{self.document.get_status_display().lower()}."
            )
        if not _has_content(self.document):
            raise ValidationError("Add at least one section before submitting for review.")
        # The voice check's findings as stored at save time (no engine call): the top bar asks
        # this on every draft page. A strength error covered by a dismissal does not count.
        from guidelines.tone.selectors import phrasing_issues, strength_errors

        unresolved = phrasing_issues(strength_errors(self.document))
        if unresolved:
            count = len(unresolved)
            raise ValidationError(
                [
                    f"Submitting for review needs {count} phrasing{'s' if count > 1 else ''} "
                    "fixed first: the wording readers would see states another strength than "
                    "the rule. Fix it, or dismiss the finding with a reason, in the voice check."
                ]
                + [
                    f"Rule {issue.first.rule_number} in “{issue.first.section_heading}”: "
                    f"“{issue.first.text}” — "
                    + next(f.message for f in issue.open if f.is_strength)
                    for issue in unresolved
                ]
            )

    def execute(self) -> Document:
        with transaction.atomic():
            self.document = _lock(self.document)
            self.check()
            Document.objects.filter(pk=self.document.pk).update(
                status=Status.IN_REVIEW, updated_at=timezone.now()
            )
            self.document.status = Status.IN_REVIEW
            audit_record(
                actor=self.user,
                action="document.submit",
                target=self.document,
                document=self.document,
                details={"revision": self.document.version},
            )
        return self.document


@dataclass
class ApproveAction:
    user: object
    document: Document
    seen_revision: int | None = None
    comment: str = ""

    def check(self) -> None:
        if not permissions.can_review(self.user, self.document):
            raise PermissionDenied("Only reviewers can approve a document.")
        if self.document.status != Status.IN_REVIEW:
            raise ValidationError(
                f"Only a document in review can be approved; this one is "
                f"{self.document.get_status_display().lower()}."
            )
        _check_seen_revision(self.document, self.seen_revision)
        if len(self.comment) > MAX_REASONS:
            raise ValidationError({"comment": ["This comment is too long."]})
        if Review.objects.filter(
            document=self.document,
            reviewer=self.user,
            decision=Review.Decision.APPROVE,
            withdrawn_at__isnull=True,
            revision_id=self.document.latest_revision_id,
        ).exists():
            raise ValidationError("You have already approved this revision.")

    def execute(self) -> Review:
        with transaction.atomic():
            self.document = _lock(self.document)
            self.check()
            review = Review.objects.create(
                document=self.document,
                reviewer=self.user,
                decision=Review.Decision.APPROVE,
                reasons=self.comment.strip(),
                revision=self.document.latest_revision,
            )
            approvals = current_approvals(self.document)
            if approvals >= self.document.required_approvals:
                Document.objects.filter(pk=self.document.pk).update(
                    status=Status.APPROVED, updated_at=timezone.now()
                )
                self.document.status = Status.APPROVED
            audit_record(
                actor=self.user,
                action="review.approve",
                target=self.document,
                document=self.document,
                details={
                    "revision": self.document.version,
                    "approvals": approvals,
                    "required": self.document.required_approvals,
                    **({"comment": self.comment.strip()[:500]} if self.comment.strip() else {}),
                },
            )
        return review


@dataclass
class RequestChangesAction:
    user: object
    document: Document
    reasons: str
    seen_revision: int | None = None

    def check(self) -> None:
        if not permissions.can_review(self.user, self.document):
            raise PermissionDenied("Only reviewers can request changes.")
        if self.document.status not in (Status.IN_REVIEW, Status.APPROVED):
            raise ValidationError(
                f"Changes can only be requested on a document in review; this one is "
                f"{self.document.get_status_display().lower()}."
            )
        if not self.reasons.strip():
            raise ValidationError({"reasons": ["Say what needs to change."]})
        if len(self.reasons) > MAX_REASONS:
            raise ValidationError({"reasons": ["These reasons are too long."]})
        _check_seen_revision(self.document, self.seen_revision)

    def execute(self) -> Review:
        with transaction.atomic():
            self.document = _lock(self.document)
            self.check()
            now = timezone.now()
            # Back to draft: the next submission starts a fresh round of approvals.
            Review.objects.filter(document=self.document, withdrawn_at__isnull=True).update(
                withdrawn_at=now
            )
            review = Review.objects.create(
                document=self.document,
                reviewer=self.user,
                decision=Review.Decision.REQUEST_CHANGES,
                reasons=self.reasons.strip(),
                revision=self.document.latest_revision,
            )
            Document.objects.filter(pk=self.document.pk).update(status=Status.DRAFT, updated_at=now)
            self.document.status = Status.DRAFT
            audit_record(
                actor=self.user,
                action="review.request_changes",
                target=self.document,
                document=self.document,
                details={"revision": self.document.version, "reasons": self.reasons.strip()[:2000]},
            )
        return review


@dataclass
class SignoffAction:
    user: object
    document: Document
    section: Section
    comment: str = ""

    def check(self) -> None:
        if not permissions.can_review(self.user, self.document):
            raise PermissionDenied("Only reviewers can sign off sections.")
        if self.document.status != Status.IN_REVIEW:
            raise ValidationError(
                "Sections can only be signed off while the document is in review."
            )
        if self.section.document_id != self.document.pk or self.section.removed_at:
            raise ValidationError("This section is not part of the draft under review.")
        if len(self.comment) > 5000:
            raise ValidationError({"comment": ["This comment is too long."]})

    def execute(self) -> SectionSignoff:
        with transaction.atomic():
            self.document = _lock(self.document)
            self.check()
            signoff, _ = SectionSignoff.objects.update_or_create(
                section=self.section,
                reviewer=self.user,
                revision=self.document.latest_revision,
                defaults={"document": self.document, "comment": self.comment.strip()},
            )
            audit_record(
                actor=self.user,
                action="section.signoff",
                target=self.section,
                document=self.document,
                details={
                    "revision": self.document.version,
                    **({"comment": self.comment.strip()[:500]} if self.comment.strip() else {}),
                },
            )
        return signoff


def next_version(latest: Release | None, kind: str) -> tuple[int, int]:
    """The number of the next release; the first one is always 1.0."""
    if latest is None:
        return 1, 0
    if kind == MAJOR:
        return latest.major + 1, 0
    return latest.major, latest.minor + 1


@dataclass
class PublishAction:
    user: object
    document: Document
    kind: str = MINOR
    notes: str = ""

    def check(self) -> None:
        if not permissions.can_publish(self.user, self.document):
            if permissions.can_edit(self.user, self.document):
                raise ValidationError("An editor can publish only once the document is approved.")
            raise PermissionDenied("You may not publish this document.")
        if self.kind not in (MAJOR, MINOR):
            raise ValidationError({"kind": ["Choose a major or a minor release."]})
        if len(self.notes) > MAX_NOTES:
            raise ValidationError({"notes": ["These release notes are too long."]})
        if self.document.latest_revision_id is None or not _has_content(self.document):
            raise ValidationError("There is nothing to publish yet.")
        latest = self.document.latest_release
        if latest is not None and latest.revision_id == self.document.latest_revision_id:
            raise ValidationError(
                f"Nothing has changed since version {latest.version}; there is nothing new to "
                "publish."
            )

    def execute(self) -> Release:
        with transaction.atomic():
            self.document = _lock(self.document)
            self.check()
            latest = Release.objects.filter(document=self.document).only("major", "minor").first()
            major, minor = next_version(latest, self.kind)
            snapshot = draft_snapshot(self.document)
            try:
                with transaction.atomic():
                    release = Release(
                        document=self.document,
                        major=major,
                        minor=minor,
                        notes=self.notes.strip(),
                        notes_html=render_markdown(self.notes.strip()),
                        revision=self.document.latest_revision,
                        snapshot=snapshot,
                        rendered={tone: presentation.build_view(snapshot, tone) for tone in TONES},
                        published_by=self.user,
                        published_at=timezone.now(),
                    )
                    release.save()
            except IntegrityError:
                raise ValidationError(
                    f"Version {major}.{minor} was published a moment ago; reload the page."
                ) from None
            Document.objects.filter(pk=self.document.pk).update(
                latest_release=release, status=Status.PUBLISHED, updated_at=timezone.now()
            )
            self.document.latest_release = release
            self.document.status = Status.PUBLISHED
            audit_record(
                actor=self.user,
                action="document.publish",
                target=release,
                document=self.document,
                details={
                    "version": release.version,
                    "kind": self.kind,
                    "revision": self.document.version,
                },
            )
        return release


@dataclass
class AcknowledgeAction:
    user: object
    release: Release
    tone: str = ""  # the voice they read it in ("" when unknown, as for older records)

    def check(self) -> None:
        document = self.release.document
        if not permissions.can_view(self.user, document):
            raise PermissionDenied("You cannot see this document.")
        if self.tone and self.tone not in TONES:
            raise ValidationError({"tone": ["Choose Policy or Guideline."]})
        if document.latest_release_id != self.release.pk:
            raise ValidationError(
                "A newer release has been published; acknowledge that one instead."
            )

    def execute(self) -> Acknowledgement:
        self.check()
        # Acknowledging twice is harmless: the first record, with its time and voice, stands.
        acknowledgement, _ = Acknowledgement.objects.get_or_create(
            user=self.user, release=self.release, defaults={"tone": self.tone}
        )
        return acknowledgement


# --- services ---------------------------------------------------------------------------------


def _run(action, document: Document):
    """Execute an action and bring the caller's document instance up to date with it."""
    result = action.execute()
    document.status = action.document.status
    if action.document.latest_release_id != document.latest_release_id:
        document.latest_release = action.document.latest_release
    return result


def document_submit(*, user, document: Document) -> Document:
    return _run(SubmitAction(user, document), document)


def review_approve(
    *, user, document: Document, seen_revision: int | None = None, comment: str = ""
) -> Review:
    return _run(ApproveAction(user, document, seen_revision, comment), document)


def review_request_changes(
    *, user, document: Document, reasons: str, seen_revision: int | None = None
) -> Review:
    return _run(RequestChangesAction(user, document, reasons, seen_revision), document)


def section_signoff(
    *, user, document: Document, section: Section, comment: str = ""
) -> SectionSignoff:
    return _run(SignoffAction(user, document, section, comment), document)


def document_publish(*, user, document: Document, kind: str = MINOR, notes: str = "") -> Release:
    return _run(PublishAction(user, document, kind, notes), document)


def release_acknowledge(*, user, release: Release, tone: str = "") -> Acknowledgement:
    return AcknowledgeAction(user, release, tone).execute()


def changes_requested(document: Document) -> Review | None:
    """The reviewer's request that sent the draft back, while it is still a draft."""
    if document.status != Status.DRAFT:
        return None
    latest = (
        Review.objects.filter(document=document)
        .select_related("reviewer__profile", "revision")
        .first()
    )
    if latest is None or latest.decision != Review.Decision.REQUEST_CHANGES:
        return None
    return latest
