"""The review state and acknowledgement prompt for the document page's banner and top bar.

Computed once per request and document, whichever include asks first, so the banner and the
action buttons never repeat a query.
"""

from __future__ import annotations

from django import template

from accounts import permissions
from guidelines.models import Document
from guidelines.releases import services as releases
from guidelines.review import workflow

register = template.Library()

Status = Document.Status


def workflow_state_for(
    request, document: Document, *, release=None, is_draft: bool = False
) -> dict:
    cache = request.__dict__.setdefault("_candor_workflow", {})
    key = (document.pk, getattr(release, "pk", None), is_draft)
    if key in cache:
        return cache[key]
    user = request.user
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
            can_submit=perms["submit"] and document.status == Status.DRAFT,
            can_review=perms["review"] and document.status == Status.IN_REVIEW,
        )
    state["can_publish"] = perms["publish"] and (
        document.latest_release_id is None
        or document.latest_release.revision_id != document.latest_revision_id
    )
    cache[key] = state
    return state


@register.simple_tag(takes_context=True)
def workflow_state(context) -> dict:
    """{% workflow_state as wf %} on a page whose context has `document` (and `release`)."""
    return workflow_state_for(
        context["request"],
        context["document"],
        release=context.get("release"),
        is_draft=bool(context.get("is_draft")),
    )
