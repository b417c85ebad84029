"""The notification inbox: read, mark read, mark all read."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from guidelines.models import Notification
from guidelines.notifications import services as notifications


@require_GET
def inbox(request):
    show = "unread" if request.GET.get("show") == "unread" else "all"
    rows = notifications.inbox(request.user)
    if show == "unread":
        rows = rows.filter(read_at__isnull=True)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(request, "guidelines/notifications/inbox.html", {"page": page, "show": show})


@require_POST
def notification_read(request, notification_id):
    """Mark one read; with `open` set, continue to what it is about."""
    notification = get_object_or_404(Notification, pk=notification_id, user=request.user)
    notifications.mark_read(user=request.user, notification=notification)
    target = notification.url
    if (
        request.POST.get("open")
        and target
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return redirect(target)
    return redirect("guidelines:notifications")


@require_POST
def notifications_read_all(request):
    count = notifications.mark_all_read(user=request.user)
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} read.")
    return redirect("guidelines:notifications")
