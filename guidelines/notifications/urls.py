"""Routes of this capability (included by guidelines.urls, names unchanged)."""

from django.urls import path

from guidelines.notifications import views

urlpatterns: list = [
    path("notifications/", views.inbox, name="notifications"),
    path(
        "notifications/read-all/",
        views.notifications_read_all,
        name="notifications_read_all",
    ),
    path(
        "notifications/<int:notification_id>/read/",
        views.notification_read,
        name="notification_read",
    ),
]
