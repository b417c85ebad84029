"""manage.py export_document, for scripts."""

import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from tests.guidelines.workflow_fixtures import edit_first_section, make_released


@pytest.fixture
def released(document, editor, reviewer):
    return make_released(document, editor, reviewer)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def export(*args):
    err = io.StringIO()
    call_command("export_document", *args, stderr=err)
    return err.getvalue()


def test_it_writes_the_latest_release_as_pdf(released, tmp_path):
    out = tmp_path / "policy.pdf"
    export("social-computing", "--format", "pdf", "--tone", "policy", "--output", str(out))
    reader = PdfReader(out)
    assert "Social Computing Policy" in reader.pages[0].extract_text()


def test_it_writes_a_given_release_or_the_draft_as_html(released, editor, tmp_path):
    document, _ = released
    edit_first_section(document, editor)
    out = tmp_path / "g.html"
    export(
        "social-computing",
        "--format",
        "html",
        "--tone",
        "guideline",
        "--release",
        "1.0",
        "--output",
        str(out),
    )
    assert "Version 1.0" in out.read_text() and "More detail." not in out.read_text()
    export(
        "social-computing",
        "--format",
        "html",
        "--tone",
        "guideline",
        "--release",
        "draft",
        "--output",
        str(out),
    )
    assert "DRAFT" in out.read_text() and "More detail." in out.read_text()


def test_it_exports_the_draft_when_nothing_is_published(document, tmp_path):
    out = tmp_path / "d.html"
    message = export(
        "social-computing", "--format", "html", "--tone", "policy", "--output", str(out)
    )
    assert "Nothing is published yet" in message and "DRAFT" in out.read_text()


@pytest.mark.parametrize(
    "args,error",
    [
        (["missing"], "No document"),
        (["social-computing", "--release", "4.2"], "has no release 4.2"),
        (["social-computing", "--release", "latest"], "not a version"),
    ],
)
def test_it_explains_what_is_wrong(released, tmp_path, args, error):
    with pytest.raises(CommandError, match=error):
        export(*args, "--format", "pdf", "--tone", "policy", "--output", str(tmp_path / "x"))
    assert not (tmp_path / "x").exists()


def test_it_refuses_unknown_formats_and_tones(released, tmp_path):
    with pytest.raises(CommandError):
        export("social-computing", "--format", "docx", "--tone", "policy", "--output", "x")
    with pytest.raises(CommandError):
        export("social-computing", "--format", "pdf", "--tone", "loud", "--output", "x")
