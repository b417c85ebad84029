"""Moderation: only admins hide and unhide, with a reason, and every action leaves a trace."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from guidelines.discussion import services as comments
from guidelines.models import Comment
from tests.guidelines.discussion.test_comments import open_for_consultation, post


@pytest.fixture
def consultation(document, editor):
    return open_for_consultation(document, editor)


def hide_url(comment, name="comment_hide"):
    return reverse(f"guidelines:{name}", args=[comment.document.slug, comment.pk])


def discussion(comment):
    return reverse("guidelines:section_comments", args=[comment.document.slug, comment.section_id])


def test_an_admin_hides_a_comment_with_a_reason_and_it_is_audited(
    consultation, employee, admin_user
):
    comment = post(employee, consultation, body="Rude words")
    comments.comment_hide(user=admin_user, comment=comment, reason="Personal attack")
    comment.refresh_from_db()
    assert comment.hidden_by == admin_user
    assert comment.hidden_reason == "Personal attack"
    entry = AuditEntry.objects.get(action="comment.hide")
    assert entry.actor == admin_user
    assert entry.target_id == str(comment.pk)
    assert entry.details == {"reason": "Personal attack"}
    assert entry.created_at is not None
    assert Comment.objects.filter(pk=comment.pk).exists()  # nothing deleted outright


def test_hiding_needs_a_reason(consultation, employee, admin_user):
    comment = post(employee, consultation)
    with pytest.raises(ValidationError):
        comments.comment_hide(user=admin_user, comment=comment, reason="  ")
    comment.refresh_from_db()
    assert comment.hidden_at is None


def test_editors_cannot_moderate(consultation, employee, editor):
    comment = post(employee, consultation)
    with pytest.raises(PermissionDenied):
        comments.comment_hide(user=editor, comment=comment, reason="No")
    with pytest.raises(PermissionDenied):
        comments.comment_unhide(user=editor, comment=comment)


def test_unhiding_restores_the_comment_and_is_audited(consultation, employee, admin_user):
    comment = post(employee, consultation)
    comments.comment_hide(user=admin_user, comment=comment, reason="Oops")
    comments.comment_unhide(user=admin_user, comment=comment)
    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "comment.hide",
        "comment.unhide",
    ]


def test_the_hide_view_hides_and_readers_see_the_marker(
    consultation, employee, admin_user, client_for
):
    comment = post(employee, consultation, body="Rude words")
    response = client_for(admin_user).post(hide_url(comment), {"reason": "Personal attack"})
    assert response.status_code == 302
    html = client_for(employee).get(discussion(comment)).content.decode()
    assert "Hidden by a moderator" in html
    assert "Rude words" not in html
    assert "Personal attack" not in html  # the reason is for moderators
    admin_html = client_for(admin_user).get(discussion(comment)).content.decode()
    assert "Personal attack" in admin_html
    assert "Unhide" in admin_html


def test_the_hide_view_refuses_editors_and_employees(consultation, employee, editor, client_for):
    comment = post(employee, consultation)
    assert client_for(editor).post(hide_url(comment), {"reason": "x"}).status_code == 403
    assert client_for(employee).post(hide_url(comment), {"reason": "x"}).status_code == 403
    comment.refresh_from_db()
    assert comment.hidden_at is None


def test_the_hide_view_keeps_the_comment_without_a_reason(
    consultation, employee, admin_user, client_for
):
    comment = post(employee, consultation)
    response = client_for(admin_user).post(hide_url(comment), {"reason": ""})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert not AuditEntry.objects.exists()


def test_the_moderation_views_reject_get_and_unknown_ids(
    consultation, employee, admin_user, client_for
):
    comment = post(employee, consultation)
    client = client_for(admin_user)
    assert client.get(hide_url(comment)).status_code == 405
    assert client.get(hide_url(comment, "comment_unhide")).status_code == 405
    missing = reverse("guidelines:comment_hide", args=[consultation.slug, 999999])
    assert client.post(missing, {"reason": "x"}).status_code == 404


def test_the_unhide_view_needs_admin(consultation, employee, editor, admin_user, client_for):
    comment = post(employee, consultation)
    comments.comment_hide(user=admin_user, comment=comment, reason="Oops")
    assert client_for(editor).post(hide_url(comment, "comment_unhide")).status_code == 403
    assert client_for(admin_user).post(hide_url(comment, "comment_unhide")).status_code == 302
    comment.refresh_from_db()
    assert comment.hidden_at is None


def test_a_hidden_comment_leaves_the_counts(consultation, employee, admin_user):
    comment = post(employee, consultation)
    comments.comment_hide(user=admin_user, comment=comment, reason="Spam")
    consultation.refresh_from_db()
    assert comments.counts_for(consultation) == {}
