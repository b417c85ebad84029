"""Discussion views: every view, every role, wrong methods, bad ids, bad input."""

import json

import pytest
from django.urls import reverse

from guidelines.discussion import services as comments
from guidelines.models import Comment, Notification, Watch
from tests.guidelines.discussion.test_comments import (
    edit_section,
    first_section,
    open_for_consultation,
    post,
)


@pytest.fixture
def consultation(document, editor):
    return open_for_consultation(document, editor)


def discussion_url(document, section):
    return reverse("guidelines:section_comments", args=[document.slug, section.pk])


def create_url(document, section):
    return reverse("guidelines:comment_create", args=[document.slug, section.pk])


def action_url(name, comment):
    return reverse(f"guidelines:{name}", args=[comment.document.slug, comment.pk])


# --- the discussion page ----------------------------------------------------------------------


def test_it_shows_the_discussion_to_an_employee(consultation, employee, editor, client_for):
    thread = post(employee, consultation, body="Is **this** right?", quote="who you are")
    post(editor, consultation, thread.section, parent=thread, body="Yes, @jordan.")
    response = client_for(employee).get(discussion_url(consultation, thread.section))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>this</strong>" in html
    assert "Yes, @jordan." in html
    assert "who you are" in html
    assert f'id="comment-{thread.pk}"' in html


def test_it_hides_the_discussion_from_an_outsider(consultation, outsider, client_for):
    section = first_section(consultation)
    assert client_for(outsider).get(discussion_url(consultation, section)).status_code == 404


def test_it_hides_a_closed_draft_discussion_from_an_employee(document, employee, client_for):
    response = client_for(employee).get(discussion_url(document, first_section(document)))
    assert response.status_code == 404


def test_it_404s_for_a_section_of_another_document(consultation, editor, client_for):
    from guidelines.documents import services

    other = services.document_create(user=editor, subject="Other")
    from guidelines.documents.services import SectionInput

    section = services.section_add(
        user=editor, document=other, data=SectionInput(heading="Elsewhere")
    )
    response = client_for(editor).get(discussion_url(consultation, section))
    assert response.status_code == 404


def test_it_rejects_posting_to_the_discussion_page(consultation, employee, client_for):
    section = first_section(consultation)
    assert client_for(employee).post(discussion_url(consultation, section)).status_code == 405


def test_it_filters_open_resolved_and_mine(consultation, employee, editor, client_for):
    mine = post(employee, consultation, body="Mine and open")
    theirs = post(editor, consultation, body="Theirs and resolved")
    comments.comment_resolve(user=editor, comment=theirs)
    client = client_for(employee)
    url = discussion_url(consultation, mine.section)
    open_page = client.get(url + "?filter=open").content.decode()
    assert "Mine and open" in open_page and "Theirs and resolved" not in open_page
    resolved = client.get(url + "?filter=resolved").content.decode()
    assert "Theirs and resolved" in resolved and "Mine and open" not in resolved
    own = client.get(url + "?filter=mine").content.decode()
    assert "Mine and open" in own and "Theirs and resolved" not in own
    assert client.get(url + "?filter=bogus").status_code == 200


def test_it_shows_an_outdated_thread_with_the_passage_as_it_was(
    consultation, employee, editor, client_for
):
    thread = post(employee, consultation, quote="who you are")
    number = thread.revision.number
    edit_section(editor, thread.section, body="Say your name.")
    html = client_for(editor).get(discussion_url(consultation, thread.section)).content.decode()
    assert "Outdated" in html
    assert "The passage as it was" in html
    assert "who you are" in html
    compare = reverse("guidelines:compare", args=[consultation.slug])
    assert f"{compare}?from={number}&amp;to=draft" in html


def test_it_links_a_thread_resolved_by_an_edit_to_that_revision(
    consultation, employee, editor, client_for
):
    thread = post(employee, consultation, quote="who you are")
    edit_section(editor, thread.section, body="Say your name.")
    comments.comment_resolve(user=editor, comment=thread)
    thread.refresh_from_db()
    html = client_for(employee).get(discussion_url(consultation, thread.section)).content.decode()
    assert f"revision {thread.resolved_in.number}</a>" in html
    assert "Outdated" not in html  # a resolved thread no longer needs the warning


