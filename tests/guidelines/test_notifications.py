"""Notifications for each trigger, and the emails that follow them."""

import io

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from accounts.models import Profile
from guidelines.discussion import services as comments
from guidelines.models import Notification, Watch
from guidelines.notifications import services as notifications
from tests.guidelines.test_comments import (
    edit_section,
    first_section,
    open_for_consultation,
    post,
)

Kind = Notification.Kind


@pytest.fixture
def consultation(document, editor):
    return open_for_consultation(document, editor)


def kinds_for(user):
    return list(Notification.objects.filter(user=user).values_list("kind", flat=True))


def test_it_parses_mentions_without_emails_or_trailing_punctuation():
    body = "Thanks @dana. Ask @sam-o, not me@example.com or @@x; @dana again"
    assert notifications.mentioned_usernames(body) == ["dana", "sam-o"]


def test_it_notifies_a_mentioned_member(consultation, employee, reviewer):
    post(employee, consultation, body="What does @priya think?")
    assert kinds_for(reviewer) == [Kind.MENTION]
    note = Notification.objects.get(user=reviewer)
    assert note.actor == employee
    assert "#comment-" in note.url


def test_it_does_not_notify_a_mentioned_person_who_cannot_see_the_document(
    document, editor, employee, outsider
):
    comments.comment_post(
        user=editor, document=document, section=first_section(document), body="cc @olly and @jordan"
    )
    assert kinds_for(outsider) == []
    assert kinds_for(employee) == []  # the draft is not open to employees


def test_it_notifies_everyone_in_the_thread_of_a_reply(consultation, employee, editor, reviewer):
    thread = post(employee, consultation)
    post(reviewer, consultation, thread.section, parent=thread)
    post(editor, consultation, thread.section, parent=thread, body="Noted.")
    assert kinds_for(employee) == [Kind.REPLY, Kind.REPLY]
    assert Kind.REPLY in kinds_for(reviewer)


def test_it_notifies_watchers_of_a_new_comment_but_not_the_author(consultation, employee, editor):
    Watch.objects.create(user=employee, document=consultation)
    post(employee, consultation)
    assert kinds_for(editor) == [Kind.COMMENT]
    assert kinds_for(employee) == []


def test_it_sends_one_notification_per_person_preferring_the_mention(
    consultation, employee, editor
):
    post(employee, consultation, body="@dana, over to you")
    assert kinds_for(editor) == [Kind.MENTION]


def test_editors_watch_a_document_they_edit(document, editor):
    assert Watch.objects.filter(user=editor, document=document).exists()


def test_it_notifies_watchers_of_a_change_but_not_the_editor(
    consultation, editor, editor2, employee
):
    Watch.objects.create(user=editor2, document=consultation)
    Watch.objects.create(user=employee, document=consultation)
    Notification.objects.all().delete()
    edit_section(editor, first_section(consultation), body="New words.")
    assert kinds_for(editor2) == [Kind.CHANGE]
    assert kinds_for(employee) == [Kind.CHANGE]  # the draft is open to them
    assert kinds_for(editor) == []


def test_it_does_not_tell_release_only_readers_about_draft_changes(document, editor, employee):
    Watch.objects.create(user=employee, document=document)
    edit_section(editor, first_section(document), body="New words.")
    assert kinds_for(employee) == []


def test_it_emails_immediately_after_commit(
    consultation, employee, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(employee, consultation, body="@priya please look")
    by_address = {m.to[0]: m.subject for m in mailoutbox}
    assert len(mailoutbox) == 2
    assert "mentioned you" in by_address["priya@example.com"]
    assert "commented on" in by_address["dana@example.com"]  # she watches what she edits
    assert Notification.objects.get(user=reviewer).emailed_at is not None


def test_it_sends_no_email_to_people_who_chose_none_or_daily(
    consultation, employee, reviewer, editor, mailoutbox, django_capture_on_commit_callbacks
):
    Profile.objects.filter(user=reviewer).update(email_notifications="none")
    Profile.objects.filter(user=editor).update(email_notifications="daily")
    with django_capture_on_commit_callbacks(execute=True):
        post(employee, consultation, body="@priya and @dana please look")
    assert mailoutbox == []
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 0


def test_it_sends_one_daily_digest_per_reader_and_marks_them(
    consultation, employee, editor, reviewer, mailoutbox
):
    Profile.objects.filter(user=editor).update(email_notifications="daily")
    post(employee, consultation, body="@dana first")
    post(employee, consultation, body="@dana second")
    call_command("send_digests", stdout=io.StringIO())
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["dana@example.com"]
    assert "2 notifications" in mailoutbox[0].subject
    assert not Notification.objects.filter(user=editor, emailed_at__isnull=True).exists()
    mailoutbox.clear()
    call_command("send_digests", stdout=io.StringIO())
    assert mailoutbox == []


def test_it_counts_unread_notifications_lazily_for_templates(
    consultation, employee, editor, django_assert_num_queries
):
    post(employee, consultation, body="@dana hello")
    request = RequestFactory().get("/")
    request.user = editor
    with django_assert_num_queries(0):
        context = notifications.context(request)
    with django_assert_num_queries(1):
        assert int(str(context["unread_notifications"])) == 1


def test_it_marks_one_and_all_read(consultation, employee, editor):
    post(employee, consultation, body="@dana one")
    post(employee, consultation, body="@dana two")
    first = Notification.objects.filter(user=editor).first()
    notifications.mark_read(user=editor, notification=first)
    assert notifications.unread_count(editor) == 1
    with pytest.raises(PermissionError):
        notifications.mark_read(user=employee, notification=first)
    assert notifications.mark_all_read(user=editor) == 1
    assert notifications.unread_count(editor) == 0


def test_it_notifies_only_people_newly_mentioned_by_an_edit(
    consultation, employee, editor, reviewer
):
    comment = post(employee, consultation, body="@dana look")
    comments.comment_edit(user=employee, comment=comment, body="@dana and @priya look")
    assert kinds_for(editor) == [Kind.MENTION]
    assert kinds_for(reviewer) == [Kind.MENTION]


def test_demo_loads_threads_watchers_and_a_few_unread(db):
    from guidelines.demo.loader import ensure_users, load_document
    from guidelines.models import Comment

    ensure_users()
    document = load_document()
    assert Comment.objects.filter(document=document, parent__isnull=True).count() == 5
    assert (
        Comment.objects.filter(document=document, quote="").exclude(parent__isnull=False).count()
        == 1
    )
    assert Watch.objects.filter(document=document, user__username="editor2").exists()
    unread = Notification.objects.filter(read_at__isnull=True)
    assert unread.exists()
    for user_id in unread.values_list("user_id", flat=True):
        assert unread.filter(user_id=user_id).count() <= 2
