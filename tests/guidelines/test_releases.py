"""Release lookups, comparisons in words, stored exports."""

import io

import pytest
from django.http import Http404
from pypdf import PdfReader

from guidelines.models import ReleaseExport
from guidelines.releases import services as releases
from guidelines.review import workflow
from tests.guidelines.workflow_fixtures import edit_first_section, make_released


@pytest.fixture
def released(document, editor, reviewer):
    return make_released(document, editor, reviewer)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_it_parses_only_x_dot_y_versions():
    assert releases.parse_version("1.10") == (1, 10)
    for bad in ("1", "1.x", "", None, "1.0.0", "../1.0", " 1.0; drop"):
        assert releases.parse_version(bad) is None


def test_it_finds_a_release_by_version_or_404s(released):
    document, release = released
    assert releases.release_or_404(document, "1.0") == release
    with pytest.raises(Http404):
        releases.release_or_404(document, "1.1")
    with pytest.raises(Http404):
        releases.release_or_404(document, "one")


def test_comparison_rows_flag_a_modality_change_as_legally_significant(
    released, editor, admin_user
):
    document, first = released
    edit_first_section(document, editor, modality="should")
    second = workflow.document_publish(user=admin_user, document=document)
    rows = releases.comparison_rows(first.snapshot, second.snapshot, tone="policy")
    changed = [r for r in rows if r.has_changes]
    assert [r.heading for r in changed] == ["Be yourself"]
    assert any("from MUST to SHOULD (weakened); legally significant" in n for n in changed[0].notes)
    redline = changed[0].redline_html
    assert '<del class="diff-del"><span class="sr-only">[deleted: </span>MUST' in redline
    assert '<ins class="diff-ins"><span class="sr-only">[inserted: </span>SHOULD' in redline
    assert "<ins" in redline.split("redline-rules")[0]  # the body's added paragraph
    report = changed[0].as_report_row()
    assert report["status"] == "changed" and report["heading"] == "Be yourself"


def test_the_first_comparison_lists_every_section_as_added(released):
    _, release = released
    rows = releases.comparison_rows(releases.EMPTY_SNAPSHOT, release.snapshot)
    assert [r.status for r in rows] == ["added", "added"]


def test_the_change_summary_says_in_words_what_changed(released, editor, admin_user):
    document, first = released
    edit_first_section(document, editor, modality="should")
    second = workflow.document_publish(user=admin_user, document=document, kind="major")
    lines = releases.release_change_summary(first, second)
    assert "Changed sections: “Be yourself”." in lines
    assert any("is now SHOULD (was MUST)" in line for line in lines)


def test_a_release_export_is_produced_once_and_then_served_from_storage(released, monkeypatch):
    _, release = released
    stored = releases.release_export(release, "html", "policy")
    assert stored.file.name.endswith(".html")
    calls = []
    monkeypatch.setattr(releases, "render_export", lambda *a: calls.append(a) or b"")
    again = releases.release_export(release, "html", "policy")
    assert again.pk == stored.pk and calls == []
    assert ReleaseExport.objects.count() == 1
    html = again.file.open("rb").read().decode()
    assert "Social Computing Policy" in html and "Version 1.0" in html


def test_a_lost_export_file_is_produced_again(released):
    _, release = released
    stored = releases.release_export(release, "html", "guideline")
    stored.file.storage.delete(stored.file.name)
    again = releases.release_export(release, "html", "guideline")
    assert again.pk == stored.pk
    assert again.file.storage.exists(again.file.name)


def test_a_draft_export_is_stamped_draft(released, editor):
    document, _ = released
    edit_first_section(document, editor)
    html = releases.draft_export(document, "html", "guideline").decode()
    assert "DRAFT" in html and "More detail." in html
    assert not ReleaseExport.objects.exists()


def test_the_comparison_report_is_a_pdf_with_the_redline(released, editor, admin_user):
    document, first = released
    edit_first_section(document, editor, modality="should", statement="Say who you are.")
    second = workflow.document_publish(user=admin_user, document=document)
    pdf = PdfReader(io.BytesIO(releases.comparison_report(first, second, "policy")))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Changes from version 1.0 to version 1.1" in text
    assert "Be yourself" in text
    assert "legally significant" in text


def test_the_pdf_renderer_loads_the_apps_static_folder(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "empty"
    assert releases.pdf_static_root().endswith("/static")


def test_the_change_summary_names_new_rules(released, editor, admin_user):
    from guidelines.documents import services

    document, first = released
    section = document.sections.get(heading="Be yourself")
    rules = [
        services.RuleInput(id=r.pk, modality=r.modality, statement=r.statement)
        for r in section.rules.filter(removed_at__isnull=True)
    ]
    services.section_save(
        user=editor,
        section=section,
        expected_version=section.version,
        data=services.SectionInput(
            heading=section.heading,
            body=section.body,
            anchor=section.anchor,
            rules=[
                *rules,
                services.RuleInput(
                    id=None,
                    modality="should_not",
                    statement="Do not argue with trolls in our name.",
                ),
            ],
        ),
    )
    second = workflow.document_publish(user=admin_user, document=document, kind="major")
    lines = releases.release_change_summary(first, second)
    assert "New rules: “Do not argue with trolls in our name.”." in lines