def test_the_discussion_page_uses_a_constant_number_of_queries(
    consultation, employee, editor, admin_user, client_for, django_assert_num_queries, settings
):
    settings.CANDOR_COMMENT_RATE_LIMIT = 10_000
    section = first_section(consultation)
    rule = section.rules.first()
    client = client_for(admin_user)
    url = discussion_url(consultation, section)

    def add(threads):
        for n in range(threads):
            thread = post(
                employee,
                consultation,
                section,
                body=f"Thread {n} @dana",
                quote="who you are" if n % 2 else "",
                rule=rule if n % 3 else None,
            )
            post(editor, consultation, section, parent=thread, body=f"Reply {n}")
            if n % 5 == 0:
                comments.comment_resolve(user=editor, comment=thread)
            if n % 7 == 0:
                comments.comment_hide(user=admin_user, comment=thread, reason="Test")

    add(3)
    client.get(url)  # warm the session
    with django_assert_num_queries(11) as small:
        assert client.get(url).status_code == 200
    add(247)  # 500 comments in all
    assert Comment.objects.filter(section=section).count() == 500
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('class="comment') >= 500


# --- posting ----------------------------------------------------------------------------------


def test_it_posts_a_comment_with_a_quote_and_redirects_to_it(consultation, employee, client_for):
    section = first_section(consultation)
    response = client_for(employee).post(
        create_url(consultation, section), {"body": "Why?", "quote": "who you are"}
    )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.quote == "who you are"
    assert comment.author == employee


def test_it_posts_a_comment_on_a_rule_and_a_reply(consultation, employee, editor, client_for):
    section = first_section(consultation)
    rule = section.rules.first()
    client_for(employee).post(
        create_url(consultation, section), {"body": "On the rule", "rule": rule.pk}
    )
    thread = Comment.objects.get()
    assert thread.rule == rule
    client_for(editor).post(
        create_url(consultation, section), {"body": "Reply", "parent": thread.pk}
    )
    assert thread.replies.get().author == editor


def test_it_rejects_an_empty_comment_with_nothing_saved(consultation, employee, client_for):
    section = first_section(consultation)
    response = client_for(employee).post(create_url(consultation, section), {"body": "  "})
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_it_rejects_a_rule_of_another_section(consultation, employee, client_for):
    sections = list(consultation.sections.order_by("position"))
    other_rule = sections[1].rules.first()
    response = client_for(employee).post(
        create_url(consultation, sections[0]), {"body": "Hi", "rule": other_rule.pk}
    )
    assert response.status_code == 400
    assert "not part of this section" in response.content.decode()
    assert not Comment.objects.exists()


def test_it_404s_a_reply_to_a_missing_comment(consultation, employee, client_for):
    section = first_section(consultation)
    response = client_for(employee).post(
        create_url(consultation, section), {"body": "Hi", "parent": 999999}
    )
    assert response.status_code == 404


