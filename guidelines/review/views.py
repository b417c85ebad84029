"""Submit, review (with per-section sign-off), approve, request changes and publish."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import permissions
from guidelines.documents import selectors
from guidelines.documents.context import add_service_errors
from guidelines.documents.snapshots import draft_snapshot
from guidelines.history import selectors as history
from guidelines.models import Document, Review, Section, SectionSignoff
from guidelines.releases import services as releases
from guidelines.review import workflow


class DecisionForm(forms.Form):
    seen_revision = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=workflow.MAX_REASONS,
        label="Comment (optional)",
    )


class RequestChangesForm(forms.Form):
    seen_revision = forms.IntegerField(widget=forms.HiddenInput)
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=workflow.MAX_REASONS,
        help_text="The editors see these on the draft until they resubmit.",
    )


class SignoffForm(forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
        label="Comment (optional)",
    )


class PublishForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[
            (workflow.MINOR, "Minor release: corrections and clarifications"),
            (workflow.MAJOR, "Major release: changes everyone must read again"),
        ],
        widget=forms.RadioSelect,
        initial=workflow.MINOR,
        label="Kind of release",
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=workflow.MAX_NOTES,
        label="Release notes (Markdown)",
    )


@require_POST
def document_submit(request, slug):
    document = permissions.get_document_or_404(request.user, slug, need="submit")
    try:
        workflow.document_submit(user=request.user, document=document)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Submitted for review. Reviewers can now approve it.")
    return redirect(document.get_draft_url())


def _review_context(request, document: Document, **forms_) -> dict:
    old = (
        document.latest_release.snapshot if document.latest_release_id else releases.EMPTY_SNAPSHOT
    )
    # Reviewed in the words employees read: the chosen voice, or both side by side.
    tone = selectors.chosen_tone(request, document)
    both = request.GET.get("voices") == history.BOTH_VOICES
    rows = history.review_rows(old, draft_snapshot(document), tone=tone, both_voices=both)
    signoffs = SectionSignoff.objects.filter(
        document=document, revision_id=document.latest_revision_id
    ).select_related("reviewer__profile")
    by_section: dict[int, list[SectionSignoff]] = {}
    for signoff in signoffs:
        by_section.setdefault(signoff.section_id, []).append(signoff)
    for row in rows:
        row.signoffs = by_section.get(int(row.key), [])
        row.mine = next((s for s in row.signoffs if s.reviewer_id == request.user.pk), None)
    reviews = Review.objects.filter(document=document).select_related(
        "reviewer__profile", "revision"
    )[:10]
    context = {
        "document": document,
        "rows": rows,
        "first_review": not document.latest_release_id,
        "approvals": workflow.current_approvals(document),
        "reviews": reviews,
        "signed": sum(1 for row in rows if row.mine),
        "tone": tone,
        "both_voices": both,
        "one_voice_url": _review_url(document, tone),
        "both_voices_url": _review_url(document, tone, voices=history.BOTH_VOICES),
        "full_compare": history.compare_url(
            document,
            f"r:{document.latest_release.version}" if document.latest_release_id else "1",
            "draft",
            tone=tone,
            voices=history.BOTH_VOICES if both else "",
        ),
        "approve_form": DecisionForm(initial={"seen_revision": document.version}),
        "changes_form": RequestChangesForm(initial={"seen_revision": document.version}),
    }
    context.update(forms_)
    return context


def _review_url(document: Document, tone: str, **params: str) -> str:
    query = urlencode({"tone": tone, **{k: v for k, v in params.items() if v}})
    return reverse("guidelines:review", args=[document.slug]) + "?" + query


@require_GET
def review(request, slug):
    document = permissions.get_document_or_404(request.user, slug, need="review")
    if document.status != Document.Status.IN_REVIEW:
        messages.info(
            request,
            f"This document is {document.get_status_display().lower()}, not waiting for review.",
        )
        return redirect(document.get_draft_url())
    return render(request, "guidelines/workflow/review.html", _review_context(request, document))


@require_POST
def review_approve(request, slug):
    document = permissions.get_document_or_404(request.user, slug, need="review")
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            workflow.review_approve(
                user=request.user,
                document=document,
                seen_revision=form.cleaned_data["seen_revision"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            document.refresh_from_db(fields=["status"])
            messages.success(
                request,
                "Approved. The document is ready to publish."
                if document.status == Document.Status.APPROVED
                else "Approved. It needs more approvals before it can be published.",
            )
            return redirect(document.get_draft_url())
    if document.status != Document.Status.IN_REVIEW:
        messages.error(request, " ".join(form.non_field_errors()))
        return redirect(document.get_draft_url())
    return render(
        request,
        "guidelines/workflow/review.html",
        _review_context(request, document, approve_form=form),
        status=400,
    )


@require_POST
def review_request_changes(request, slug):
    document = permissions.get_document_or_404(request.user, slug, need="review")
    form = RequestChangesForm(request.POST)
    if form.is_valid():
        try:
            workflow.review_request_changes(
                user=request.user,
                document=document,
                reasons=form.cleaned_data["reasons"],
                seen_revision=form.cleaned_data["seen_revision"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Changes requested. The document is back in draft.")
            return redirect(document.get_draft_url())
    if document.status not in (Document.Status.IN_REVIEW, Document.Status.APPROVED):
        messages.error(request, " ".join(form.non_field_errors()))
        return redirect(document.get_draft_url())
    return render(
        request,
        "guidelines/workflow/review.html",
        _review_context(request, document, changes_form=form),
        status=400,
    )


@require_POST
def section_signoff(request, slug, section_id):
    document = permissions.get_document_or_404(request.user, slug, need="review")
    section = get_object_or_404(Section, pk=section_id, document=document)
    form = SignoffForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That comment is too long.")
    else:
        try:
            workflow.section_signoff(
                user=request.user,
                document=document,
                section=section,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Signed off “{section.heading}”.")
    return redirect(reverse("guidelines:review", args=[document.slug]) + f"#section-{section.pk}")


@require_http_methods(["GET", "POST"])
def document_publish(request, slug):
    document = permissions.get_document_or_404(request.user, slug, need="publish")
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            release = workflow.document_publish(
                user=request.user, document=document, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Published version {release.version}.")
            return redirect(release.get_absolute_url())
    latest = document.latest_release
    context = {
        "document": document,
        "form": form,
        "latest": latest,
        "next_minor": "{}.{}".format(*workflow.next_version(latest, workflow.MINOR)),
        "next_major": "{}.{}".format(*workflow.next_version(latest, workflow.MAJOR)),
        "approvals": workflow.current_approvals(document),
    }
    return render(
        request, "guidelines/workflow/publish.html", context, status=400 if form.errors else 200
    )
