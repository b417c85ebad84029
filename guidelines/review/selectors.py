"""Reads of the review workflow shared by the document, draft, revision and release pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from accounts import permissions
from guidelines.models import Document
from guidelines.releases import services as releases
from guidelines.review import workflow

Status = Document.Status


def workflow_state(user, document: Document, *, release=None, is_draft: bool = False) -> dict:
    """What the banner and the top bar show of the workflow; the view passes it as `wf`."""
    perms = permissions.document_perms(user, document)
    state: dict = {"status": document.status, "perms": perms}
    if release is not None:
        latest = release.pk == document.latest_release_id
        state.update(
            release=release,
            is_latest=latest,
            latest_release=document.latest_release,
            draft_changed=(
                latest
                and perms["view_draft"]
                and document.latest_revision_id != release.revision_id
            ),
            prompt=releases.acknowledgement_prompt(user, document) if latest else None,
        )
    if is_draft:
        in_review = document.status in (Status.IN_REVIEW, Status.APPROVED)
        state.update(
            approvals=workflow.current_approvals(document) if in_review else 0,
            required=document.required_approvals,
            changes=workflow.changes_requested(document)
            if perms["edit"] or perms["review"]
            else None,
            can_submit=perms["submit"]
            and document.status == Status.DRAFT
            and allowed(workflow.SubmitAction(user, document)),
            can_review=perms["review"] and document.status == Status.IN_REVIEW,
        )
    # Offered only when the action itself would accept it (an empty draft cannot be published).
    state["can_publish"] = perms["publish"] and allowed(workflow.PublishAction(user, document))
    return state


def allowed(action) -> bool:
    """Whether an action's own check() accepts it now: the UI asks the action, never guesses."""
    try:
        action.check()
    except (PermissionDenied, ValidationError):
        return False
    return True