def test_it_refuses_comments_from_an_outsider(consultation, outsider, client_for):
    section = first_section(consultation)
    response = client_for(outsider).post(create_url(consultation, section), {"body": "Hi"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_it_rejects_get_on_the_create_url(consultation, employee, client_for):
    section = first_section(consultation)
    assert client_for(employee).get(create_url(consultation, section)).status_code == 405


def test_it_answers_429_with_a_clear_message_when_rate_limited(
    consultation, employee, client_for, settings
):
    settings.CANDOR_COMMENT_RATE_LIMIT = 2
    section = first_section(consultation)
    client = client_for(employee)
    for n in range(2):
        client.post(create_url(consultation, section), {"body": f"n{n}"})
    response = client.post(create_url(consultation, section), {"body": "too fast"})
    assert response.status_code == 429
    assert "You&#x27;re commenting very fast — wait a minute and try again." in (
        response.content.decode()
    )
    assert "too fast" in response.content.decode()  # the text is kept for another try
    assert Comment.objects.count() == 2


# --- editing, deleting, resolving -------------------------------------------------------------


def test_it_lets_the_author_edit(consultation, employee, client_for):
    comment = post(employee, consultation, body="Frist")
    client = client_for(employee)
    assert client.get(action_url("comment_edit", comment)).status_code == 200
    response = client.post(action_url("comment_edit", comment), {"body": "First"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "First"


def test_it_refuses_edits_from_others(consultation, employee, editor, client_for):
    comment = post(employee, consultation, body="Mine")
    response = client_for(editor).post(action_url("comment_edit", comment), {"body": "Not"})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Mine"


def test_it_rejects_an_empty_edit(consultation, employee, client_for):
    comment = post(employee, consultation, body="Mine")
    response = client_for(employee).post(action_url("comment_edit", comment), {"body": ""})
    assert response.status_code == 400
    comment.refresh_from_db()
    assert comment.body == "Mine"


def test_it_404s_an_unknown_comment(consultation, employee, client_for):
    url = reverse("guidelines:comment_edit", args=[consultation.slug, 999999])
    assert client_for(employee).get(url).status_code == 404


def test_it_deletes_softly_and_shows_the_marker(consultation, employee, editor, client_for):
    thread = post(employee, consultation, body="Regrettable")
    post(editor, consultation, thread.section, parent=thread, body="A reply stays")
    client = client_for(employee)
    assert client.get(action_url("comment_delete", thread)).status_code == 405
    assert client_for(editor).post(action_url("comment_delete", thread)).status_code == 403
    client = client_for(employee)
    assert client.post(action_url("comment_delete", thread)).status_code == 302
    html = client.get(discussion_url(consultation, thread.section)).content.decode()
    assert "Deleted by its author." in html
    assert "Regrettable" not in html
    assert "A reply stays" in html


def test_it_lets_an_editor_resolve_and_reopen(consultation, employee, editor, client_for):
    thread = post(employee, consultation)
    client = client_for(editor)
    assert client.post(action_url("comment_resolve", thread)).status_code == 302
    thread.refresh_from_db()
    assert thread.status == "resolved"
    assert client.post(action_url("comment_reopen", thread)).status_code == 302
    thread.refresh_from_db()
    assert thread.status == "open"
    assert client.get(action_url("comment_resolve", thread)).status_code == 405


def test_it_refuses_resolution_by_another_employee(consultation, editor, employee, client_for):
    thread = post(editor, consultation)
    assert client_for(employee).post(action_url("comment_resolve", thread)).status_code == 403
    thread.refresh_from_db()
    assert thread.status == "open"


# --- watching, people -------------------------------------------------------------------------


def test_it_toggles_watching(consultation, employee, client_for):
    url = reverse("guidelines:watch", args=[consultation.slug])
    client = client_for(employee)
    assert client.post(url, {"watch": "on", "next": "/somewhere/"})["Location"] == "/somewhere/"
    assert Watch.objects.filter(user=employee, document=consultation).exists()
    response = client.post(url, {"watch": "off", "next": "https://evil.example/"})
    assert response["Location"] == consultation.get_absolute_url()
    assert not Watch.objects.filter(user=employee, document=consultation).exists()
    assert client.get(url).status_code == 405


def test_it_refuses_watching_for_an_outsider(consultation, outsider, client_for):
    url = reverse("guidelines:watch", args=[consultation.slug])
    assert client_for(outsider).post(url, {"watch": "on"}).status_code == 404


def test_it_suggests_people_as_json(editor, employee, client_for):
    response = client_for(employee).get(reverse("guidelines:people") + "?q=da")
    assert json.loads(response.content) == [{"username": "dana", "name": "Dana Whitfield"}]


def test_it_refuses_people_to_outsiders_and_posts(outsider, employee, client_for):
    assert client_for(outsider).get(reverse("guidelines:people") + "?q=a").status_code == 404
    assert client_for(employee).post(reverse("guidelines:people")).status_code == 405


# --- the document page ------------------------------------------------------------------------


def test_the_document_page_shows_counts_and_a_comment_form(
    consultation, employee, editor, client_for
):
    thread = post(employee, consultation)
    post(editor, consultation, thread.section, parent=thread)
    html = client_for(employee).get(consultation.get_draft_url()).content.decode()
    assert 'class="toc-count"' in html
    assert "2 comments" in html
    assert create_url(consultation, thread.section) in html
    assert "js/comments.js" in html
    assert "data-comment-rule" in html


def test_the_document_page_counts_comments_in_one_extra_query(
    consultation, employee, client_for, django_assert_max_num_queries, settings
):
    settings.CANDOR_COMMENT_RATE_LIMIT = 1000
    client = client_for(employee)
    client.get(consultation.get_draft_url())
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(consultation.get_draft_url())
    for section in consultation.sections.all():
        for _ in range(3):
            post(employee, consultation, section)
    with CaptureQueriesContext(connection) as after:
        client.get(consultation.get_draft_url())
    comment_queries = [q for q in after.captured_queries if "guidelines_comment" in q["sql"]]
    assert len(comment_queries) == 1
    assert len(after.captured_queries) == len(before.captured_queries)


# --- notifications ----------------------------------------------------------------------------


def test_it_lists_notifications_and_shows_the_unread_count(
    consultation, employee, editor, client_for
):
    post(employee, consultation, body="@dana please")
    html = client_for(editor).get(reverse("guidelines:notifications")).content.decode()
    assert "Jordan Lee mentioned you" in html
    assert 'class="count-badge"' in html


def test_it_opens_a_notification_and_marks_it_read(consultation, employee, editor, client_for):
    comment = post(employee, consultation, body="@dana please")
    note = Notification.objects.get(user=editor, kind="mention")
    url = reverse("guidelines:notification_read", args=[note.pk])
    response = client_for(editor).post(url, {"open": "1"})
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    note.refresh_from_db()
    assert note.read_at is not None


def test_it_404s_someone_elses_notification(consultation, employee, editor, client_for):
    post(employee, consultation, body="@dana please")
    note = Notification.objects.get(user=editor, kind="mention")
    url = reverse("guidelines:notification_read", args=[note.pk])
    assert client_for(employee).post(url).status_code == 404
    assert client_for(editor).get(url).status_code == 405


def test_it_marks_all_notifications_read(consultation, employee, editor, client_for):
    post(employee, consultation, body="@dana one")
    post(employee, consultation, body="@dana two")
    client = client_for(editor)
    assert client.post(reverse("guidelines:notifications_read_all")).status_code == 302
    assert not Notification.objects.filter(user=editor, read_at__isnull=True).exists()
    assert client.get(reverse("guidelines:notifications_read_all")).status_code == 405


def test_the_inbox_uses_a_constant_number_of_queries(
    consultation, employee, editor, client_for, django_assert_num_queries
):
    client = client_for(editor)
    post(employee, consultation, body="@dana one")
    client.get(reverse("guidelines:notifications"))
    with django_assert_num_queries(7) as few:
        client.get(reverse("guidelines:notifications"))
    for n in range(10):
        post(employee, consultation, body=f"@dana {n}")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("guidelines:notifications"))


# --- search and activity ----------------------------------------------------------------------


def test_the_search_page_shows_highlighted_results(document, editor, client_for):
    response = client_for(editor).get(reverse("guidelines:search") + "?q=anonymously")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>anonymously</mark>" in html
    assert "1 result" in html


def test_the_search_page_shows_an_outsider_nothing(document, outsider, client_for):
    html = client_for(outsider).get(reverse("guidelines:search") + "?q=anonymously").content
    assert b"<mark>" not in html
    assert b"Nothing matched" in html


def test_the_search_page_rejects_posts_and_handles_an_empty_query(editor, client_for):
    client = client_for(editor)
    assert client.post(reverse("guidelines:search")).status_code == 405
    assert client.get(reverse("guidelines:search")).status_code == 200


def test_the_activity_page_lists_edits_and_comments(consultation, employee, editor, client_for):
    post(employee, consultation, body="An activity comment")
    html = (
        client_for(editor)
        .get(reverse("guidelines:activity", args=[consultation.slug]))
        .content.decode()
    )
    assert "An activity comment" in html
    assert "edited" in html


def test_the_activity_page_is_hidden_from_outsiders(consultation, outsider, employee, client_for):
    url = reverse("guidelines:activity", args=[consultation.slug])
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(employee).post(url).status_code == 405
    missing = reverse("guidelines:activity", args=["no-such-document"])
    assert client_for(employee).get(missing).status_code == 404
