"""The read API: JSON of a release in either tone, with the page's permissions."""

import pytest
from django.urls import reverse

from guidelines.review import workflow
from tests.guidelines.workflow_fixtures import edit_first_section, make_released


@pytest.fixture
def released(document, editor, reviewer):
    return make_released(document, editor, reviewer)


def api_url(document_or_slug, **params):
    slug = getattr(document_or_slug, "slug", document_or_slug)
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("guidelines:api_document", args=[slug]) + (f"?{query}" if query else "")


@pytest.mark.parametrize(
    "tone,title",
    [("policy", "Social Computing Policy"), ("guideline", "Social Computing Guidelines")],
)
def test_it_returns_the_latest_release_in_the_asked_tone(
    client_for, employee, released, tone, title
):
    document, release = released
    response = client_for(employee).get(api_url(document, tone=tone))
    assert response.status_code == 200
    data = response.json()
    assert data["document"] == "social-computing"
    assert data["release"]["version"] == "1.0" and data["release"]["latest"] is True
    assert data["release"]["notes"] == "First **release**."
    assert data["tone"] == tone and data["title"] == title
    headings = [s["heading"] for s in data["sections"]]
    assert headings == (["Be yourself", "Consequences"] if tone == "policy" else ["Be yourself"])
    rule = data["sections"][0]["rules"][0]
    assert set(rule) == {"modality", "strength", "text", "automatic", "explanation_html"}
    assert (rule["modality"], rule["strength"]) == ("must", "Required")
    assert rule["text"] == release.rendered[tone]["sections"][0]["rules"][0]["text"]


def test_it_returns_a_given_release(client_for, employee, editor, admin_user, released):
    document, _ = released
    edit_first_section(document, editor, statement="Always say who you are.")
    workflow.document_publish(user=admin_user, document=document)
    client = client_for(employee)
    old = client.get(api_url(document, release="1.0", tone="guideline")).json()
    new = client.get(api_url(document, tone="guideline")).json()
    assert old["release"]["version"] == "1.0" and old["release"]["latest"] is False
    assert new["release"]["version"] == "1.1"
    assert "Always say who you are." not in str(old["sections"])


def test_it_defaults_to_the_documents_tone(client_for, employee, released):
    document, _ = released
    assert client_for(employee).get(api_url(document)).json()["tone"] == document.default_tone


def test_a_bad_tone_is_a_400(client_for, employee, released):
    document, _ = released
    response = client_for(employee).get(api_url(document, tone="shouty"))
    assert response.status_code == 400 and "tone" in response.json()["error"]


def test_it_404s_for_unknown_documents_releases_and_unpublished_documents(
    client_for, editor, document
):
    client = client_for(editor)
    assert client.get(api_url("missing")).status_code == 404
    assert client.get(api_url(document)).json()["error"].startswith("This document has no")
    assert client.get(api_url(document, release="1.0")).status_code == 404


def test_it_404s_for_those_who_cannot_see_the_page(client, client_for, outsider, released):
    document, _ = released
    assert client.get(api_url(document)).status_code == 404  # anonymous: JSON, not a login page
    assert client.get(api_url(document))["Content-Type"] == "application/json"
    assert client_for(outsider).get(api_url(document)).status_code == 404


def test_it_allows_only_get(client_for, employee, released):
    document, _ = released
    client = client_for(employee)
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)(api_url(document)).status_code == 405


def test_it_makes_a_few_queries_whatever_the_size(
    client_for, employee, released, django_assert_max_num_queries
):
    document, _ = released
    client = client_for(employee)
    with django_assert_max_num_queries(6):
        assert client.get(api_url(document, tone="policy")).status_code == 200


def test_every_rule_carries_the_same_strength_in_plain_words_in_both_tones(
    client_for, employee, released
):
    document, _ = released
    client = client_for(employee)
    strengths = {}
    for tone in ("policy", "guideline"):
        data = client.get(api_url(document, tone=tone)).json()
        strengths[tone] = {
            s["heading"]: [r["strength"] for r in s["rules"]] for s in data["sections"]
        }
    assert strengths["policy"]["Be yourself"] == ["Required", "Not allowed"]
    assert strengths["guideline"]["Be yourself"] == strengths["policy"]["Be yourself"]
    assert strengths["policy"]["Consequences"] == ["Allowed"]  # policy only


def test_a_release_stored_before_strengths_were_shown_still_gives_them(
    client_for, employee, released
):
    document, release = released
    rendered = release.rendered
    for view in rendered.values():
        for section in view["sections"]:
            for rule in section["rules"]:
                del rule["strength"], rule["strength_class"]
    type(release).objects.filter(pk=release.pk).update(rendered=rendered)
    data = client_for(employee).get(api_url(document, tone="policy")).json()
    assert [r["strength"] for r in data["sections"][0]["rules"]] == ["Required", "Not allowed"]
