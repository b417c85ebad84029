"""Routes of this capability (included by guidelines.urls, names unchanged)."""

from django.urls import path

from guidelines.history import views

urlpatterns: list = [
    path("changes/", views.recent_changes, name="recent_changes"),
    path("d/<slug:slug>/history/", views.document_history, name="history"),
    path("d/<slug:slug>/contributors/", views.contributors, name="contributors"),
    path("d/<slug:slug>/compare/", views.compare, name="compare"),
    path("d/<slug:slug>/revisions/<int:number>/", views.revision, name="revision"),
    path(
        "d/<slug:slug>/revisions/<int:number>/restore/",
        views.revision_restore,
        name="revision_restore",
    ),
    path("d/<slug:slug>/restore/", views.document_restore, name="document_restore"),
    path("d/<slug:slug>/removed/", views.removed_sections, name="removed_sections"),
    path(
        "d/<slug:slug>/sections/<int:section_id>/history/",
        views.section_history,
        name="section_history",
    ),
    path(
        "d/<slug:slug>/sections/<int:section_id>/restore/",
        views.section_restore,
        name="section_restore",
    ),
    path(
        "d/<slug:slug>/sections/<int:section_id>/rules/<int:rule_id>/restore/",
        views.rule_restore,
        name="rule_restore",
    ),
    path(
        "d/<slug:slug>/sections/<int:section_id>/bring-back/",
        views.section_bring_back,
        name="section_bring_back",
    ),
    path("d/<slug:slug>/sections/<int:section_id>/presence/", views.presence, name="presence"),
]
