"""Downloads: a release or the draft as HTML or PDF, and the comparison report of two releases."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts import permissions
from guidelines.documents import selectors
from guidelines.releases import services as releases
from guidelines.releases.export import ExportError


def _unavailable(request, document, error: ExportError):
    return render(
        request,
        "guidelines/workflow/export_error.html",
        {"document": document, "error": error},
        status=503,
    )


def _download(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=releases.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def export_document(request, slug, fmt):
    """?release=x.y (default: the latest release, else the draft) or release=draft."""
    if fmt not in releases.FORMATS:
        raise Http404("No such export format.")
    document = permissions.get_document_or_404(request.user, slug)
    tone = selectors.chosen_tone(request, document)
    asked = request.GET.get("release", "")
    wants_draft = asked == "draft" or (not asked and not document.latest_release_id)
    try:
        if wants_draft:
            if not permissions.can_view_draft(request.user, document):
                raise Http404("No such export.")
            content = releases.draft_export(document, fmt, tone)
            return _download(content, fmt, releases.export_filename(document, "draft", tone, fmt))
        release = releases.release_or_404(document, asked) if asked else document.latest_release
        stored = releases.release_export(release, fmt, tone)
    except ExportError as error:
        return _unavailable(request, document, error)
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=releases.export_filename(document, release.version, tone, fmt),
        content_type=releases.CONTENT_TYPES[fmt],
    )


@require_GET
def export_comparison(request, slug):
    """?from=1.0&to=1.1 (or the comparison page's r:1.0 form): the redline as a PDF."""
    document = permissions.get_document_or_404(request.user, slug)
    versions = [request.GET.get(name, "").removeprefix("r:") for name in ("from", "to")]
    if not all(releases.parse_version(v) for v in versions):
        return render(
            request,
            "guidelines/workflow/export_error.html",
            {"document": document, "bad_request": True},
            status=400,
        )
    old, new = (releases.release_or_404(document, v) for v in versions)
    tone = selectors.chosen_tone(request, document)
    try:
        content = releases.comparison_report(old, new, tone)
    except ExportError as error:
        return _unavailable(request, document, error)
    filename = f"{document.slug}-{old.version}-to-{new.version}-{tone}-comparison.pdf"
    return _download(content, "pdf", filename)
