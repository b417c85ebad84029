"""guidelines.documents.revisions: the write core every content change goes through."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guidelines.documents import services
from guidelines.documents.services import RuleInput, SectionInput
from guidelines.models import Review, RevisionMeta, Rule, Section
from guidelines.review import states


def _section_with_rules(editor, document, count: int) -> Section:
    rules = [
        RuleInput(id=None, modality="should", statement=f"Reply within {n} days.")
        for n in range(count)
    ]
    return services.section_add(
        user=editor, document=document, data=SectionInput(heading=f"Replies {count}", rules=rules)
    )


def _save_one_changed_rule(editor, section: Section) -> int:
    section.refresh_from_db()
    rules = [
        RuleInput(id=r.pk, modality=r.modality, statement=r.statement)
        for r in section.rules.filter(removed_at__isnull=True)
    ]
    rules[0] = RuleInput(id=rules[0].id, modality="must", statement="Reply within a day.")
    data = SectionInput(heading=section.heading, body="Changed.", rules=rules)
    with CaptureQueriesContext(connection) as queries:
        services.section_save(
            user=editor, section=section, expected_version=section.version, data=data
        )
    return len(queries)


def test_saving_a_section_costs_the_same_queries_with_5_and_with_50_rules(editor, document):
    small = _section_with_rules(editor, document, 5)
    large = _section_with_rules(editor, document, 50)
    _save_one_changed_rule(editor, small)  # first saves warm per-process caches
    _save_one_changed_rule(editor, large)
    assert _save_one_changed_rule(editor, small) == _save_one_changed_rule(editor, large)


def test_only_the_changed_rule_is_written(editor, document):
    section = _section_with_rules(editor, document, 5)
    before = dict(Rule.objects.filter(section=section).values_list("pk", "updated_at"))
    _save_one_changed_rule(editor, section)
    after = dict(Rule.objects.filter(section=section).values_list("pk", "updated_at"))
    assert sum(before[pk] != after[pk] for pk in before) == 1


def test_a_content_write_checks_its_own_permission(employee, document):
    section = Section.objects.filter(document=document).first()
    with pytest.raises(PermissionDenied):
        services.section_save(
            user=employee,
            section=section,
            expected_version=section.version,
            data=SectionInput(heading="Taken over"),
        )
    section.refresh_from_db()
    assert section.heading != "Taken over"
    assert not RevisionMeta.objects.filter(summary__contains="Taken over").exists()


def test_a_command_without_a_user_cannot_write_either(document):
    with pytest.raises(PermissionDenied):
        services.section_add(user=None, document=document, data=SectionInput(heading="Anonymous"))


@pytest.mark.parametrize(
    ("status", "after"),
    [
        ("draft", "draft"),
        ("in_review", "in_review"),
        ("approved", "in_review"),
        ("published", "draft"),
    ],
)
def test_the_state_machine_says_where_an_edit_takes_a_document(status, after):
    assert states.next_status(status, states.Event.DRAFT_CHANGED) == after


def test_an_event_that_cannot_happen_has_no_next_status():
    assert states.next_status("draft", states.Event.APPROVED_ENOUGH) is None
    assert states.next_status("published", states.Event.SUBMIT) is None


def test_an_edit_withdraws_standing_approvals(editor, reviewer, document):
    from guidelines.review import workflow

    workflow.document_submit(user=editor, document=document)
    workflow.review_approve(user=reviewer, document=document)
    assert Review.objects.filter(document=document, withdrawn_at__isnull=True).exists()
    _section_with_rules(editor, document, 1)
    assert not Review.objects.filter(document=document, withdrawn_at__isnull=True).exists()


def test_a_save_stores_each_rules_contract_findings(editor, document):
    section = services.section_add(
        user=editor,
        document=document,
        data=SectionInput(
            heading="Passwords",
            rules=[
                RuleInput(
                    id=None,
                    modality="must_not",
                    statement="Don't share passwords.",
                    guideline_text="Try to avoid sharing passwords.",
                )
            ],
        ),
    )
    rule = section.rules.get()
    assert (rule.auto_policy, rule.auto_guideline) == (
        "Do not share passwords.",
        "Don't share passwords.",
    )
    assert [(f["tone"], f["code"], f["fix"]) for f in rule.findings] == [
        ("guideline", "strength", "Don't share passwords.")
    ]
    section.refresh_from_db()
    # A new hand-written phrasing alone is checked again at save time.
    services.section_save(
        user=editor,
        section=section,
        expected_version=section.version,
        data=SectionInput(
            heading="Passwords",
            rules=[
                RuleInput(
                    id=rule.pk,
                    modality="must_not",
                    statement="Don't share passwords.",
                    guideline_text="Never share passwords.",
                )
            ],
        ),
    )
    rule.refresh_from_db()
    assert rule.findings == []


def test_saving_calls_the_tone_engine_only_for_rules_that_change(editor, document, monkeypatch):
    from textkit import tone as tone_engine

    section = _section_with_rules(editor, document, 5)
    calls = []
    real = tone_engine.render
    monkeypatch.setattr(tone_engine, "render", lambda *a: calls.append(a) or real(*a))
    _save_one_changed_rule(editor, section)
    assert {call[0] for call in calls} == {"Reply within a day."}
