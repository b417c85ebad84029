"""accounts.permissions: the one place that answers "may this user do that to this document?"."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts import permissions
from accounts.models import Role
from guidelines.models import Document

ROLE_FIXTURES = ["employee", "editor", "reviewer", "admin_user", "outsider"]

# Expected answers on an unreleased draft that is not open for consultation.
DRAFT_MATRIX = {
    #              view   draft  edit   comment review submit publish
    "employee": (False, False, False, False, False, False, False),
    "editor": (True, True, True, True, False, True, False),
    "reviewer": (True, True, False, True, True, False, False),
    "admin_user": (True, True, True, True, False, True, True),
    "outsider": (False, False, False, False, False, False, False),
}
CHECKS = (
    permissions.can_view,
    permissions.can_view_draft,
    permissions.can_edit,
    permissions.can_comment,
    permissions.can_review,
    permissions.can_submit,
    permissions.can_publish,
)


def _released(document):
    # Publishing is another area's service; the permission rules only read the pointer.
    from django.utils import timezone

    from guidelines.models import Release

    release = Release.objects.create(
        document=document,
        major=1,
        minor=0,
        revision=document.latest_revision,
        snapshot={},
        rendered={},
        published_at=timezone.now(),
    )
    Document.objects.filter(pk=document.pk).update(latest_release=release)
    document.refresh_from_db()
    return document


@pytest.mark.parametrize("who", ROLE_FIXTURES)
def test_it_answers_each_question_on_a_draft_by_role(request, document, who):
    user = request.getfixturevalue(who)
    answers = tuple(check(user, document) for check in CHECKS)
    assert answers == DRAFT_MATRIX[who]


def test_it_shows_a_consultation_draft_to_employees_but_not_to_outsiders(
    document, employee, outsider
):
    Document.objects.filter(pk=document.pk).update(open_for_consultation=True)
    document.refresh_from_db()
    assert permissions.can_view_draft(employee, document)
    assert permissions.can_comment(employee, document)
    assert not permissions.can_edit(employee, document)
    assert not permissions.can_view(outsider, document)


def test_it_lets_editors_publish_only_once_the_draft_is_approved(document, editor):
    assert not permissions.can_publish(editor, document)
    Document.objects.filter(pk=document.pk).update(status=Document.Status.APPROVED)
    document.refresh_from_db()
    assert permissions.can_publish(editor, document)


def test_it_lets_nobody_without_a_role_in_even_if_active(outsider, document):
    assert permissions.roles_of(outsider) == frozenset()
    assert not permissions.is_member(outsider)
    assert not any(permissions.document_perms(outsider, document).values())


def test_it_treats_a_deactivated_account_as_having_no_roles(editor, document):
    editor.is_active = False
    assert permissions.roles_of(editor) == frozenset()
    assert not permissions.can_edit(editor, document)


def test_it_treats_a_superuser_as_an_admin(outsider, document):
    outsider.is_superuser = True
    assert Role.ADMIN in permissions.roles_of(outsider)
    assert permissions.can_publish(outsider, document)


def test_it_answers_anonymous_visitors_with_no(document):
    from django.contrib.auth.models import AnonymousUser

    assert not any(permissions.document_perms(AnonymousUser(), document).values())


def test_it_gives_templates_the_same_answers_as_views(editor, reviewer, document):
    for user in (editor, reviewer):
        perms = permissions.document_perms(user, document)
        assert perms["edit"] == permissions.can_edit(user, document)
        assert perms["review"] == permissions.can_review(user, document)
        assert perms["publish"] == permissions.can_publish(user, document)
        assert perms["view_draft"] == permissions.can_view_draft(user, document)


def test_it_reads_roles_once_per_request_user(editor, django_assert_num_queries):
    with django_assert_num_queries(1):
        for _ in range(5):
            permissions.roles_of(editor)


def test_its_lookup_returns_the_document_for_a_permitted_user(editor, document):
    assert permissions.get_document_or_404(editor, document.slug, need="edit") == document


def test_its_lookup_hides_an_unknown_document(editor, document):
    with pytest.raises(Http404):
        permissions.get_document_or_404(editor, "no-such-document")


def test_its_lookup_hides_a_draft_from_an_employee_rather_than_forbidding_it(employee, document):
    with pytest.raises(Http404):
        permissions.get_document_or_404(employee, document.slug)


def test_its_lookup_forbids_what_a_reader_may_not_do(reviewer, document):
    with pytest.raises(PermissionDenied):
        permissions.get_document_or_404(reviewer, document.slug, need="edit")


def test_its_lookup_lets_employees_see_a_released_document_but_not_edit_it(employee, document):
    _released(document)
    assert permissions.get_document_or_404(employee, document.slug) == document
    assert not permissions.can_view_draft(employee, document)
    with pytest.raises(PermissionDenied):
        permissions.get_document_or_404(employee, document.slug, need="edit")
    with pytest.raises(PermissionDenied):
        permissions.get_document_or_404(employee, document.slug, need="view_draft")


def test_only_editors_and_admins_create_documents(editor, admin_user, reviewer, employee):
    assert permissions.can_create_document(editor)
    assert permissions.can_create_document(admin_user)
    assert not permissions.can_create_document(reviewer)
    assert not permissions.can_create_document(employee)


def test_site_wide_questions_follow_the_roles(admin_user, reviewer, editor, employee):
    assert permissions.can_moderate(admin_user) and not permissions.can_moderate(editor)
    assert permissions.can_view_audit(reviewer) and not permissions.can_view_audit(employee)
    assert permissions.can_view_acknowledgements(editor)
    assert not permissions.can_view_acknowledgements(reviewer)
