"""A document's activity: edits, comments and resolutions, newest first."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts import permissions
from guidelines.discussion import services as comments


@require_GET
def activity(request, slug):
    document = permissions.get_document_or_404(request.user, slug)
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    items, has_more = comments.activity_for(user=request.user, document=document, page=page)
    return render(
        request,
        "guidelines/comments/activity.html",
        {
            "document": document,
            "items": items,
            "page": page,
            "has_more": has_more,
            "watching": comments.is_watching(request.user, document),
            "perms": permissions.document_perms(request.user, document),
        },
    )
