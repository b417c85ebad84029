"""Every "may this user do that to this document?" question, answered in one place.

Views call these; templates read them through the `perms_for` template tag and the `roles`
context processor, so no template re-derives a rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Role

if TYPE_CHECKING:
    from guidelines.models import Document


def roles_of(user) -> frozenset[str]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_candor_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            names.add(Role.ADMIN)
        cached = frozenset(names)
        user._candor_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def is_member(user) -> bool:
    """Someone with any role; an account with none (an outsider) sees nothing."""
    return bool(roles_of(user))


def is_staff_role(user) -> bool:
    return has_role(user, Role.EDITOR, Role.REVIEWER, Role.ADMIN)


def can_create_document(user) -> bool:
    return has_role(user, Role.EDITOR, Role.ADMIN)


def can_view_draft(user, document: Document) -> bool:
    if is_staff_role(user):
        return True
    return is_member(user) and document.open_for_consultation


def can_view(user, document: Document) -> bool:
    """The document at all: its latest release, or its draft for those who may see drafts."""
    if not is_member(user):
        return False
    return document.has_release or can_view_draft(user, document)


def can_edit(user, document: Document) -> bool:
    return has_role(user, Role.EDITOR, Role.ADMIN)


def can_view_history(user, document: Document) -> bool:
    return can_view_draft(user, document)


def can_comment(user, document: Document) -> bool:
    return can_view(user, document)


def can_review(user, document: Document) -> bool:
    return has_role(user, Role.REVIEWER)


def can_submit(user, document: Document) -> bool:
    return can_edit(user, document)


def can_publish(user, document: Document) -> bool:
    if has_role(user, Role.ADMIN):
        return True
    return has_role(user, Role.EDITOR) and document.status == document.Status.APPROVED


def can_moderate(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_view_audit(user) -> bool:
    return has_role(user, Role.ADMIN, Role.REVIEWER)


def can_view_acknowledgements(user) -> bool:
    return has_role(user, Role.EDITOR, Role.ADMIN)


def document_perms(user, document: Document) -> dict[str, bool]:
    """All answers for one document, for templates."""
    return {
        "view": can_view(user, document),
        "view_draft": can_view_draft(user, document),
        "edit": can_edit(user, document),
        "history": can_view_history(user, document),
        "comment": can_comment(user, document),
        "review": can_review(user, document),
        "submit": can_submit(user, document),
        "publish": can_publish(user, document),
        "moderate": can_moderate(user),
        "audit": can_view_audit(user),
        "acknowledgements": can_view_acknowledgements(user),
    }


def get_document_or_404(user, slug: str, *, need: str = "view") -> Document:
    """The document a user may act on, or 404 when they may not even see it, 403 otherwise."""
    from guidelines.models import Document

    try:
        # The release's snapshot and rendered views are large; load them only where needed.
        document = (
            Document.objects.select_related("latest_release")
            .defer("latest_release__snapshot", "latest_release__rendered")
            .get(slug=slug)
        )
    except Document.DoesNotExist:
        raise Http404("No such document.") from None
    if not can_view(user, document):
        raise Http404("No such document.")
    checks = {
        "view": can_view,
        "view_draft": can_view_draft,
        "edit": can_edit,
        "history": can_view_history,
        "comment": can_comment,
        "review": can_review,
        "submit": can_submit,
        "publish": can_publish,
    }
    if not checks[need](user, document):
        raise PermissionDenied("You do not have permission to do that to this document.")
    return document


def can_change_comment(user, comment) -> bool:
    """Edit or delete: only the comment's own author, while it still stands."""
    return (
        is_member(user)
        and comment.author_id == user.pk
        and comment.deleted_at is None
        and comment.hidden_at is None
    )


def can_resolve_comment(user, document: Document, comment) -> bool:
    """Resolve or reopen a thread: the document's editors and the thread's author."""
    if comment.parent_id is not None or not can_view(user, document):
        return False
    return can_edit(user, document) or comment.author_id == user.pk
