"""Adding, removing and reordering sections, and the editor's live preview."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Revision

from guidelines.documents import services
from guidelines.documents.services import SectionInput
from guidelines.models import Section
from guidelines.models.documents import MAX_TEXT


def _live(document):
    return list(
        Section.objects.filter(document=document, removed_at__isnull=True).order_by("position")
    )


def _order(document):
    return [s.heading for s in _live(document)]


def _add_data(heading="Respect your audience", rules=(), **extra):
    data = {
        "heading": heading,
        "anchor": "",
        "body": "Be *kind*.",
        "visibility": "both",
        "summary": "",
        "rules-TOTAL_FORMS": len(rules),
        "rules-INITIAL_FORMS": 0,
        "rules-MIN_NUM_FORMS": 0,
        "rules-MAX_NUM_FORMS": 1000,
    }
    for index, (modality, statement) in enumerate(rules):
        data.update(
            {
                f"rules-{index}-modality": modality,
                f"rules-{index}-statement": statement,
                f"rules-{index}-visibility": "both",
                f"rules-{index}-ORDER": index + 1,
            }
        )
    data.update(extra)
    return data


# --- adding --------------------------------------------------------------------------------


def test_an_editor_adds_a_section_with_rules_at_the_end(client_for, editor, document):
    client = client_for(editor)
    url = reverse("guidelines:section_add", args=[document.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        _add_data(
            rules=[("must", "Be polite."), ("should_not", "Don't pick fights.")],
            summary="New topic",
        ),
    )
    assert response.status_code == 302
    added = _live(document)[-1]
    assert response["Location"] == document.get_draft_url() + f"#{added.anchor}"
    assert (added.heading, added.anchor) == ("Respect your audience", "respect-your-audience")
    assert list(added.rules.values_list("modality", "statement")) == [
        ("must", "Be polite."),
        ("should_not", "Don't pick fights."),
    ]
    document.refresh_from_db()
    assert (document.latest_revision.summary, document.latest_revision.kind) == ("New topic", "add")


def test_an_editor_adds_a_section_after_another(client_for, editor, document):
    first = _live(document)[0]
    url = reverse("guidelines:section_add", args=[document.slug])
    page = client_for(editor).get(url, {"after": first.pk})
    assert f'name="after" value="{first.pk}"' in page.content.decode()
    response = client_for(editor).post(url, _add_data(after=first.pk))
    assert response.status_code == 302
    assert _order(document) == ["Be yourself", "Respect your audience", "Consequences"]


@pytest.mark.parametrize("who,status", [("reviewer", 403), ("employee", 404)])
def test_only_editors_add_sections(request, client_for, document, who, status):
    client = client_for(request.getfixturevalue(who))
    url = reverse("guidelines:section_add", args=[document.slug])
    assert client.get(url).status_code == status
    assert client.post(url, _add_data()).status_code == status
    assert len(_live(document)) == 2


def test_adding_a_section_rejects_other_methods(client_for, editor, document):
    url = reverse("guidelines:section_add", args=[document.slug])
    assert client_for(editor).put(url).status_code == 405


@pytest.mark.parametrize("after,status", [("abc", 400), ("999999", 404), ("-1", 400)])
def test_adding_a_section_after_a_bad_id_is_refused(client_for, editor, document, after, status):
    url = reverse("guidelines:section_add", args=[document.slug])
    assert client_for(editor).post(url, _add_data(after=after)).status_code == status
    assert len(_live(document)) == 2


def test_adding_after_a_section_of_another_document_is_refused(client_for, editor, document):
    other = services.document_create(user=editor, subject="Other")
    foreign = services.section_add(user=editor, document=other, data=SectionInput(heading="X"))
    url = reverse("guidelines:section_add", args=[document.slug])
    assert client_for(editor).post(url, _add_data(after=foreign.pk)).status_code == 404


def test_adding_a_section_to_an_unknown_document_is_404(client_for, editor):
    url = reverse("guidelines:section_add", args=["missing"])
    assert client_for(editor).get(url).status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        _add_data(heading=""),
        _add_data(body="x" * (MAX_TEXT + 1)),
        _add_data(rules=[("must", "Fine."), ("maybe", "Bad modality.")]),
        _add_data(rules=[("must", "x" * (MAX_TEXT + 1))]),
        _add_data(anchor="be-yourself"),
    ],
)
def test_adding_a_section_shows_bad_input_and_saves_nothing(client_for, editor, document, data):
    revisions = Revision.objects.count()
    response = client_for(editor).post(
        reverse("guidelines:section_add", args=[document.slug]), data
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert len(_live(document)) == 2
    assert Revision.objects.count() == revisions


def test_adding_a_section_needs_a_csrf_token(editor, document):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    response = strict.post(reverse("guidelines:section_add", args=[document.slug]), _add_data())
    assert response.status_code == 403
    assert len(_live(document)) == 2


# --- removing ------------------------------------------------------------------------------


def test_an_editor_removes_a_section(client_for, editor, document):
    first = _live(document)[0]
    url = reverse("guidelines:section_remove", args=[document.slug, first.pk])
    response = client_for(editor).post(url, {"summary": "Merged elsewhere"})
    assert response.status_code == 302
    assert _order(document) == ["Consequences"]
    document.refresh_from_db()
    assert document.latest_revision.summary == "Merged elsewhere"


def test_removing_a_section_answers_get_with_405(client_for, editor, document):
    first = _live(document)[0]
    url = reverse("guidelines:section_remove", args=[document.slug, first.pk])
    assert client_for(editor).get(url).status_code == 405
    assert len(_live(document)) == 2


@pytest.mark.parametrize("who,status", [("reviewer", 403), ("employee", 404)])
def test_only_editors_remove_sections(request, client_for, document, who, status):
    first = _live(document)[0]
    url = reverse("guidelines:section_remove", args=[document.slug, first.pk])
    assert client_for(request.getfixturevalue(who)).post(url).status_code == status
    assert len(_live(document)) == 2


def test_removing_an_unknown_or_removed_section_is_404(client_for, editor, document):
    first = _live(document)[0]
    client = client_for(editor)
    url = reverse("guidelines:section_remove", args=[document.slug, first.pk])
    client.post(url)
    assert client.post(url).status_code == 404
    missing = reverse("guidelines:section_remove", args=[document.slug, 999999])
    assert client.post(missing).status_code == 404


def test_removing_a_section_needs_a_csrf_token(editor, document):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    first = _live(document)[0]
    url = reverse("guidelines:section_remove", args=[document.slug, first.pk])
    assert strict.post(url).status_code == 403
    assert len(_live(document)) == 2


# --- moving and reordering -----------------------------------------------------------------


def test_an_editor_moves_a_section_down_and_back_up(client_for, editor, document):
    first = _live(document)[0]
    client = client_for(editor)
    url = reverse("guidelines:section_move", args=[document.slug, first.pk])
    response = client.post(url, {"direction": "down"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#{first.anchor}")
    assert _order(document) == ["Consequences", "Be yourself"]
    client.post(url, {"direction": "up"})
    assert _order(document) == ["Be yourself", "Consequences"]


@pytest.mark.parametrize("direction", ["", "sideways", "UP"])
def test_moving_a_section_in_no_known_direction_is_400(client_for, editor, document, direction):
    first = _live(document)[0]
    url = reverse("guidelines:section_move", args=[document.slug, first.pk])
    assert client_for(editor).post(url, {"direction": direction}).status_code == 400
    assert _order(document) == ["Be yourself", "Consequences"]


def test_moving_rejects_get_unknown_ids_and_other_roles(client_for, editor, reviewer, document):
    first = _live(document)[0]
    url = reverse("guidelines:section_move", args=[document.slug, first.pk])
    assert client_for(editor).get(url).status_code == 405
    missing = reverse("guidelines:section_move", args=[document.slug, 999999])
    assert client_for(editor).post(missing, {"direction": "up"}).status_code == 404
    assert client_for(reviewer).post(url, {"direction": "down"}).status_code == 403
    assert _order(document) == ["Be yourself", "Consequences"]


def test_an_editor_reorders_all_sections_at_once(client_for, editor, document):
    first, second = _live(document)
    url = reverse("guidelines:sections_reorder", args=[document.slug])
    response = client_for(editor).post(url, {"order": [second.pk, first.pk]})
    assert response.status_code == 302
    assert _order(document) == ["Consequences", "Be yourself"]


@pytest.mark.parametrize(
    "order,status",
    [([], 400), (["x", "y"], 400), (["1.5"], 400), ("stale", 302), ("duplicate", 302)],
)
def test_reordering_refuses_a_bad_or_stale_order_and_changes_nothing(
    client_for, editor, document, order, status
):
    first, second = _live(document)
    order = (
        {"stale": [first.pk], "duplicate": [first.pk, first.pk, second.pk]}.get(order, order)
        if isinstance(order, str)
        else order
    )
    revisions = Revision.objects.count()
    response = client_for(editor).post(
        reverse("guidelines:sections_reorder", args=[document.slug]),
        {"order": order},
        follow=status == 302,
    )
    assert response.status_code == (200 if status == 302 else status)
    if status == 302:
        assert "reload and try again" in response.content.decode()
    assert _order(document) == ["Be yourself", "Consequences"]
    assert Revision.objects.count() == revisions


def test_reordering_rejects_get_and_other_roles(client_for, reviewer, employee, editor, document):
    first, second = _live(document)
    url = reverse("guidelines:sections_reorder", args=[document.slug])
    assert client_for(editor).get(url).status_code == 405
    assert client_for(reviewer).post(url, {"order": [second.pk, first.pk]}).status_code == 403
    assert client_for(employee).post(url, {"order": [second.pk, first.pk]}).status_code == 404
    missing = reverse("guidelines:sections_reorder", args=["missing"])
    assert client_for(editor).post(missing, {"order": [1]}).status_code == 404
    assert _order(document) == ["Be yourself", "Consequences"]


# --- preview -------------------------------------------------------------------------------


def test_the_preview_renders_markdown_and_phrases_rules_in_both_tones(client_for, editor, document):
    response = client_for(editor).post(
        reverse("guidelines:preview", args=[document.slug]),
        {
            "body": "Hello *world*",
            "statement": [
                "Don't post anonymously.",
                "Details stay internal until we publish them.",
            ],
            "modality": ["must_not", "must"],
        },
    )
    assert response.status_code == 200
    data = response.json()
    assert "<em>world</em>" in data["html"]
    phrased, as_written = data["rules"]
    assert phrased == {
        "classified": "must_not",
        "explicit": True,
        "strength": "Not allowed",
        "policy": "Do not post anonymously.",
        "policy_automatic": True,
        "policy_reason": "",
        "guideline": "Don't post anonymously.",
        "guideline_automatic": True,
        "guideline_reason": "",
    }
    # Left exactly as written, with the reason the author is asked for a phrasing.
    assert as_written["strength"] == "Required"
    for tone in ("policy", "guideline"):
        assert as_written[tone] == "Details stay internal until we publish them."
        assert as_written[f"{tone}_automatic"] is False
        assert as_written[f"{tone}_reason"].startswith("needs your phrasing: ")


def test_the_preview_renders_exactly_what_saving_stores(client_for, editor, document):
    body = "# Title\n\n[link](https://example.com) and <b onclick=x>bold</b>\n\n* a\n* b"
    preview = (
        client_for(editor)
        .post(reverse("guidelines:preview", args=[document.slug]), {"body": body})
        .json()["html"]
    )
    saved = services.section_add(
        user=editor, document=document, data=SectionInput(heading="Same", body=body)
    )
    assert preview == saved.body_html


def test_the_preview_never_returns_script(client_for, editor, document):
    body = "<script>alert(1)</script><img src=x onerror=alert(1)>[x](javascript:alert(1))"
    url = reverse("guidelines:preview", args=[document.slug])
    html = client_for(editor).post(url, {"body": body}).json()["html"]
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def test_the_preview_tolerates_unknown_modalities_and_missing_ones(client_for, editor, document):
    response = client_for(editor).post(
        reverse("guidelines:preview", args=[document.slug]),
        {"body": "", "statement": ["One.", "Two."], "modality": ["nonsense"]},
    )
    assert response.status_code == 200
    assert len(response.json()["rules"]) == 2


def test_the_preview_refuses_an_oversized_body_with_a_message(client_for, editor, document):
    response = client_for(editor).post(
        reverse("guidelines:preview", args=[document.slug]), {"body": "x" * (MAX_TEXT + 1)}
    )
    assert response.status_code == 400
    assert "100,000" in response.json()["error"]


def test_the_preview_is_post_only_and_for_editors(client_for, editor, reviewer, employee, document):
    url = reverse("guidelines:preview", args=[document.slug])
    assert client_for(editor).get(url).status_code == 405
    assert client_for(reviewer).post(url, {"body": "x"}).status_code == 403
    assert client_for(employee).post(url, {"body": "x"}).status_code == 404
    missing = reverse("guidelines:preview", args=["missing"])
    assert client_for(editor).post(missing, {"body": "x"}).status_code == 404


def test_the_preview_needs_a_csrf_token(editor, document):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    url = reverse("guidelines:preview", args=[document.slug])
    assert strict.post(url, {"body": "x"}).status_code == 403
