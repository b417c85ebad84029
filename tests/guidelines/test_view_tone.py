"""The tone check page, its one-click fixes and the editor's lint endpoint."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guidelines.documents import services
from guidelines.documents.services import RuleInput, SectionInput
from guidelines.models import RevisionMeta, Rule

FIGHTING = "You must never post anonymously."


@pytest.fixture
def section(document, editor):
    section = services.section_add(
        user=editor,
        document=document,
        data=SectionInput(
            heading="Anonymity",
            rules=[
                RuleInput(
                    id=None,
                    modality="must_not",
                    statement="Don't post anonymously.",
                    guideline_text=FIGHTING,
                ),
                RuleInput(
                    id=None,
                    modality="must",
                    statement="You must be clear when you recommend something.",
                ),
            ],
        ),
    )
    document.refresh_from_db()
    return section


def _url(name, document, query=""):
    return reverse(f"guidelines:{name}", args=[document.slug]) + query


def _rule(section, index=0):
    return Rule.objects.filter(section=section).order_by("position")[index]


# --- the check page ---------------------------------------------------------------------------


def test_it_lists_the_rules_that_fight_the_tone(client_for, editor, section):
    response = client_for(editor).get(_url("tone_check", section.document, "?tone=guideline"))
    assert response.status_code == 200
    assert [i.text for i in response.context["issues"]] == [FIGHTING]
    html = response.content.decode()
    assert "You <mark>must</mark> <mark>never</mark> post anonymously." in html
    assert "Avoid posting anonymously." in html
    assert "Use suggestion" in html
    assert response.context["other_count"] == 1


def test_it_shows_a_rule_without_a_fix_with_a_link_to_the_editor(client_for, editor, section):
    response = client_for(editor).get(_url("tone_check", section.document, "?tone=policy"))
    html = response.content.decode()
    assert "has no better wording" in html
    assert reverse("guidelines:section_edit", args=[section.document.slug, section.pk]) in html
    assert "Use suggestion" not in html


def test_it_says_so_when_every_rule_reads_right(client_for, editor, document):
    response = client_for(editor).get(_url("tone_check", document, "?tone=guideline"))
    assert response.context["issues"] == []
    assert "Every rule reads as guideline." in response.content.decode()


def test_the_check_page_makes_the_same_queries_whatever_the_number_of_issues(
    client_for, editor, section
):
    client = client_for(editor)
    url = _url("tone_check", section.document, "?tone=guideline")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(10):
        services.section_add(
            user=editor,
            document=section.document,
            data=SectionInput(
                heading=f"More {n}",
                rules=[
                    RuleInput(
                        id=None,
                        modality="must_not",
                        statement="Don't leak.",
                        guideline_text=FIGHTING,
                    )
                ],
            ),
        )
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(response.context["issues"]) == 11
    assert len(large) == len(small) <= 10, [q["sql"] for q in large.captured_queries]


@pytest.mark.parametrize(
    "persona, status", [("employee", 404), ("reviewer", 403), ("outsider", 404)]
)
def test_the_check_page_is_for_editors(client_for, section, persona, status, request):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(_url("tone_check", section.document)).status_code == status


def test_the_check_page_rejects_post(client_for, editor, section):
    assert client_for(editor).post(_url("tone_check", section.document)).status_code == 405


def test_the_check_page_404s_for_an_unknown_document(client_for, editor):
    assert (
        client_for(editor).get(reverse("guidelines:tone_check", args=["nope"])).status_code == 404
    )


# --- one fix ----------------------------------------------------------------------------------


def test_use_suggestion_adopts_the_automatic_phrasing(client_for, editor, section):
    rule = _rule(section)
    response = client_for(editor).post(
        _url("tone_fix", section.document),
        {"tone": "guideline", "rule": rule.pk, "version": section.version},
        follow=True,
    )
    rule.refresh_from_db()
    assert rule.guideline_text == ""
    assert response.redirect_chain[-1][0] == _url("tone_check", section.document, "?tone=guideline")
    assert "Now using: “Avoid posting anonymously.”" in response.content.decode()
    assert response.context["issues"] == []
    meta = RevisionMeta.objects.get(document=section.document, kind="lint_fix")
    assert meta.user == editor


def test_use_suggestion_on_a_stale_page_changes_nothing(client_for, editor, section):
    response = client_for(editor).post(
        _url("tone_fix", section.document),
        {"tone": "guideline", "rule": _rule(section).pk, "version": section.version - 1},
        follow=True,
    )
    assert "changed “Anonymity” since you loaded" in response.content.decode()
    assert _rule(section).guideline_text == FIGHTING


def test_use_suggestion_without_a_fix_says_so(client_for, editor, section):
    version = section.document.version
    response = client_for(editor).post(
        _url("tone_fix", section.document),
        {"tone": "policy", "rule": _rule(section, 1).pk, "version": section.version},
        follow=True,
    )
    assert "no automatic fix" in response.content.decode()
    section.document.refresh_from_db()
    assert section.document.version == version


@pytest.mark.parametrize(
    "data",
    [
        {"tone": "friendly", "rule": "1", "version": "1"},
        {"tone": "guideline", "version": "1"},
        {"tone": "guideline", "rule": "x", "version": "1"},
        {"tone": "guideline", "rule": "1"},
    ],
)
def test_use_suggestion_rejects_bad_input(client_for, editor, section, data):
    version = section.document.version
    assert client_for(editor).post(_url("tone_fix", section.document), data).status_code == 400
    section.document.refresh_from_db()
    assert section.document.version == version


def test_use_suggestion_404s_for_a_rule_of_another_document(client_for, editor, section):
    other = services.document_create(user=editor, subject="Video")
    response = client_for(editor).post(
        _url("tone_fix", other),
        {"tone": "guideline", "rule": _rule(section).pk, "version": section.version},
    )
    assert response.status_code == 404


def test_use_suggestion_is_for_editors(client_for, reviewer, section):
    response = client_for(reviewer).post(
        _url("tone_fix", section.document),
        {"tone": "guideline", "rule": _rule(section).pk, "version": section.version},
    )
    assert response.status_code == 403
    assert _rule(section).guideline_text == FIGHTING


def test_use_suggestion_rejects_get(client_for, editor, section):
    assert client_for(editor).get(_url("tone_fix", section.document)).status_code == 405


# --- all fixes --------------------------------------------------------------------------------


def test_use_all_suggestions_fixes_them_in_one_revision(client_for, editor, section):
    document = section.document
    response = client_for(editor).post(
        _url("tone_fix_all", document),
        {"tone": "guideline", "version": document.version},
        follow=True,
    )
    assert "Adopted the automatic guideline phrasing for" in response.content.decode()
    assert _rule(section).guideline_text == ""
    assert RevisionMeta.objects.filter(document=document, kind="lint_fix").count() == 1


def test_use_all_suggestions_refuses_a_document_that_moved_on(client_for, editor, section):
    document = section.document
    response = client_for(editor).post(
        _url("tone_fix_all", document),
        {"tone": "guideline", "version": document.version - 1},
        follow=True,
    )
    assert "changed since you loaded" in response.content.decode()
    assert _rule(section).guideline_text == FIGHTING


def test_use_all_suggestions_rejects_bad_input_and_other_roles(
    client_for, editor, reviewer, section
):
    document = section.document
    assert (
        client_for(editor)
        .post(_url("tone_fix_all", document), {"tone": "x", "version": "1"})
        .status_code
        == 400
    )
    assert client_for(editor).get(_url("tone_fix_all", document)).status_code == 405
    assert (
        client_for(reviewer)
        .post(_url("tone_fix_all", document), {"tone": "guideline", "version": document.version})
        .status_code
        == 403
    )
    assert _rule(section).guideline_text == FIGHTING


# --- the editor's lint endpoint ---------------------------------------------------------------


def test_the_lint_endpoint_reports_the_wording_per_phrasing(client_for, editor, document):
    response = client_for(editor).post(
        _url("tone_lint", document),
        {
            "text": [FIGHTING, "Try to add value.", "Avoid posting anonymously."],
            "tone": ["guideline", "policy", "guideline"],
        },
    )
    assert response.status_code == 200
    assert response.json() == {"results": [["must", "never"], ["try to"], []]}


def test_the_lint_endpoint_rejects_bad_input(client_for, editor, document):
    client = client_for(editor)
    assert (
        client.post(_url("tone_lint", document), {"text": ["a"], "tone": ["loud"]}).status_code
        == 400
    )
    assert (
        client.post(
            _url("tone_lint", document), {"text": ["a", "b"], "tone": ["policy"]}
        ).status_code
        == 400
    )
    assert client.get(_url("tone_lint", document)).status_code == 405


def test_the_lint_endpoint_is_for_editors(client_for, reviewer, document):
    response = client_for(reviewer).post(
        _url("tone_lint", document), {"text": ["a"], "tone": ["policy"]}
    )
    assert response.status_code == 403
