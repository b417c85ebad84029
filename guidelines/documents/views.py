from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts import permissions
from guidelines.documents import selectors, services
from guidelines.documents.context import add_service_errors, document_context
from guidelines.documents.forms import DocumentCreateForm, DocumentSettingsForm


@require_GET
def index(request):
    documents = selectors.documents_for(request.user)
    return render(request, "guidelines/index.html", {"documents": documents})


@require_http_methods(["GET", "POST"])
def document_new(request):
    if not permissions.can_create_document(request.user):
        raise PermissionDenied("Only editors can create documents.")
    form = DocumentCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_create(
                user=request.user,
                subject=form.cleaned_data["subject"],
                slug=form.cleaned_data["slug"],
                summary=form.cleaned_data["summary"],
                default_tone=form.cleaned_data["default_tone"],
                copy_from=form.cleaned_data["copy_from"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Created “{document.subject}”.")
            return redirect(document.get_draft_url())
    return render(request, "guidelines/document_new.html", {"form": form})


@require_GET
def document(request, slug):
    """The published document (its latest release), or the draft before the first release."""
    doc = permissions.get_document_or_404(request.user, slug)
    if doc.latest_release_id:
        from guidelines.releases.views import render_release

        return render_release(request, doc, doc.latest_release)
    if not permissions.can_view_draft(request.user, doc):
        raise PermissionDenied
    return draft(request, slug)


@require_GET
def draft(request, slug):
    doc = permissions.get_document_or_404(request.user, slug, need="view_draft")
    tone = selectors.chosen_tone(request, doc)
    context = document_context(request, doc, tone, selectors.draft_view(doc, tone), is_draft=True)
    return render(request, "guidelines/document.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_settings(request, slug):
    doc = permissions.get_document_or_404(request.user, slug, need="edit")
    initial = {
        "expected_version": doc.version,
        "subject": doc.subject,
        "slug": doc.slug,
        "title_policy": doc.title_policy,
        "title_guideline": doc.title_guideline,
        "summary": doc.summary,
        "default_tone": doc.default_tone,
        "required_approvals": doc.required_approvals,
        "open_for_consultation": doc.open_for_consultation,
    }
    form = DocumentSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_update(user=request.user, document=doc, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Settings saved.")
            return redirect("guidelines:draft", form.cleaned_data["slug"])
    return render(request, "guidelines/document_settings.html", {"document": doc, "form": form})
