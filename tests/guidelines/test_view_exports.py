"""Downloads of releases and drafts, and the comparison report, through the views."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from guidelines.models import ReleaseExport
from guidelines.releases import pdf
from guidelines.releases import services as releases
from guidelines.releases.export import ExportError
from guidelines.review import workflow
from tests.guidelines.workflow_fixtures import edit_first_section, make_released


@pytest.fixture
def released(document, editor, reviewer):
    return make_released(document, editor, reviewer)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def export_url(document, fmt, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("guidelines:export", args=[document.slug, fmt]) + (f"?{query}" if query else "")


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def pdf_of(response) -> PdfReader:
    return PdfReader(io.BytesIO(body_of(response)))


def link_targets(reader: PdfReader) -> int:
    count = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and ("/Dest" in annot or "/A" in annot):
                count += 1
    return count


@pytest.mark.parametrize(
    "tone,title,rule",
    [
        ("policy", "Social Computing Policy", "Consequences"),
        ("guideline", "Social Computing Guidelines", "Be yourself"),
    ],
)
def test_an_employee_downloads_the_release_pdf_in_either_tone(
    client_for, employee, released, tone, title, rule
):
    document, _ = released
    response = client_for(employee).get(export_url(document, "pdf", tone=tone, release="1.0"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"social-computing-1.0-{tone}.pdf" in response["Content-Disposition"]
    reader = pdf_of(response)
    assert len(reader.pages) >= 3  # cover, contents, the text
    cover = reader.pages[0].extract_text()
    assert title in cover and "VERSION\n1.0" in cover
    text = " ".join(page.extract_text() for page in reader.pages)
    assert rule in text
    pages = len(reader.pages)
    assert f"Version 1.0 · page {pages} of {pages}" in reader.pages[-1].extract_text()
    assert link_targets(reader) >= 2  # the table of contents links to its sections
    assert [item.title for item in reader.outline if hasattr(item, "title")]


def test_the_policy_pdf_has_the_policy_only_section_and_the_guideline_pdf_not(
    client_for, employee, released
):
    document, _ = released
    client = client_for(employee)
    policy = " ".join(
        p.extract_text()
        for p in pdf_of(client.get(export_url(document, "pdf", tone="policy"))).pages
    )
    guideline = " ".join(
        p.extract_text()
        for p in pdf_of(client.get(export_url(document, "pdf", tone="guideline"))).pages
    )
    assert "disciplinary action" in policy
    assert "disciplinary action" not in guideline


def test_the_release_pdf_is_stored_once_and_served_from_storage(
    client_for, employee, released, monkeypatch
):
    document, _ = released
    client = client_for(employee)
    first = body_of(client.get(export_url(document, "pdf", tone="policy")))
    monkeypatch.setattr(
        releases, "render_export", lambda *a: pytest.fail("a stored export was rendered again")
    )
    second = body_of(client.get(export_url(document, "pdf", tone="policy")))
    assert first == second
    assert ReleaseExport.objects.filter(format="pdf", tone="policy").count() == 1


def test_the_html_export_is_one_self_contained_file(client_for, employee, released):
    document, _ = released
    response = client_for(employee).get(export_url(document, "html", tone="guideline"))
    html = body_of(response).decode()
    assert response["Content-Type"].startswith("text/html")
    assert "Social Computing Guidelines" in html and "<style>" in html
    for outside in ("<script", "<link", 'src="http', "src='http", "@import", "url(http"):
        assert outside not in html


def test_an_editor_downloads_the_draft_stamped_draft(client_for, editor, released):
    document, _ = released
    edit_first_section(document, editor)
    response = client_for(editor).get(export_url(document, "pdf", tone="policy", release="draft"))
    reader = pdf_of(response)
    assert "DRAFT" in reader.pages[0].extract_text()
    assert all("DRAFT" in page.extract_text() for page in reader.pages)
    assert "More detail." in " ".join(p.extract_text() for p in reader.pages)
    assert "draft-policy.pdf" in response["Content-Disposition"]
    assert not ReleaseExport.objects.exists()


def test_an_employee_cannot_download_a_draft(client_for, employee, released):
    document, _ = released
    response = client_for(employee).get(export_url(document, "html", release="draft"))
    assert response.status_code == 404


def test_a_document_without_release_exports_its_draft_for_editors(client_for, editor, document):
    response = client_for(editor).get(export_url(document, "html", tone="policy"))
    assert response.status_code == 200
    assert "DRAFT" in body_of(response).decode()


def test_exports_404_for_unknown_formats_versions_and_documents(client_for, employee, released):
    document, _ = released
    client = client_for(employee)
    assert client.get(export_url(document, "docx")).status_code == 404
    assert client.get(export_url(document, "pdf", release="9.9")).status_code == 404
    assert client.get(export_url(document, "pdf", release="x")).status_code == 404
    missing = reverse("guidelines:export", args=["missing", "pdf"])
    assert client.get(missing).status_code == 404


def test_outsiders_cannot_download(client_for, outsider, released):
    document, _ = released
    assert client_for(outsider).get(export_url(document, "pdf")).status_code == 404


def test_exports_reject_post(client_for, employee, released):
    document, _ = released
    assert client_for(employee).post(export_url(document, "pdf")).status_code == 405


def test_a_failed_render_is_a_clear_503_not_a_500(client_for, employee, released, monkeypatch):
    document, _ = released

    def fail(*args, **kwargs):
        raise ExportError("The PDF export took longer than 120 seconds and was stopped.")

    monkeypatch.setattr(releases.export, "build_pdf", fail)
    response = client_for(employee).get(export_url(document, "pdf", tone="policy"))
    assert response.status_code == 503
    assert "could not be produced" in response.content.decode()
    assert not ReleaseExport.objects.exists()


def test_the_pdf_renderer_runs_under_the_configured_time_limit(
    client_for, employee, released, settings, monkeypatch
):
    document, _ = released
    settings.CANDOR_PDF_TIMEOUT = 7
    seen = {}

    def spy(view, meta, *, static_root, timeout):
        seen.update(static_root=static_root, timeout=timeout)
        return b"%PDF-1.7"

    monkeypatch.setattr(releases.export, "build_pdf", spy)
    client_for(employee).get(export_url(document, "pdf", tone="policy"))
    assert seen["timeout"] == 7
    assert seen["static_root"] == releases.pdf_static_root()


def draft_view_with(body_html: str) -> dict:
    return {
        "title": "T",
        "subject": "S",
        "summary": "",
        "tone": "policy",
        "sections": [
            {
                "key": "1",
                "anchor": "a",
                "heading": "Files",
                "visibility": "both",
                "rules": [],
                "body_html": body_html,
            }
        ],
    }


def test_the_app_path_refuses_file_and_remote_urls_in_the_pdf(
    client_for, editor, document, monkeypatch, tmp_path
):
    """A section body that names a local file or a remote host renders without loading it."""
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not really an image")
    refused = []
    real_render = pdf.render

    def recording_render(*args, **kwargs):
        rendered = real_render(*args, **kwargs)
        refused.extend(rendered.refused)  # what the fence refused, in the child
        return rendered

    monkeypatch.setattr(pdf, "render", recording_render)
    view = draft_view_with(
        f'<p><img src="file://{secret}"><img src="http://192.0.2.1/x.png">'
        '<img src="/etc/passwd"></p>'
    )
    monkeypatch.setattr(releases.selectors, "draft_view", lambda document, tone: view)
    response = client_for(editor).get(export_url(document, "pdf", tone="policy", release="draft"))
    assert response.status_code == 200
    assert any(url.startswith("file://") and "secret.png" in url for url in refused)
    assert any(url.startswith("http://192.0.2.1") for url in refused)
    assert "file:///etc/passwd" in refused
    assert len(pdf_of(response).pages) >= 2


def test_a_hostile_draft_pdf_is_stopped_at_the_time_limit_with_a_503(
    client_for, editor, document, monkeypatch, settings
):
    settings.CANDOR_PDF_TIMEOUT = 2
    rows = "".join(f"<tr><td>Row {n}</td><td>Cell</td></tr>" for n in range(10_000))
    view = draft_view_with(f"<table><tbody>{rows}</tbody></table>")
    monkeypatch.setattr(releases.selectors, "draft_view", lambda document, tone: view)
    client = client_for(editor)
    response = client.get(export_url(document, "pdf", tone="policy", release="draft"))
    assert response.status_code == 503
    assert "took longer than 2 seconds" in response.content.decode()
    # The server carries on: the same draft as HTML comes straight back.
    response = client.get(export_url(document, "html", tone="policy", release="draft"))
    assert response.status_code == 200
    assert "Row 9999" in body_of(response).decode()


# --- comparison report ------------------------------------------------------------------------


def compare_url(document, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("guidelines:export_comparison", args=[document.slug]) + f"?{query}"


def test_legal_downloads_the_comparison_report_between_two_releases(
    client_for, reviewer, editor, admin_user, released
):
    document, _ = released
    edit_first_section(document, editor, modality="should")
    workflow.document_publish(user=admin_user, document=document)
    response = client_for(reviewer).get(compare_url(document, **{"from": "1.0", "to": "1.1"}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in pdf_of(response).pages)
    assert "Changes from version 1.0 to version 1.1" in text
    assert "MUST" in text and "SHOULD" in text


def test_the_comparison_report_needs_two_versions(client_for, employee, released):
    document, _ = released
    response = client_for(employee).get(compare_url(document, **{"from": "1.0"}))
    assert response.status_code == 400
    response = client_for(employee).get(compare_url(document, **{"from": "1.0", "to": "4.0"}))
    assert response.status_code == 404
    assert client_for(employee).post(compare_url(document)).status_code == 405
