"""Notifications for each trigger, and the emails that follow them."""

import io

import pytest
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.urls import reverse

from accounts.models import Profile
from guidelines.discussion import services as comments
from guidelines.documents import services as documents
from guidelines.documents.services import SectionInput
from guidelines.models import Notification, Watch
from guidelines.notifications import services as notifications
from tests.guidelines.discussion.test_comments import (
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


HOSTILE_HEADING = 'Tags <b>& "quotes"</b>'


def hostile_section(document, editor):
    return documents.section_add(
        user=editor, document=document, data=SectionInput(heading=HOSTILE_HEADING, body="Text.")
    )


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


@override_settings(CANDOR_BASE_URL="https://candor.example.com/")
def test_it_emails_plain_text_with_an_escaped_html_alternative(
    consultation, employee, editor, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    section = hostile_section(consultation, editor)
    with django_capture_on_commit_callbacks(execute=True):
        comment = post(employee, consultation, section, body="@priya please look")
    [message] = [m for m in mailoutbox if m.to == ["priya@example.com"]]
    text = f"Jordan Lee mentioned you on “{HOSTILE_HEADING}”"
    link = f"https://candor.example.com{notifications.comment_url(comment)}"
    assert message.subject == f"[Candor] {text}"
    assert message.body == (
        f"{text}\n\n{link}\n\nYou can change how Candor emails you on your profile page.\n"
    )
    html = html_of(message)
    assert HOSTILE_HEADING not in html
    assert "<b>" not in html
    assert "Tags &lt;b&gt;&amp; &quot;quotes&quot;&lt;/b&gt;" in html
    assert f'<a href="{link}">' in html
    assert f'<a href="https://candor.example.com{reverse("profile")}">' in html


def test_it_puts_a_long_or_multi_line_text_on_one_subject_line(
    consultation, employee, editor, mailoutbox
):
    Notification.objects.all().delete()
    note = notifications.notify(
        recipients=[editor],
        kind=Kind.CHANGE,
        actor=employee,
        document=consultation,
        text="First line\nsecond line " + "x" * 300,
        url="/somewhere/",
    )
    notifications.deliver_immediate([n.pk for n in note])
    [message] = mailoutbox
    assert message.subject.startswith("[Candor] First line second line xxx")
    assert len(message.subject) == 200
    assert "\n" not in message.subject


def test_it_lists_every_notification_in_the_digest_as_text_and_escaped_html(
    consultation, employee, editor, mailoutbox
):
    Profile.objects.filter(user=editor).update(email_notifications="daily")
    section = hostile_section(consultation, editor)
    first = post(employee, consultation, body="@dana first")
    second = post(employee, consultation, section, body="@dana second")
    notifications.send_digests()
    [message] = mailoutbox
    texts = [
        "Jordan Lee mentioned you on “Be yourself”",
        f"Jordan Lee mentioned you on “{HOSTILE_HEADING}”",
    ]
    assert message.subject == "[Candor] 2 notifications today"
    assert message.body == (
        "Here is what happened in Candor since your last digest:\n\n"
        f"- {texts[0]}\n  {notifications.comment_url(first)}\n"
        f"- {texts[1]}\n  {notifications.comment_url(second)}\n"
        "\nYou can change how Candor emails you on your profile page.\n"
    )
    html = html_of(message)
    assert html.count("<li>") == 2
    assert "<b>" not in html
    link = notifications.comment_url(second)
    assert f'<li><a href="{link}">Jordan Lee mentioned you on “Tags &lt;b&gt;&amp;' in html


def test_a_digest_of_one_says_notification_in_the_singular(
    consultation, employee, editor, mailoutbox
):
    Profile.objects.filter(user=editor).update(email_notifications="daily")
    post(employee, consultation, body="@dana only")
    notifications.send_digests()
    assert [m.subject for m in mailoutbox] == ["[Candor] 1 notification today"]


def test_a_mail_outage_keeps_the_notification_unemailed(
    consultation, employee, reviewer, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(notifications, "send_mail", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        post(employee, consultation, body="@priya please look")
    assert Notification.objects.get(user=reviewer).emailed_at is None


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
