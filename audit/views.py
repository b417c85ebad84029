"""The audit log: read-only, for Admins and Reviewers, filterable and paginated."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts import permissions
from audit.models import AuditEntry
from guidelines.models import Document

PAGE_SIZE = 50
ACTIONS = [
    ("document.submit", "Submitted for review"),
    ("review.approve", "Approved"),
    ("review.request_changes", "Requested changes"),
    ("section.signoff", "Signed off a section"),
    ("document.publish", "Published"),
    ("revision.restore", "Restored a revision"),
    ("comment.moderate", "Moderated a comment"),
    ("roles.change", "Changed roles"),
]


class AuditFilterForm(forms.Form):
    action = forms.CharField(required=False, max_length=40)
    actor = forms.CharField(required=False, max_length=150, label="Who (username)")
    document = forms.ModelChoiceField(
        queryset=Document.objects.order_by("subject"),
        required=False,
        to_field_name="slug",
        empty_label="All documents",
    )
    since = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )


def _filtered(data: dict):
    entries = AuditEntry.objects.select_related("actor__profile", "document")
    if data.get("action"):
        entries = entries.filter(action=data["action"])
    if data.get("actor"):
        entries = entries.filter(actor__username=data["actor"].strip())
    if data.get("document"):
        entries = entries.filter(document=data["document"])
    if data.get("since"):
        entries = entries.filter(created_at__date__gte=data["since"])
    if data.get("until"):
        entries = entries.filter(created_at__date__lte=data["until"])
    return entries


@require_GET
def audit_log(request):
    if not permissions.can_view_audit(request.user):
        raise PermissionDenied("Only admins and reviewers can read the audit log.")
    form = AuditFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    page = Paginator(_filtered(data), PAGE_SIZE).get_page(request.GET.get("page"))
    known = dict(ACTIONS)
    for entry in page:
        entry.action_label = known.get(entry.action, entry.action)
    params = request.GET.copy()
    params.pop("page", None)
    recorded = AuditEntry.objects.order_by().values_list("action", flat=True).distinct()
    actions = sorted({*known, *recorded}, key=lambda a: known.get(a, a))
    context = {
        "form": form,
        "page": page,
        "query": params.urlencode(),
        "actions": [(a, known.get(a, a)) for a in actions],
    }
    return render(request, "guidelines/workflow/audit.html", context)
