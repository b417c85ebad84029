"""The audit log: who may read it, filters, pagination; nothing edits it from the app."""

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from audit.services import audit_record
from guidelines.review import workflow
from tests.guidelines.workflow_fixtures import publish

AUDIT = reverse("guidelines:audit")


@pytest.fixture
def history(document, editor, reviewer):
    workflow.document_submit(user=editor, document=document)
    workflow.review_request_changes(user=reviewer, document=document, reasons="Be clearer.")
    publish(document, editor, reviewer)
    return document


def test_every_workflow_action_is_recorded_with_actor_target_and_details(history, editor, reviewer):
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "actor__username"))
    assert actions == [
        ("document.submit", "dana"),
        ("review.request_changes", "priya"),
        ("document.submit", "dana"),
        ("review.approve", "priya"),
        ("document.publish", "dana"),
    ]
    changes = AuditEntry.objects.get(action="review.request_changes")
    assert changes.details["reasons"] == "Be clearer."
    assert changes.document == history and changes.target_label == "Social Computing"
    published = AuditEntry.objects.get(action="document.publish")
    assert published.target_type == "release" and published.details["version"] == "1.0"


@pytest.mark.parametrize("persona", ["admin_user", "reviewer"])
def test_admins_and_reviewers_read_the_log(client_for, persona, request, history):
    response = client_for(request.getfixturevalue(persona)).get(AUDIT)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Requested changes" in html and "Be clearer." in html and "Published" in html


@pytest.mark.parametrize("persona", ["editor", "employee", "outsider"])
def test_others_cannot_read_the_log(client_for, persona, request):
    assert client_for(request.getfixturevalue(persona)).get(AUDIT).status_code == 403


def test_the_log_is_read_only(client_for, admin_user):
    assert client_for(admin_user).post(AUDIT).status_code == 405


def test_it_filters_by_action_actor_document_and_date(client_for, admin_user, history):
    client = client_for(admin_user)

    def rows(**params):
        page = client.get(AUDIT, params).context["page"]
        return [e.action for e in page]

    assert rows(action="review.approve") == ["review.approve"]
    assert set(rows(actor="priya")) == {"review.approve", "review.request_changes"}
    assert len(rows(document=history.slug)) == 5
    today = datetime.date.today()  # noqa: DTZ011 - the test database runs in UTC
    assert len(rows(since=today.isoformat(), until=today.isoformat())) == 5
    assert rows(until=(today - datetime.timedelta(days=1)).isoformat()) == []
    assert rows(document="no-such-document") == rows()  # an invalid filter shows everything


def test_it_paginates_with_a_constant_number_of_queries(
    client_for, admin_user, document, django_assert_max_num_queries
):
    for n in range(60):
        audit_record(
            actor=admin_user,
            action="roles.change",
            target=admin_user,
            document=document,
            details={"n": n},
        )
    client = client_for(admin_user)
    with django_assert_max_num_queries(9):
        first = client.get(AUDIT)
    assert len(first.context["page"].object_list) == 50
    second = client.get(AUDIT, {"page": 2})
    assert len(second.context["page"].object_list) == 10
    assert "Newer" in second.content.decode()
