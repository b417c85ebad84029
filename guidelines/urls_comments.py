"""Routes for comments, notifications, search and activity (included by guidelines.urls)."""

from django.urls import path

from guidelines.views import activity, comments, notifications, search

urlpatterns: list = [
    path(
        "d/<slug:slug>/sections/<int:section_id>/comments/",
        comments.section_comments,
        name="section_comments",
    ),
    path(
        "d/<slug:slug>/sections/<int:section_id>/comments/new/",
        comments.comment_create,
        name="comment_create",
    ),
    path(
        "d/<slug:slug>/comments/<int:comment_id>/edit/", comments.comment_edit, name="comment_edit"
    ),
    path(
        "d/<slug:slug>/comments/<int:comment_id>/delete/",
        comments.comment_delete,
        name="comment_delete",
    ),
    path(
        "d/<slug:slug>/comments/<int:comment_id>/resolve/",
        comments.comment_resolve,
        name="comment_resolve",
    ),
    path(
        "d/<slug:slug>/comments/<int:comment_id>/reopen/",
        comments.comment_reopen,
        name="comment_reopen",
    ),
    path(
        "d/<slug:slug>/comments/<int:comment_id>/hide/", comments.comment_hide, name="comment_hide"
    ),
    path(
        "d/<slug:slug>/comments/<int:comment_id>/unhide/",
        comments.comment_unhide,
        name="comment_unhide",
    ),
    path("d/<slug:slug>/watch/", comments.watch, name="watch"),
    path("d/<slug:slug>/activity/", activity.activity, name="activity"),
    path("people/", comments.people, name="people"),
    path("notifications/", notifications.inbox, name="notifications"),
    path(
        "notifications/read-all/",
        notifications.notifications_read_all,
        name="notifications_read_all",
    ),
    path(
        "notifications/<int:notification_id>/read/",
        notifications.notification_read,
        name="notification_read",
    ),
    path("search/", search.search, name="search"),
]
