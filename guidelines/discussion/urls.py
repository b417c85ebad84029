"""Routes of this capability (included by guidelines.urls, names unchanged)."""

from django.urls import path

from guidelines.discussion import activity_views, views

urlpatterns: list = [
    path(
        "d/<slug:slug>/sections/<int:section_id>/comments/",
        views.section_comments,
        name="section_comments",
    ),
    path(
        "d/<slug:slug>/sections/<int:section_id>/comments/new/",
        views.comment_create,
        name="comment_create",
    ),
    path("d/<slug:slug>/comments/<int:comment_id>/edit/", views.comment_edit, name="comment_edit"),
    path(
        "d/<slug:slug>/comments/<int:comment_id>/delete/",
        views.comment_delete,
        name="comment_delete",
    ),
    path(
        "d/<slug:slug>/comments/<int:comment_id>/resolve/",
        views.comment_resolve,
        name="comment_resolve",
    ),
    path(
        "d/<slug:slug>/comments/<int:comment_id>/reopen/",
        views.comment_reopen,
        name="comment_reopen",
    ),
    path("d/<slug:slug>/comments/<int:comment_id>/hide/", views.comment_hide, name="comment_hide"),
    path(
        "d/<slug:slug>/comments/<int:comment_id>/unhide/",
        views.comment_unhide,
        name="comment_unhide",
    ),
    path("d/<slug:slug>/watch/", views.watch, name="watch"),
    path("d/<slug:slug>/activity/", activity_views.activity, name="activity"),
    path("people/", views.people, name="people"),
]
