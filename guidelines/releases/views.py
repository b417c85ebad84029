"""Published releases: the reading page, the list, acknowledgement and its report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts import permissions
from guidelines.documents import selectors
from guidelines.documents.context import document_context, reader_state
from guidelines.history.selectors import compare_url
from guidelines.releases import services as releases
from guidelines.review import workflow
from textkit import presentation


def render_release(request, document, release):
    """A release's page from its pre-rendered snapshot: a few queries whatever its size."""
    from guidelines.releases import page as release_page

    reader_state(request, document)  # first, so choosing the tone finds the profile loaded
    tone = selectors.chosen_tone(request, document)

    def load_view() -> dict:
        view = release.rendered.get(tone) or presentation.build_view(release.snapshot, tone)
        return presentation.complete_view(view)

    # The body comes from the release's cache; the context needs no sections of its own.
    context = document_context(request, document, tone, {"sections": []}, release=release)
    title, body = release_page.release_body(
        request,
        document=document,
        release=release,
        tone=tone,
        perms=context["perms"],
        view_loader=load_view,
        counts=context["comment_counts"],
    )
    context.update(view={"title": title, "sections": []})
    return release_page.page_response(request, "guidelines/document.html", context, body)


@require_GET
def release_list(request, slug):
    document = permissions.get_document_or_404(request.user, slug)
    items = releases.releases_of(document)
    for newer, older in zip(items, items[1:], strict=False):
        newer.compare_url = compare_url(document, f"r:{older.version}", f"r:{newer.version}")
        newer.previous_version = older.version
    context = {
        "document": document,
        "releases": items,
        "perms": permissions.document_perms(request.user, document),
        "tone": selectors.chosen_tone(request, document),
        # The history area's comparison page; the form adds ?from=r:x.y&to=r:x.y itself.
        "compare_page": reverse("guidelines:compare", args=[document.slug]),
    }
    return render(request, "guidelines/workflow/releases.html", context)


@require_GET
def release_detail(request, slug, version):
    document = permissions.get_document_or_404(request.user, slug)
    return render_release(request, document, releases.release_or_404(document, version))


@require_POST
def release_acknowledge(request, slug, version):
    document = permissions.get_document_or_404(request.user, slug)
    release = releases.release_or_404(document, version, full=False)
    release.document = document
    # The voice they read: the form's, else the one the page showed them (remembered).
    tone = request.POST.get("tone")
    if tone not in presentation.TONES:
        tone = selectors.chosen_tone(request, document)
    try:
        workflow.release_acknowledge(user=request.user, release=release, tone=tone)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Thank you: you acknowledged version {release.version}.")
    return redirect(document.get_absolute_url())


def _report(request, slug, version):
    document = permissions.get_document_or_404(request.user, slug)
    if not permissions.can_view_acknowledgements(request.user):
        raise PermissionDenied("Only editors and admins see acknowledgements.")
    release = releases.release_or_404(document, version, full=False)
    release.document = document
    return document, releases.acknowledgement_report(release)


@require_GET
def acknowledgements(request, slug, version):
    document, report = _report(request, slug, version)
    return render(
        request,
        "guidelines/workflow/acknowledgements.html",
        {"document": document, "report": report, "release": report.release},
    )


@require_GET
def acknowledgements_csv(request, slug, version):
    document, report = _report(request, slug, version)
    response = HttpResponse(
        releases.acknowledgement_csv(report), content_type="text/csv; charset=utf-8"
    )
    filename = f"{document.slug}-{report.release.version}-acknowledgements.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
