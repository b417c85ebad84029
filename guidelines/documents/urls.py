"""Routes of this capability (included by guidelines.urls, names unchanged)."""

from django.urls import path

from guidelines.documents import section_views, views

urlpatterns: list = [
    path("", views.index, name="index"),
    path("new/", views.document_new, name="document_new"),
    path("d/<slug:slug>/", views.document, name="document"),
    path("d/<slug:slug>/draft/", views.draft, name="draft"),
    path("d/<slug:slug>/settings/", views.document_settings, name="document_settings"),
    path("d/<slug:slug>/preview/", section_views.preview, name="preview"),
    path("d/<slug:slug>/sections/new/", section_views.section_add, name="section_add"),
    path(
        "d/<slug:slug>/sections/reorder/", section_views.sections_reorder, name="sections_reorder"
    ),
    path(
        "d/<slug:slug>/sections/<int:section_id>/edit/",
        section_views.section_edit,
        name="section_edit",
    ),
    path(
        "d/<slug:slug>/sections/<int:section_id>/remove/",
        section_views.section_remove,
        name="section_remove",
    ),
    path(
        "d/<slug:slug>/sections/<int:section_id>/move/",
        section_views.section_move,
        name="section_move",
    ),
]
