"""Comment services: posting against a revision, threads, edits, resolution, outdated marking."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEntry
from guidelines.discussion import services as comments
from guidelines.documents import services
from guidelines.documents.services import RuleInput, SectionInput
from guidelines.models import Comment, Rule, Section


def open_for_consultation(document, editor):
    document.refresh_from_db()
    services.document_update(
        user=editor,
        document=document,
        expected_version=document.version,
        subject=document.subject,
        slug=document.slug,
        summary=document.summary,
        default_tone=document.default_tone,
        title_policy="",
        title_guideline="",
        required_approvals=1,
        open_for_consultation=True,
    )
    document.refresh_from_db()
    return document


def first_section(document):
    return Section.objects.filter(document=document).order_by("position").first()


def edit_section(editor, section, *, body=None, statements=None):
    """Save the section with a new body and/or new rule statements (same rules, in order)."""
    section.refresh_from_db()
    rules = list(section.rules.filter(removed_at__isnull=True))
    statements = statements or [r.statement for r in rules]
    services.section_save(
        user=editor,
        section=section,
        expected_version=section.version,
        data=SectionInput(
            heading=section.heading,
            body=section.body if body is None else body,
            visibility=section.visibility,
            anchor=section.anchor,
            rules=[
                RuleInput(id=r.pk, modality=r.modality, statement=s)
                for r, s in zip(rules, statements, strict=False)
            ],
        ),
    )
    section.refresh_from_db()
    return section


def post(user, document, section=None, body="A question.", **kwargs):
    document.refresh_from_db()
    return comments.comment_post(
        user=user,
        document=document,
        section=section or first_section(document),
        body=body,
        **kwargs,
    )


@pytest.fixture
def consultation(document, editor):
    return open_for_consultation(document, editor)


def test_it_records_the_revision_and_text_a_comment_was_made_against(consultation, employee):
    section = first_section(consultation)
    comment = post(employee, consultation, section, body="Why **this**?", quote="who you are")
    assert comment.revision_id == consultation.latest_revision_id
    assert comment.section_version == section.version
    assert comment.target_text == section.body
    assert "<strong>this</strong>" in comment.body_html


def test_it_keeps_the_rule_statement_for_a_rule_comment(consultation, employee):
    section = first_section(consultation)
    rule = section.rules.first()
    comment = post(employee, consultation, section, rule=rule)
    assert comment.rule == rule
    assert comment.target_text == rule.statement


def test_it_renders_comment_markdown_through_the_safe_pipeline(consultation, employee):
    comment = post(employee, consultation, body="<script>alert(1)</script> [x](javascript:y)")
    assert "<script" not in comment.body_html
    assert "javascript:" not in comment.body_html


def test_it_lets_an_employee_comment_on_a_draft_open_for_consultation(consultation, employee):
    assert post(employee, consultation).pk


def test_it_refuses_an_employee_on_a_closed_draft(document, employee):
    with pytest.raises(PermissionDenied):
        post(employee, document)
    assert not Comment.objects.exists()


def test_it_refuses_an_outsider(consultation, outsider):
    with pytest.raises(PermissionDenied):
        post(outsider, consultation)


def test_it_rejects_an_empty_body_and_saves_nothing(consultation, employee):
    with pytest.raises(ValidationError):
        post(employee, consultation, body="   ")
    assert not Comment.objects.exists()


def test_it_rejects_a_rule_from_another_section(consultation, employee):
    sections = list(Section.objects.filter(document=consultation).order_by("position"))
    other_rule = sections[1].rules.first()
    with pytest.raises(ValidationError):
        post(employee, consultation, sections[0], rule=other_rule)


def test_it_keeps_threads_one_level_deep(consultation, employee, editor):
    thread = post(employee, consultation)
    reply = post(editor, consultation, thread.section, parent=thread)
    reply_to_reply = post(employee, consultation, thread.section, parent=reply)
    assert reply.parent == thread
    assert reply_to_reply.parent == thread


def test_it_lets_only_the_author_edit(consultation, employee, editor):
    comment = post(employee, consultation, body="First")
    comments.comment_edit(user=employee, comment=comment, body="Second *take*")
    comment.refresh_from_db()
    assert comment.body == "Second *take*"
    assert "<em>take</em>" in comment.body_html
    assert comment.edited_at is not None
    with pytest.raises(PermissionDenied):
        comments.comment_edit(user=editor, comment=comment, body="Hijacked")


def test_it_deletes_softly_keeping_replies_and_a_trace(consultation, employee, editor):
    thread = post(employee, consultation)
    post(editor, consultation, thread.section, parent=thread)
    comments.comment_delete(user=employee, comment=thread)
    thread.refresh_from_db()
    assert thread.deleted_at is not None
    assert thread.replies.count() == 1
    assert AuditEntry.objects.filter(action="comment.delete", target_id=str(thread.pk)).exists()


def test_it_lets_editors_and_the_author_resolve_but_not_other_employees(
    consultation, employee, editor, django_user_model
):
    from accounts.models import Role
    from accounts.services import user_create

    other = user_create(
        username="kim",
        password="pw-kim",
        roles=[Role.EMPLOYEE],
        email="kim@example.com",
        display_name="Kim",
        department="Ops",
    )
    thread = post(employee, consultation)
    with pytest.raises(PermissionDenied):
        comments.comment_resolve(user=other, comment=thread)
    comments.comment_resolve(user=employee, comment=thread)
    assert thread.status == Comment.Status.RESOLVED
    comments.comment_reopen(user=editor, comment=thread)
    thread.refresh_from_db()
    assert thread.status == Comment.Status.OPEN
    assert thread.resolved_by is None


def test_it_records_the_revision_that_resolved_a_thread_by_an_edit(consultation, employee, editor):
    thread = post(employee, consultation, quote="who you are")
    edit_section(editor, thread.section, body="Say your name when you talk about our work.")
    consultation.refresh_from_db()
    thread.refresh_from_db()
    comments.comment_resolve(user=editor, comment=thread)
    thread.refresh_from_db()
    assert thread.resolved_in_id == consultation.latest_revision_id


def test_it_records_no_revision_when_a_thread_is_resolved_without_an_edit(
    consultation, employee, editor
):
    thread = post(employee, consultation)
    comments.comment_resolve(user=editor, comment=thread)
    thread.refresh_from_db()
    assert thread.resolved_in is None


def _outdated(comment):
    section = Section.objects.get(pk=comment.section_id)
    rules = list(Rule.objects.filter(section=section, removed_at__isnull=True))
    return comments.is_outdated(comment, comments.CurrentText.of(section, rules))


def test_it_marks_a_quote_outdated_once_the_passage_is_gone(consultation, employee, editor):
    thread = post(employee, consultation, quote="who you are")
    assert not _outdated(thread)
    edit_section(editor, thread.section, body="Say your name when you talk about our work.")
    assert _outdated(thread)


def test_it_keeps_a_quote_current_when_other_text_changes(consultation, employee, editor):
    thread = post(employee, consultation, quote="who you are")
    edit_section(
        editor, thread.section, body="Say **who you are** whenever you talk about our work."
    )
    assert not _outdated(thread)


def test_it_finds_a_quote_taken_from_a_rule_or_the_rendered_text(consultation, employee):
    quoted_rule = post(employee, consultation, quote="Identify yourself when you post.")
    rendered = post(employee, consultation, quote="Say who  you are")
    assert not _outdated(quoted_rule)
    assert not _outdated(rendered)


def test_it_marks_a_rule_comment_outdated_when_the_statement_changes(
    consultation, employee, editor
):
    section = first_section(consultation)
    rule = section.rules.first()
    thread = post(employee, consultation, section, rule=rule)
    assert not _outdated(thread)
    edit_section(
        editor, section, statements=["Always identify yourself.", "Don't post anonymously."]
    )
    assert _outdated(thread)


def test_it_marks_a_section_comment_outdated_when_the_body_changes(consultation, employee, editor):
    thread = post(employee, consultation)
    edit_section(editor, thread.section, body="Something else entirely.")
    assert _outdated(thread)


def test_it_rate_limits_posting_with_nothing_saved(consultation, employee, settings):
    settings.CANDOR_COMMENT_RATE_LIMIT = 3
    for _ in range(3):
        post(employee, consultation)
    with pytest.raises(comments.RateLimited) as error:
        post(employee, consultation, body="One too many")
    assert "wait a minute" in str(error.value)
    assert Comment.objects.count() == 3


def test_it_counts_visible_comments_per_section_in_one_query(
    consultation, employee, editor, django_assert_num_queries
):
    thread = post(employee, consultation)
    post(editor, consultation, thread.section, parent=thread)
    gone = post(employee, consultation)
    comments.comment_delete(user=employee, comment=gone)
    consultation.refresh_from_db()
    with django_assert_num_queries(1):
        counts = comments.counts_for(consultation)
        comments.counts_for(consultation)
    assert counts == {thread.section_id: 2}


def test_it_lists_activity_newest_first(consultation, employee, editor):
    thread = post(employee, consultation, body="Earlier comment")
    comments.comment_resolve(user=editor, comment=thread)
    items, more = comments.activity_for(user=editor, document=consultation)
    kinds = [item.kind for item in items]
    assert kinds[:2] == ["resolved", "comment"]
    assert "edit" in kinds
    assert [i.at for i in items] == sorted((i.at for i in items), reverse=True)
    assert more is False


def test_it_hides_edits_from_activity_for_release_only_readers(
    document, editor, employee, admin_user
):
    from guidelines.review import workflow

    workflow.document_publish(user=admin_user, document=document)
    document.refresh_from_db()
    post(employee, document)
    items, _ = comments.activity_for(user=employee, document=document)
    assert [item.kind for item in items] == ["comment"]


def test_it_suggests_members_for_mentions_but_not_outsiders(editor, employee, outsider):
    assert comments.people_matching("da") == [{"username": "dana", "name": "Dana Whitfield"}]
    assert comments.people_matching("Lee") == [{"username": "jordan", "name": "Jordan Lee"}]
    assert comments.people_matching("olly") == []
    assert comments.people_matching("") == []
