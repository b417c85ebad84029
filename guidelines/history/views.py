"""History, comparison, restore and presence pages; reads in selectors, writes in services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import permissions
from guidelines.documents import selectors
from guidelines.documents.context import document_context
from guidelines.documents.snapshots import revision_snapshot
from guidelines.history import presence as presence_service
from guidelines.history import selectors as history
from guidelines.history import services as restores
from guidelines.models import RevisionMeta, Section
from guidelines.releases import services as releases
from textkit import presentation


def _int_param(request, name: str, default: int | None = None) -> int | None:
    """A positive whole number from the query string; anything else is a missing page."""
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise Http404(f"“{raw}” is not a valid {name}.")
    return int(raw)


def _revision(document, number) -> RevisionMeta:
    meta = history.revision_or_none(document, number)
    if meta is None:
        raise Http404("No such revision.")
    return meta


def _history_response(request, document, *, section=None):
    page_number = _int_param(request, "page", 1)
    author = request.GET.get("author", "")[:150]
    section_id = section.pk if section else _int_param(request, "section")
    page = history.history_page(document, page=page_number, author=author, section_id=section_id)
    if page_number > 1 and not page.rows:
        raise Http404("No such page.")
    params = {"author": author, "section": "" if section else section_id or ""}
    query = urlencode({k: v for k, v in params.items() if v})
    return render(
        request,
        "guidelines/history/history.html",
        {
            "pager_query": query + "&" if query else "",
            "document": document,
            "page": page,
            "author": author,
            "section_id": section_id,
            "section": section,
            "filters": history.history_filters(document),
            "perms": permissions.document_perms(request.user, document),
        },
    )


@require_GET
def document_history(request, slug):
    document = permissions.get_document_or_404(request.user, slug, need="history")
    return _history_response(request, document)


@require_GET
def section_history(request, slug, section_id):
    document = permissions.get_document_or_404(request.user, slug, need="history")
    section = get_object_or_404(Section, pk=section_id, document=document)
    return _history_response(request, document, section=section)


@require_GET
def recent_changes(request):
    page_number = _int_param(request, "page", 1)
    page = history.recent_changes(request.user, page=page_number)
    if page_number > 1 and not page.rows:
        raise Http404("No such page.")
    return render(request, "guidelines/history/recent_changes.html", {"page": page})


@require_GET
def contributors(request, slug):
    document = permissions.get_document_or_404(request.user, slug, need="history")
    people = history.contributors(document)
    return render(
        request,
        "guidelines/history/contributors.html",
        {
            "document": document,
            "people": people,
            "perms": permissions.document_perms(request.user, document),
        },
    )


@require_GET
def revision(request, slug, number):
    document = permissions.get_document_or_404(request.user, slug, need="history")
    meta = _revision(document, number)
    tone = selectors.chosen_tone(request, document)
    view = presentation.build_view(revision_snapshot(meta), tone)
    context = document_context(request, document, tone, view, revision=meta)
    return render(request, "guidelines/history/revision.html", context)


@require_GET
def compare(request, slug):
    document = permissions.get_document_or_404(request.user, slug, need="history")
    to_ref = request.GET.get("to") or history.DRAFT
    from_ref = request.GET.get("from") or str(max(1, document.version - 1))
    tone = selectors.chosen_tone(request, document)
    try:
        comparison = history.comparison_between(
            document,
            from_ref,
            to_ref,
            view=request.GET.get("view", "inline"),
            tone=tone,
            both_voices=request.GET.get("voices") == history.BOTH_VOICES,
        )
    except history.ComparisonError as error:
        raise Http404(str(error)) from None
    return render(
        request,
        "guidelines/history/compare.html",
        {
            "document": document,
            "comparison": comparison,
            "tone": tone,
            "perms": permissions.document_perms(request.user, document),
            "releases": releases.releases_of(document),
        },
    )


@require_GET
def revision_restore(request, slug, number):
    """The choices for restoring from a revision: the whole document, a section, a rule."""
    document = permissions.get_document_or_404(request.user, slug, need="edit")
    meta = _revision(document, number)
    return render(
        request,
        "guidelines/history/restore.html",
        {
            "document": document,
            "revision": meta,
            "sections": history.restore_choices(document, meta),
        },
    )


def _restored(request, call, **kwargs):
    try:
        meta = call(user=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    messages.success(
        request,
        f"{meta.summary}. This is revision {meta.number}; "
        "nothing was lost, the history keeps every version.",
    )
    return meta


def _posted_revision(request, document) -> RevisionMeta:
    raw = request.POST.get("revision", "")
    if not raw.isdigit():
        raise Http404("Choose a revision to restore from.")
    return _revision(document, int(raw))


@require_POST
def document_restore(request, slug):
    document = permissions.get_document_or_404(request.user, slug, need="edit")
    meta = _posted_revision(request, document)
    _restored(request, restores.document_restore, document=document, meta=meta)
    return redirect(document.get_draft_url())


@require_POST
def section_restore(request, slug, section_id):
    document = permissions.get_document_or_404(request.user, slug, need="edit")
    section = get_object_or_404(
        Section.objects.select_related("document"), pk=section_id, document=document
    )
    meta = _posted_revision(request, document)
    _restored(request, restores.section_restore, section=section, meta=meta)
    return redirect(document.get_draft_url() + f"#{section.anchor}")


@require_POST
def rule_restore(request, slug, section_id, rule_id):
    document = permissions.get_document_or_404(request.user, slug, need="edit")
    section = get_object_or_404(
        Section.objects.select_related("document"), pk=section_id, document=document
    )
    meta = _posted_revision(request, document)
    _restored(request, restores.rule_restore, section=section, rule_id=rule_id, meta=meta)
    return redirect(document.get_draft_url() + f"#{section.anchor}")


@require_GET
def removed_sections(request, slug):
    document = permissions.get_document_or_404(request.user, slug, need="history")
    return render(
        request,
        "guidelines/history/removed.html",
        {
            "document": document,
            "removed": history.removed_sections(document),
            "perms": permissions.document_perms(request.user, document),
        },
    )


@require_POST
def section_bring_back(request, slug, section_id):
    document = permissions.get_document_or_404(request.user, slug, need="edit")
    section = get_object_or_404(
        Section.objects.select_related("document"), pk=section_id, document=document
    )
    if _restored(request, restores.section_bring_back, section=section) is None:
        return redirect("guidelines:removed_sections", document.slug)
    return redirect(document.get_draft_url() + f"#{section.anchor}")


@require_http_methods(["GET", "POST"])
def presence(request, slug, section_id):
    """POST: a heartbeat from an open editor (or `leave`); both answer who else is there."""
    document = permissions.get_document_or_404(request.user, slug, need="edit")
    section = get_object_or_404(Section, pk=section_id, document=document, removed_at__isnull=True)
    if request.method == "POST":
        if request.POST.get("leave"):
            presence_service.presence_leave(user=request.user, section=section)
        else:
            presence_service.presence_beat(user=request.user, section=section)
    names = presence_service.editing_now(section, exclude=request.user)
    return JsonResponse(
        {
            "editing": names,
            "message": presence_service.presence_sentence(names),
            "history_url": reverse("guidelines:section_history", args=[slug, section.pk]),
        }
    )
