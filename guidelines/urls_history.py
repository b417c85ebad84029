"""Routes for history, comparison, restore and presence (included by guidelines.urls)."""

from django.urls import path

from guidelines.views import history

urlpatterns: list = [
    path("changes/", history.recent_changes, name="recent_changes"),
    path("d/<slug:slug>/history/", history.document_history, name="history"),
    path("d/<slug:slug>/contributors/", history.contributors, name="contributors"),
    path("d/<slug:slug>/compare/", history.compare, name="compare"),
    path("d/<slug:slug>/revisions/<int:number>/", history.revision, name="revision"),
    path(
        "d/<slug:slug>/revisions/<int:number>/restore/",
        history.revision_restore,
        name="revision_restore",
    ),
    path("d/<slug:slug>/restore/", history.document_restore, name="document_restore"),
    path("d/<slug:slug>/removed/", history.removed_sections, name="removed_sections"),
    path(
        "d/<slug:slug>/sections/<int:section_id>/history/",
        history.section_history,
        name="section_history",
    ),
    path(
        "d/<slug:slug>/sections/<int:section_id>/restore/",
        history.section_restore,
        name="section_restore",
    ),
    path(
        "d/<slug:slug>/sections/<int:section_id>/rules/<int:rule_id>/restore/",
        history.rule_restore,
        name="rule_restore",
    ),
    path(
        "d/<slug:slug>/sections/<int:section_id>/bring-back/",
        history.section_bring_back,
        name="section_bring_back",
    ),
    path("d/<slug:slug>/sections/<int:section_id>/presence/", history.presence, name="presence"),
]
