"""The reader's state on document pages: watching, profile and unread count in one query."""

import pytest
from django.test import RequestFactory

from accounts.models import Profile
from guidelines.discussion import services as comments
from guidelines.documents.context import reader_state
from guidelines.notifications import services as notifications
from tests.guidelines.discussion.test_comments import open_for_consultation, post


@pytest.fixture
def consultation(document, editor):
    return open_for_consultation(document, editor)


def request_for(user):
    request = RequestFactory().get("/")
    request.user = type(user).objects.get(pk=user.pk)  # nothing cached on it yet
    return request


def test_it_tells_watching_and_counts_unread_in_one_query(
    consultation, employee, editor, django_assert_num_queries
):
    post(employee, consultation, body="@dana have a look")
    post(employee, consultation, body="@dana and here")
    comments.watch_set(user=employee, document=consultation, watching=True)
    for user, watching, unread in ((editor, True, 2), (employee, True, 0)):
        request = request_for(user)
        with django_assert_num_queries(1):
            assert reader_state(request, consultation) is watching
            assert request.user.profile.display_name == user.profile.display_name
            assert reader_state(request, consultation) is watching  # memoised
        assert notifications.context(request)["unread_notifications"] == unread
        assert unread == notifications.unread_count(user)


def test_it_tells_a_reader_who_does_not_watch(consultation, employee):
    request = request_for(employee)
    assert reader_state(request, consultation) is False
    assert notifications.context(request)["unread_notifications"] == 0


def test_it_keeps_a_profile_already_loaded(consultation, employee):
    request = request_for(employee)
    loaded = request.user.profile
    reader_state(request, consultation)
    assert request.user.profile is loaded


def test_it_asks_separately_for_an_account_without_a_profile(consultation, employee):
    comments.watch_set(user=employee, document=consultation, watching=True)
    Profile.objects.filter(user=employee).delete()
    request = request_for(employee)
    assert reader_state(request, consultation) is True
    # The count is left to the context processor, which counts on demand.
    assert int(str(notifications.context(request)["unread_notifications"])) == 0
