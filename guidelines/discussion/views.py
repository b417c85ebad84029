"""Discussion pages: a section's threads, posting, editing, resolving, moderation, watching."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import permissions
from guidelines.discussion import services as comments
from guidelines.documents.context import add_service_errors
from guidelines.models import Comment, Rule, Section


class CommentForm(forms.Form):
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000, label="Comment", strip=False
    )
    quote = forms.CharField(required=False, max_length=5_000, widget=forms.HiddenInput)
    rule = forms.IntegerField(required=False, widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class EditForm(forms.Form):
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), max_length=20_000, label="Comment", strip=False
    )


class HideForm(forms.Form):
    reason = forms.CharField(max_length=500, label="Reason")


def _section(document, section_id: int) -> Section:
    return get_object_or_404(Section, pk=section_id, document=document)


def _comment(document, comment_id: int) -> Comment:
    return get_object_or_404(
        Comment.objects.select_related("author__profile", "section", "document"),
        pk=comment_id,
        document=document,
    )


def _thread_url(comment: Comment) -> str:
    anchor = comment.parent_id or comment.pk
    return (
        reverse("guidelines:section_comments", args=[comment.document.slug, comment.section_id])
        + f"#comment-{anchor}"
    )


def _discussion(request, document, section, *, form=None, status=200, reply_to=None):
    filter_by = request.GET.get("filter", "all")
    if filter_by not in comments.FILTERS:
        filter_by = "all"
    rules = list(Rule.objects.filter(section=section, removed_at__isnull=True))
    threads = comments.threads_for(
        user=request.user, document=document, section=section, filter_by=filter_by, rules=rules
    )
    chosen_rule = request.GET.get("rule", "")
    context = {
        "document": document,
        "section": section,
        "rules": rules,
        "threads": threads,
        "filter": filter_by,
        "filters": comments.FILTERS,
        "form": form or CommentForm(initial={"rule": chosen_rule or None}),
        "reply_to": reply_to,
        "perms": permissions.document_perms(request.user, document),
        "watching": comments.is_watching(request.user, document),
        "show_text": permissions.can_view_draft(request.user, document),
    }
    return render(request, "guidelines/comments/section.html", context, status=status)


@require_GET
def section_comments(request, slug, section_id):
    document = permissions.get_document_or_404(request.user, slug, need="comment")
    section = _section(document, section_id)
    return _discussion(request, document, section)


@require_POST
def comment_create(request, slug, section_id):
    document = permissions.get_document_or_404(request.user, slug, need="comment")
    section = _section(document, section_id)
    form = CommentForm(request.POST)
    parent_id = request.POST.get("parent") or None
    if form.is_valid():
        data = form.cleaned_data
        parent = (
            get_object_or_404(Comment, pk=data["parent"], section=section)
            if data["parent"]
            else None
        )
        rule = (
            Rule.objects.filter(pk=data["rule"], section=section).first() if data["rule"] else None
        )
        try:
            if data["rule"] and rule is None:
                raise ValidationError("That rule is not part of this section.")
            comment = comments.comment_post(
                user=request.user,
                document=document,
                section=section,
                body=data["body"],
                quote=data["quote"],
                rule=rule,
                parent=parent,
            )
        except comments.RateLimited as error:
            form.add_error(None, str(error))
            return _discussion(
                request, document, section, form=form, status=429, reply_to=parent_id
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "Your reply is posted." if parent else "Your comment is posted."
            )
            return redirect(_thread_url(comment))
    return _discussion(request, document, section, form=form, status=400, reply_to=parent_id)


@require_http_methods(["GET", "POST"])
def comment_edit(request, slug, comment_id):
    document = permissions.get_document_or_404(request.user, slug, need="comment")
    comment = _comment(document, comment_id)
    if not permissions.can_change_comment(request.user, comment):
        raise PermissionDenied("Only its author can edit this comment.")
    form = EditForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            comments.comment_edit(
                user=request.user, comment=comment, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your comment is updated.")
            return redirect(_thread_url(comment))
    return render(
        request,
        "guidelines/comments/edit.html",
        {"document": document, "comment": comment, "form": form},
        status=400 if form.errors else 200,
    )


def _act(request, slug, comment_id, service, done: str, **kwargs):
    document = permissions.get_document_or_404(request.user, slug, need="comment")
    comment = _comment(document, comment_id)
    service(user=request.user, comment=comment, **kwargs)
    messages.success(request, done)
    return redirect(_thread_url(comment))


@require_POST
def comment_delete(request, slug, comment_id):
    return _act(request, slug, comment_id, comments.comment_delete, "Your comment is deleted.")


@require_POST
def comment_resolve(request, slug, comment_id):
    return _act(request, slug, comment_id, comments.comment_resolve, "Thread resolved.")


@require_POST
def comment_reopen(request, slug, comment_id):
    return _act(request, slug, comment_id, comments.comment_reopen, "Thread reopened.")


@require_POST
def comment_hide(request, slug, comment_id):
    if not permissions.can_moderate(request.user):
        raise PermissionDenied("Only administrators can hide comments.")
    form = HideForm(request.POST)
    if not form.is_valid():
        document = permissions.get_document_or_404(request.user, slug, need="comment")
        comment = _comment(document, comment_id)
        messages.error(request, "Say why the comment is hidden; it was not hidden.")
        return redirect(_thread_url(comment))
    return _act(
        request,
        slug,
        comment_id,
        comments.comment_hide,
        "The comment is hidden; the audit log records why.",
        reason=form.cleaned_data["reason"],
    )


@require_POST
def comment_unhide(request, slug, comment_id):
    if not permissions.can_moderate(request.user):
        raise PermissionDenied("Only administrators can unhide comments.")
    return _act(request, slug, comment_id, comments.comment_unhide, "The comment is visible again.")


@require_POST
def watch(request, slug):
    document = permissions.get_document_or_404(request.user, slug)
    watching = request.POST.get("watch") == "on"
    comments.watch_set(user=request.user, document=document, watching=watching)
    messages.success(
        request,
        f"You are watching {document.subject}."
        if watching
        else f"You no longer watch {document.subject}.",
    )
    target = request.POST.get("next", "")
    if not target.startswith("/") or target.startswith("//"):
        target = document.get_absolute_url()
    return redirect(target)


@require_GET
def people(request):
    """Members for @-mention autocomplete: [{"username", "name"}]."""
    if not permissions.is_member(request.user):
        raise Http404
    return JsonResponse(comments.people_matching(request.GET.get("q", "")), safe=False)
