"""The tone toggle across the app: reading pages in either tone, the editor, meters, the demo."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guidelines.documents import services
from guidelines.documents.services import RuleInput, SectionInput
from guidelines.documents.snapshots import draft_snapshot
from guidelines.models import Document, Release, Section
from tests.guidelines.workflow_fixtures import publish
from textkit.presentation import build_view


def _texts(response) -> list[str]:
    """Rule texts as the page shows them."""
    import html
    import re

    page = response.content.decode()
    return [
        html.unescape(re.sub(r"<[^>]+>", "", t).replace(" auto", "")).strip()
        for t in re.findall(r'<p class="rule-text">(.*?)</p>', page, flags=re.S)
    ]


def _headings(response) -> list[str]:
    """Section headings as the page shows them (release bodies are spliced in pre-rendered)."""
    import re

    html = response.content.decode()
    return [
        re.sub(r"<[^>]+>|§", "", h).strip()
        for h in re.findall(r'<h2 id="h-[^"]*">(.*?)</h2>', html, flags=re.S)
    ]


def _publish(document, editor) -> Release:
    snapshot = draft_snapshot(document)
    release = Release.objects.create(
        document=document,
        major=1,
        minor=0,
        revision=document.latest_revision,
        snapshot=snapshot,
        published_by=editor,
        published_at=timezone.now(),
        rendered={tone: build_view(snapshot, tone) for tone in ("policy", "guideline")},
    )
    Document.objects.filter(pk=document.pk).update(latest_release=release)
    document.refresh_from_db()
    return release


@pytest.fixture
def written(document, editor):
    """The shared draft with one rule whose guideline phrasing the author wrote."""
    services.section_add(
        user=editor,
        document=document,
        data=SectionInput(
            heading="We trust you",
            visibility="guideline",
            rules=[
                RuleInput(
                    id=None,
                    modality="should",
                    statement="Use your best judgment.",
                    guideline_text="We trust your judgment: use it.",
                )
            ],
        ),
    )
    document.refresh_from_db()
    return document


# --- flipping the tone ------------------------------------------------------------------------


def _assert_flip(client, url):
    policy = client.get(url + "?tone=policy")
    guideline = client.get(url + "?tone=guideline")
    assert (policy.status_code, guideline.status_code) == (200, 200)
    assert policy.context["view"]["title"] == "Social Computing Policy"
    assert guideline.context["view"]["title"] == "Social Computing Guidelines"
    assert '<h1 id="doc-title">Social Computing Policy</h1>' in policy.content.decode()
    assert _headings(policy) == ["Be yourself", "Consequences"]
    assert _headings(guideline) == ["Be yourself", "We trust you"]
    assert "Don't post anonymously." in _texts(policy)
    assert "Avoid posting anonymously." in _texts(guideline)
    assert "We trust your judgment: use it." in _texts(guideline)
    assert "Violations may result in disciplinary action." not in guideline.content.decode()


def test_flipping_the_tone_changes_title_rules_and_tone_only_sections_of_a_draft(
    client_for, editor, written
):
    _assert_flip(client_for(editor), written.get_draft_url())


def test_flipping_the_tone_changes_title_rules_and_tone_only_sections_of_a_release(
    client_for, editor, reviewer, employee, written
):
    release = publish(written, editor, reviewer)
    client = client_for(employee)
    _assert_flip(client, written.get_absolute_url())
    _assert_flip(client, reverse("guidelines:release", args=[written.slug, release.version]))


def test_the_tone_is_remembered_and_the_switch_keeps_other_parameters(client_for, editor, written):
    client = client_for(editor)
    client.get(written.get_draft_url() + "?tone=policy")
    response = client.get(written.get_draft_url() + "?q=x")
    assert response.context["tone"] == "policy"
    html = response.content.decode()
    assert 'href="?q=x&amp;tone=guideline"' in html
    assert 'class="tone-option is-active" aria-current="true" data-tone="policy"' in html
    editor.profile.refresh_from_db()
    assert editor.profile.preferred_tone == "policy"


def test_a_new_reader_gets_the_documents_default_tone(client_for, employee, editor, written):
    Document.objects.filter(pk=written.pk).update(default_tone="policy")
    written.refresh_from_db()
    _publish(written, editor)
    response = client_for(employee).get(written.get_absolute_url())
    assert response.context["tone"] == "policy"


def test_an_overridden_title_follows_the_tone(client_for, editor, written):
    services.document_update(
        user=editor,
        document=written,
        expected_version=written.version,
        subject=written.subject,
        slug=written.slug,
        summary=written.summary,
        default_tone="guideline",
        title_policy="Rules for Posting",
        title_guideline="",
        required_approvals=1,
        open_for_consultation=False,
    )
    client = client_for(editor)
    assert (
        client.get(written.get_draft_url() + "?tone=policy").context["view"]["title"]
        == "Rules for Posting"
    )
    assert (
        client.get(written.get_draft_url() + "?tone=guideline").context["view"]["title"]
        == "Social Computing Guidelines"
    )


def test_the_print_stylesheet_names_the_edition_of_the_tone_shown(client_for, editor, written):
    response = client_for(editor).get(written.get_draft_url() + "?tone=policy")
    assert re.search(r'<body class="[^"]*\btone-policy\b', response.content.decode())
    css = (settings.BASE_DIR / "static" / "css" / "candor.css").read_text()
    print_rules = css[css.rindex("@media print") :]
    assert 'content: "Policy edition"' in print_rules
    assert 'content: "Guideline edition"' in print_rules


# --- meters and the tone check link on the reading page ---------------------------------------


def test_editors_see_section_meters_and_the_tone_check_count(client_for, editor, written):
    services.section_add(
        user=editor,
        document=written,
        data=SectionInput(
            heading="Anonymity",
            rules=[
                RuleInput(
                    id=None,
                    modality="must_not",
                    statement="Don't post anonymously.",
                    guideline_text="You must never post.",
                )
            ],
        ),
    )
    response = client_for(editor).get(written.get_draft_url() + "?tone=guideline")
    html = response.content.decode()
    check = reverse("guidelines:tone_check", args=[written.slug]) + "?tone=guideline"
    assert f'href="{check}"' in html
    assert 'Tone check <span class="count-badge">1</span>' in html
    assert html.count('class="section-meter"') == 3
    assert "0 prohibitive · 1 advisory · 1 neutral" in html  # "Be yourself" as guideline
    assert "1 rule fights the guideline tone" in html
    assert "How it reads" in html


def test_readers_see_neither_meters_nor_the_tone_check(client_for, employee, editor, written):
    _publish(written, editor)
    html = client_for(employee).get(written.get_absolute_url()).content.decode()
    assert "section-meter" not in html
    assert "Tone check" not in html
    assert "How it reads" not in html


def test_meters_and_counts_add_no_query_per_section(client_for, editor, written):
    client = client_for(editor)
    url = written.get_draft_url() + "?tone=policy"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(10):
        services.section_add(
            user=editor,
            document=written,
            data=SectionInput(
                heading=f"Topic {n}",
                rules=[
                    RuleInput(
                        id=None,
                        modality="should",
                        statement="Try to add value.",
                        policy_text="Consider adding value.",
                    )
                ],
            ),
        )
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert 'Tone check <span class="count-badge">10</span>' in response.content.decode()
    assert len(large) == len(small)


# --- the editor -------------------------------------------------------------------------------


def test_the_editor_shows_both_phrasings_and_marks_the_automatic_ones(client_for, editor, written):
    section = Section.objects.get(document=written, heading="We trust you")
    html = (
        client_for(editor)
        .get(reverse("guidelines:section_edit", args=[written.slug, section.pk]))
        .content.decode()
    )
    policy = html[html.index('data-phrasing="policy"') : html.index('data-phrasing="guideline"')]
    guideline = html[html.index('data-phrasing="guideline"') :]
    assert ">Automatic</span>" in policy
    assert "You must use your best judgment." in policy  # the engine's phrasing, painted first
    assert ">Your own</span>" in guideline
    assert "We trust your judgment: use it.</textarea>" in guideline
    assert html.count("data-write-own=") == 4  # two in the rule, two in the new-rule template
    assert "data-modality-hint" in html
    assert reverse("guidelines:tone_lint", args=[written.slug]) in html


def test_an_author_overrides_a_phrasing_and_readers_see_it(client_for, editor, written):
    section = Section.objects.get(document=written, heading="Be yourself")
    rules = list(section.rules.order_by("position"))
    data = {
        "expected_version": section.version,
        "heading": section.heading,
        "anchor": section.anchor,
        "body": section.body,
        "visibility": "both",
        "summary": "Own policy phrasing",
        "rules-TOTAL_FORMS": 2,
        "rules-INITIAL_FORMS": 2,
        "rules-MIN_NUM_FORMS": 0,
        "rules-MAX_NUM_FORMS": 1000,
    }
    for i, rule in enumerate(rules):
        data.update(
            {
                f"rules-{i}-id": rule.pk,
                f"rules-{i}-ORDER": i + 1,
                f"rules-{i}-modality": rule.modality,
                f"rules-{i}-statement": rule.statement,
                f"rules-{i}-visibility": "both",
            }
        )
    data["rules-0-policy_text"] = "Staff must always say who they are."
    client = client_for(editor)
    response = client.post(
        reverse("guidelines:section_edit", args=[written.slug, section.pk]), data
    )
    assert response.status_code == 302
    page = client.get(written.get_draft_url() + "?tone=policy")
    assert "Staff must always say who they are." in _texts(page)
    assert "Identify yourself when you post." in [
        r["text"]
        for r in client.get(written.get_draft_url() + "?tone=guideline").context["view"][
            "sections"
        ][0]["rules"]
    ]


# --- the demo ---------------------------------------------------------------------------------


def test_the_demo_shows_off_the_tone_toggle(db):
    from guidelines.demo import loader as demo

    demo.ensure_users()
    document = demo.load_document()
    snapshot = draft_snapshot(document)
    rules = [r for s in snapshot["sections"] for r in s["rules"]]
    both_written = [r for r in rules if r["policy_text"] and r["guideline_text"]]
    automatic = [r for r in rules if not r["policy_text"] and not r["guideline_text"]]
    assert len(both_written) >= 3
    assert len(automatic) > len(rules) / 2
    policy = [s["heading"] for s in build_view(snapshot, "policy")["sections"]]
    guideline = [s["heading"] for s in build_view(snapshot, "guideline")["sections"]]
    assert "Consequences" in policy and "Consequences" not in guideline
    assert "We trust you" in guideline and "We trust you" not in policy
    assert build_view(snapshot, "policy")["title"] != build_view(snapshot, "guideline")["title"]
