"""The section editor: heading, body and an inline list of rules, saved as one revision."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Revision

from guidelines.documents import services
from guidelines.documents.services import RuleInput, SectionInput
from guidelines.models import Rule, Section
from guidelines.models.documents import MAX_TEXT


@pytest.fixture
def section(document):
    return Section.objects.filter(document=document).order_by("position").first()


def _url(document, section_id) -> str:
    return reverse("guidelines:section_edit", args=[document.slug, section_id])


def _post_data(section, rules=None, **changes) -> dict:
    """What the editor form posts for a section, with its live rules unless told otherwise."""
    if rules is None:
        rules = [
            {"id": r.pk, "modality": r.modality, "statement": r.statement}
            for r in section.rules.filter(removed_at__isnull=True).order_by("position")
        ]
    data = {
        "expected_version": section.version,
        "heading": section.heading,
        "anchor": section.anchor,
        "body": section.body,
        "visibility": section.visibility,
        "summary": "",
        "rules-TOTAL_FORMS": len(rules),
        "rules-INITIAL_FORMS": sum(1 for r in rules if r.get("id")),
        "rules-MIN_NUM_FORMS": 0,
        "rules-MAX_NUM_FORMS": 1000,
    }
    for index, rule in enumerate(rules):
        fields = {
            "id": "",
            "modality": "must",
            "statement": "",
            "policy_text": "",
            "guideline_text": "",
            "explanation": "",
            "visibility": "both",
            "ORDER": index + 1,
        }
        fields.update(rule)
        for name, value in fields.items():
            data[f"rules-{index}-{name}"] = "" if value is None else value
    data.update(changes)
    return data


def _state(section):
    """What a refused save must leave alone."""
    section.refresh_from_db()
    return (
        section.heading,
        section.body,
        section.version,
        Revision.objects.count(),
        list(
            Rule.objects.filter(section=section).values_list(
                "pk", "modality", "statement", "position", "removed_at"
            )
        ),
    )


# --- happy paths ---------------------------------------------------------------------------


def test_it_shows_the_editor_with_the_sections_rules(client_for, editor, document, section):
    response = client_for(editor).get(_url(document, section.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Be yourself"' in html
    assert "Identify yourself when you post." in html
    assert html.count("data-rule-form") >= 3  # two rules and the template for a new one
    assert reverse("guidelines:preview", args=[document.slug]) in html
    assert 'name="summary"' in html


def test_it_saves_heading_body_and_rules_as_one_revision(client_for, editor, document, section):
    revisions = Revision.objects.count()
    identify, anonymous = section.rules.order_by("position")
    data = _post_data(
        section,
        heading="Be who you are",
        body="New *body*.",
        summary="Reworded",
        rules=[
            {"id": anonymous.pk, "modality": "should_not", "statement": "Avoid anonymity."},
            {
                "id": identify.pk,
                "modality": "must",
                "statement": "Identify yourself.",
                "DELETE": "on",
            },
            {
                "modality": "should",
                "statement": "Add value.",
                "guideline_text": "Add something worth reading.",
            },
        ],
    )
    response = client_for(editor).post(_url(document, section.pk), data)
    assert response.status_code == 302
    assert response["Location"] == document.get_draft_url() + f"#{section.anchor}"
    section.refresh_from_db()
    assert (section.heading, section.body) == ("Be who you are", "New *body*.")
    assert "<em>body</em>" in section.body_html
    live = list(section.rules.filter(removed_at__isnull=True).order_by("position"))
    assert [(r.modality, r.statement) for r in live] == [
        ("should_not", "Avoid anonymity."),
        ("should", "Add value."),
    ]
    assert live[1].guideline_text == "Add something worth reading."
    assert Revision.objects.count() == revisions + 1
    document.refresh_from_db()
    assert document.latest_revision.summary == "Reworded"
    assert document.latest_revision.user == editor


def test_it_saves_rules_in_the_order_the_form_gives(client_for, editor, document, section):
    identify, anonymous = section.rules.order_by("position")
    data = _post_data(
        section,
        rules=[
            {"id": identify.pk, "modality": "must", "statement": identify.statement, "ORDER": 2},
            {
                "id": anonymous.pk,
                "modality": "must_not",
                "statement": anonymous.statement,
                "ORDER": 1,
            },
        ],
    )
    assert client_for(editor).post(_url(document, section.pk), data).status_code == 302
    assert list(section.rules.order_by("position").values_list("pk", flat=True)) == [
        anonymous.pk,
        identify.pk,
    ]


def test_an_admin_may_edit_too(client_for, admin_user, document, section):
    data = _post_data(section, body="Admin words.")
    assert client_for(admin_user).post(_url(document, section.pk), data).status_code == 302


# --- wrong role, method, id ------------------------------------------------------------------


@pytest.mark.parametrize("who,status", [("reviewer", 403), ("employee", 404), ("outsider", 404)])
def test_it_refuses_people_who_may_not_edit(request, client_for, document, section, who, status):
    client = client_for(request.getfixturevalue(who))
    before = _state(section)
    assert client.get(_url(document, section.pk)).status_code == status
    response = client.post(_url(document, section.pk), _post_data(section, body="Hacked"))
    assert response.status_code == status
    assert _state(section) == before


def test_an_employee_is_forbidden_once_the_document_is_consulted_on(
    client_for, employee, document, section
):
    document.open_for_consultation = True
    document.save(update_fields=["open_for_consultation"])
    assert client_for(employee).get(_url(document, section.pk)).status_code == 403


def test_it_sends_anonymous_visitors_to_sign_in(client, document, section):
    response = client.get(_url(document, section.pk))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_rejects_other_methods(client_for, editor, document, section, method):
    assert getattr(client_for(editor), method)(_url(document, section.pk)).status_code == 405


def test_it_answers_404_for_an_unknown_section(client_for, editor, document):
    assert client_for(editor).get(_url(document, 999999)).status_code == 404


def test_it_answers_404_for_a_section_of_another_document(client_for, editor, document):
    other = services.document_create(user=editor, subject="Other")
    foreign = services.section_add(
        user=editor, document=other, data=SectionInput(heading="Elsewhere")
    )
    assert client_for(editor).get(_url(document, foreign.pk)).status_code == 404


def test_it_answers_404_for_a_removed_section(client_for, editor, document, section):
    services.section_remove(user=editor, section=section)
    assert client_for(editor).get(_url(document, section.pk)).status_code == 404


def test_it_answers_404_for_an_unknown_document(client_for, editor, section):
    url = reverse("guidelines:section_edit", args=["nope", section.pk])
    assert client_for(editor).get(url).status_code == 404


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"heading": ""}, "This field is required."),
        ({"heading": "    "}, "This field is required."),
        ({"heading": "h" * 201}, "at most 200 characters"),
        ({"body": "x" * (MAX_TEXT + 1)}, "at most 100000 characters"),
        ({"visibility": "secret"}, "Select a valid choice."),
        ({"anchor": "not a slug"}, "Enter a valid"),
        ({"body": "a \x00 b"}, "Null characters are not allowed."),
    ],
)
def test_it_shows_bad_section_input_inline_and_saves_nothing(
    client_for, editor, document, section, changes, message
):
    before = _state(section)
    response = client_for(editor).post(
        _url(document, section.pk), _post_data(section, **{"body": "Not saved.", **changes})
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'class="field-errors"' in response.content.decode()
    assert _state(section) == before


@pytest.mark.parametrize(
    "rule,message",
    [
        ({"modality": "shall", "statement": "Be nice."}, "Select a valid choice."),
        ({"modality": "must", "statement": ""}, "This field is required."),
        ({"modality": "must", "statement": "x" * (MAX_TEXT + 1)}, "at most 100000 characters"),
        (
            {"modality": "must", "statement": "Ok.", "policy_text": "p" * (MAX_TEXT + 1)},
            "at most 100000 characters",
        ),
        (
            {"modality": "must", "statement": "Ok.", "visibility": "nobody"},
            "Select a valid choice.",
        ),
    ],
)
def test_it_shows_a_bad_rule_inline_and_saves_nothing(
    client_for, editor, document, section, rule, message
):
    before = _state(section)
    rules = [
        {"id": r.pk, "modality": r.modality, "statement": r.statement}
        for r in section.rules.order_by("position")
    ] + [rule]
    response = client_for(editor).post(
        _url(document, section.pk), _post_data(section, rules=rules, body="Not saved.")
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _state(section) == before


def test_it_keeps_what_the_editor_typed_when_a_rule_is_invalid(
    client_for, editor, document, section
):
    rules = [
        {"modality": "must", "statement": "A draft worth keeping."},
        {"modality": "bogus", "statement": "Bad."},
    ]
    response = client_for(editor).post(
        _url(document, section.pk), _post_data(section, rules=rules, body="Kept body.")
    )
    html = response.content.decode()
    assert "A draft worth keeping." in html
    assert "Kept body." in html


def test_it_refuses_a_rule_id_from_another_section(client_for, editor, document, section):
    other_rule = Rule.objects.filter(section__document=document).exclude(section=section).get()
    before = _state(section)
    response = client_for(editor).post(
        _url(document, section.pk),
        _post_data(
            section,
            rules=[{"id": other_rule.pk, "modality": "must", "statement": "Stolen."}],
            heading="Renamed",
        ),
    )
    assert response.status_code == 400
    assert "not part of this section" in response.content.decode()
    assert _state(section) == before
    other_rule.refresh_from_db()
    assert other_rule.statement != "Stolen."


def test_it_refuses_a_save_from_a_stale_form_and_keeps_the_newer_text(
    client_for, editor, editor2, document, section
):
    stale = _post_data(section, body="Dana's version.")
    services.section_save(
        user=editor2,
        section=section,
        expected_version=section.version,
        data=SectionInput(heading=section.heading, body="Sam's version."),
    )
    before = _state(section)
    response = client_for(editor).post(_url(document, section.pk), stale)
    assert response.status_code == 409
    assert "Dana&#x27;s version." in response.content.decode()
    assert _state(section) == before
    assert section.body == "Sam's version."


@pytest.mark.parametrize(
    "forgery",
    [
        "no_version",
        "bad_version",
        "no_management_form",
        "too_many_forms",
        "bad_order",
    ],
)
def test_it_answers_a_forged_form_with_400_and_saves_nothing(
    client_for, editor, document, section, forgery
):
    data = _post_data(section, body="Forged.")
    if forgery == "no_version":
        del data["expected_version"]
    elif forgery == "bad_version":
        data["expected_version"] = "latest"
    elif forgery == "no_management_form":
        for key in [k for k in data if k.startswith("rules-") and k.endswith("_FORMS")]:
            del data[key]
    elif forgery == "too_many_forms":
        data["rules-TOTAL_FORMS"] = "5000"
    elif forgery == "bad_order":
        data["rules-0-ORDER"] = "first"
    before = _state(section)
    response = client_for(editor).post(_url(document, section.pk), data)
    assert response.status_code == 400
    assert _state(section) == before


def test_it_needs_a_csrf_token(editor, document, section):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    before = _state(section)
    response = strict.post(_url(document, section.pk), _post_data(section, body="Forged."))
    assert response.status_code == 403
    assert _state(section) == before


def test_it_accepts_the_csrf_token_the_page_gives(editor, document, section):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    page = strict.get(_url(document, section.pk))
    token = page.context["csrf_token"]
    response = strict.post(
        _url(document, section.pk),
        {**_post_data(section, body="Real."), "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.body == "Real."


def test_a_rule_removed_in_the_form_is_kept_for_history(client_for, editor, document, section):
    identify, anonymous = section.rules.order_by("position")
    data = _post_data(
        section,
        rules=[
            {"id": identify.pk, "modality": "must", "statement": identify.statement},
            {
                "id": anonymous.pk,
                "modality": "must_not",
                "statement": anonymous.statement,
                "DELETE": "on",
            },
        ],
    )
    client_for(editor).post(_url(document, section.pk), data)
    anonymous.refresh_from_db()
    assert anonymous.removed_at is not None
    assert Rule.objects.filter(pk=anonymous.pk).exists()


def test_it_keeps_rules_untouched_when_the_form_only_changes_the_body(
    client_for, editor, document, section
):
    before = list(section.rules.values_list("pk", "statement", "auto_policy"))
    client_for(editor).post(_url(document, section.pk), _post_data(section, body="Only this."))
    assert list(section.rules.values_list("pk", "statement", "auto_policy")) == before


def test_services_and_form_agree_on_the_text_limit(client_for, editor, document, section):
    exactly = "x" * MAX_TEXT
    data = _post_data(section, body=exactly, rules=[{"modality": "must", "statement": exactly}])
    response = client_for(editor).post(_url(document, section.pk), data)
    assert response.status_code == 302
    assert Rule.objects.filter(section=section, statement=exactly).exists()
    services.validate_section_input(
        SectionInput(
            heading="Fine",
            body=exactly,
            rules=[RuleInput(id=None, modality="may", statement=exactly)],
        )
    )
