"""The voice check page, its one-click fixes and dismissals, and the editor's lint endpoint."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEntry
from guidelines.documents import services
from guidelines.documents.services import RuleInput, SectionInput
from guidelines.models import PhrasingDismissal, RevisionMeta, Rule

WEAKENED = "Try to avoid sharing passwords."
OFF_SITE = "Keep confidential information off public sites."


@pytest.fixture
def section(document, editor):
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
                    guideline_text=WEAKENED,
                ),
                RuleInput(id=None, modality="must_not", statement=OFF_SITE),
            ],
        ),
    )
    document.refresh_from_db()
    return section


def _url(name, document, query=""):
    return reverse(f"guidelines:{name}", args=[document.slug]) + query


def _rule(section, index=0):
    return Rule.objects.filter(section=section).order_by("position")[index]


def _dismiss_data(section, **changes):
    data = {
        "tone": "guideline",
        "rule": _rule(section).pk,
        "version": section.version,
        "code": "strength",
        "text": WEAKENED,
        "reason": "Legal is happy with it.",
    }
    data.update(changes)
    return data


# --- the check page ---------------------------------------------------------------------------


def test_it_lists_the_phrasings_that_break_the_contract(client_for, editor, section):
    response = client_for(editor).get(_url("tone_check", section.document, "?tone=guideline"))
    assert response.status_code == 200
    issues = response.context["issues"]
    assert [(i.first.text, [f.code for f in i.open], i.fix) for i in issues] == [
        (WEAKENED, ["strength"], "Don't share passwords."),
        (OFF_SITE, ["strength", "unrendered"], None),
    ]
    html = response.content.decode()
    assert (
        "This guideline phrasing reads as advice to avoid something but the rule is MUST NOT "
        "(Not allowed)." in html
    )
    assert "same strength: Not allowed" in html
    assert "Use suggestion" in html
    assert "<strong>Needs your phrasing.</strong>" in html
    assert "Submitting for review waits on 3 strength errors" in html
    assert response.context["other_count"] == 1


def test_it_shows_a_phrasing_without_a_fix_with_a_link_to_the_editor(client_for, editor, section):
    response = client_for(editor).get(_url("tone_check", section.document, "?tone=policy"))
    html = response.content.decode()
    assert [i.first.text for i in response.context["issues"]] == [OFF_SITE]
    assert "has no phrasing of “Keep confidential information off public sites.”" in html
    assert reverse("guidelines:section_edit", args=[section.document.slug, section.pk]) in html
    assert "Use suggestion" not in html


def test_it_says_so_when_every_phrasing_keeps_the_contract(client_for, editor, document):
    response = client_for(editor).get(_url("tone_check", document, "?tone=guideline"))
    assert response.context["issues"] == []
    assert response.context["blocking"] == 0
    html = response.content.decode()
    assert "Every phrasing keeps the contract in the guideline voice." in html
    assert "Submitting for review waits" not in html


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
                        guideline_text="Try not to leak.",
                    )
                ],
            ),
        )
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(response.context["issues"]) == 12
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
    assert "Now using: “Don&#x27;t share passwords.”" in response.content.decode()
    assert [i.first.text for i in response.context["issues"]] == [OFF_SITE]
    meta = RevisionMeta.objects.get(document=section.document, kind="lint_fix")
    assert meta.user == editor


def test_use_suggestion_on_a_stale_page_changes_nothing(client_for, editor, section):
    response = client_for(editor).post(
        _url("tone_fix", section.document),
        {"tone": "guideline", "rule": _rule(section).pk, "version": section.version - 1},
        follow=True,
    )
    assert "changed “Passwords” since you loaded" in response.content.decode()
    assert _rule(section).guideline_text == WEAKENED


def test_use_suggestion_without_a_fix_says_so(client_for, editor, section):
    version = section.document.version
    response = client_for(editor).post(
        _url("tone_fix", section.document),
        {"tone": "policy", "rule": _rule(section, 1).pk, "version": section.version},
        follow=True,
    )
    assert "has no one-click fix" in response.content.decode()
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
    assert _rule(section).guideline_text == WEAKENED


def test_use_suggestion_rejects_get(client_for, editor, section):
    assert client_for(editor).get(_url("tone_fix", section.document)).status_code == 405


# --- all fixes --------------------------------------------------------------------------------


def test_use_all_suggestions_fixes_them_in_one_revision(client_for, editor, section):
    services.section_add(
        user=editor,
        document=section.document,
        data=SectionInput(
            heading="Replies",
            rules=[
                RuleInput(
                    id=None,
                    modality="should",
                    statement="Reply within a day.",
                    guideline_text="Always reply within a day.",
                )
            ],
        ),
    )
    document = section.document
    document.refresh_from_db()
    response = client_for(editor).post(
        _url("tone_fix_all", document),
        {"tone": "guideline", "version": document.version},
        follow=True,
    )
    assert "Used the automatic guideline phrasing for 2 rules." in response.content.decode()
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
    assert _rule(section).guideline_text == WEAKENED


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
    assert _rule(section).guideline_text == WEAKENED


# --- dismissals -------------------------------------------------------------------------------


def test_an_author_dismisses_a_finding_with_a_reason(client_for, editor, section):
    response = client_for(editor).post(
        _url("tone_dismiss", section.document), _dismiss_data(section), follow=True
    )
    assert response.redirect_chain[-1][0] == _url("tone_check", section.document, "?tone=guideline")
    html = response.content.decode()
    assert "Dismissed. It stays dismissed while this phrasing stays word for word" in html
    assert [i.first.text for i in response.context["issues"]] == [OFF_SITE]
    assert [i.first.text for i in response.context["dismissed"]] == [WEAKENED]
    assert "Dismissed by Dana Whitfield" in html and "“Legal is happy with it.”" in html
    dismissal = PhrasingDismissal.objects.get()
    assert (dismissal.rule, dismissal.text, dismissal.dismissed_by) == (
        _rule(section),
        WEAKENED,
        editor,
    )
    assert AuditEntry.objects.filter(action="phrasing.dismiss", actor=editor).count() == 1
    assert RevisionMeta.objects.filter(document=section.document, kind="dismissal").count() == 1


def test_a_dismissal_without_a_reason_is_refused(client_for, editor, section):
    response = client_for(editor).post(
        _url("tone_dismiss", section.document), _dismiss_data(section, reason=" "), follow=True
    )
    assert "Say why this finding is wrong." in response.content.decode()
    assert not PhrasingDismissal.objects.exists()


def test_a_dismissal_on_a_phrasing_that_changed_is_refused(client_for, editor, section):
    response = client_for(editor).post(
        _url("tone_dismiss", section.document),
        _dismiss_data(section, text="Something else."),
        follow=True,
    )
    assert "phrasing changed since you loaded the page" in response.content.decode()
    assert not PhrasingDismissal.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [{"tone": "loud"}, {"code": "mood"}, {"rule": "x"}, {"version": ""}, {"text": ""}],
)
def test_a_dismissal_rejects_malformed_input(client_for, editor, section, changes):
    response = client_for(editor).post(
        _url("tone_dismiss", section.document), _dismiss_data(section, **changes)
    )
    assert response.status_code == 400
    assert not PhrasingDismissal.objects.exists()


def test_a_dismissal_is_for_editors_of_this_document(client_for, editor, reviewer, section):
    assert (
        client_for(reviewer)
        .post(_url("tone_dismiss", section.document), _dismiss_data(section))
        .status_code
        == 403
    )
    other = services.document_create(user=editor, subject="Video")
    assert (
        client_for(editor).post(_url("tone_dismiss", other), _dismiss_data(section)).status_code
        == 404
    )
    assert client_for(editor).get(_url("tone_dismiss", section.document)).status_code == 405
    assert not PhrasingDismissal.objects.exists()


# --- the editor's lint endpoint ---------------------------------------------------------------


def test_the_lint_endpoint_reports_each_rules_findings_as_a_save_would(
    client_for, editor, document
):
    response = client_for(editor).post(
        _url("tone_lint", document),
        {
            "statement": ["Don't share passwords.", "Add value.", OFF_SITE],
            "modality": ["must_not", "should", "must_not"],
            "policy_text": ["", "Try to add value.", ""],
            "guideline_text": [WEAKENED, "", "Never put confidential information online."],
        },
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["strength"] for r in results] == ["Not allowed", "Recommended", "Not allowed"]
    assert results[0] == {
        "strength": "Not allowed",
        "policy": [],
        "guideline": [
            {
                "code": "strength",
                "message": "This guideline phrasing reads as advice to avoid something but the "
                "rule is MUST NOT (Not allowed).",
                "fix": "Don't share passwords.",
            }
        ],
    }
    assert [(f["code"], f["fix"]) for f in results[1]["policy"]] == [
        ("encouragement", "You should add value.")
    ]
    assert results[1]["guideline"] == []
    assert [f["code"] for f in results[2]["policy"]] == ["strength", "unrendered"]
    assert results[2]["guideline"] == []  # the author's own phrasing answers the engine


def test_the_lint_endpoint_rejects_bad_input(client_for, editor, document):
    client = client_for(editor)
    rule = {"statement": ["a"], "modality": ["must"], "policy_text": [""], "guideline_text": [""]}
    assert (
        client.post(_url("tone_lint", document), {**rule, "modality": ["loud"]}).status_code == 400
    )
    assert client.post(_url("tone_lint", document), {**rule, "policy_text": []}).status_code == 400
    assert (
        client.post(_url("tone_lint", document), {**rule, "statement": ["a" * 100_001]}).status_code
        == 400
    )
    assert client.get(_url("tone_lint", document)).status_code == 405


def test_the_lint_endpoint_is_for_editors(client_for, reviewer, document):
    response = client_for(reviewer).post(
        _url("tone_lint", document),
        {"statement": ["a"], "modality": ["must"], "policy_text": [""], "guideline_text": [""]},
    )
    assert response.status_code == 403
