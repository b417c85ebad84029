from django.urls import path

from guidelines.views import documents, sections

app_name = "guidelines"

urlpatterns = [
    path("", documents.index, name="index"),
    path("new/", documents.document_new, name="document_new"),
    path("d/<slug:slug>/", documents.document, name="document"),
    path("d/<slug:slug>/draft/", documents.draft, name="draft"),
    path("d/<slug:slug>/settings/", documents.document_settings, name="document_settings"),
    path("d/<slug:slug>/preview/", sections.preview, name="preview"),
    path("d/<slug:slug>/sections/new/", sections.section_add, name="section_add"),
    path("d/<slug:slug>/sections/reorder/", sections.sections_reorder, name="sections_reorder"),
    path(
        "d/<slug:slug>/sections/<int:section_id>/edit/", sections.section_edit, name="section_edit"
    ),
    path(
        "d/<slug:slug>/sections/<int:section_id>/remove/",
        sections.section_remove,
        name="section_remove",
    ),
    path(
        "d/<slug:slug>/sections/<int:section_id>/move/", sections.section_move, name="section_move"
    ),
]

# Each area adds its routes from its own module (history, comments, workflow, ...).
from guidelines.urls_comments import urlpatterns as comments_urls  # noqa: E402
from guidelines.urls_history import urlpatterns as history_urls  # noqa: E402
from guidelines.urls_tone import urlpatterns as tone_urls  # noqa: E402
from guidelines.urls_workflow import urlpatterns as workflow_urls  # noqa: E402

urlpatterns += history_urls + comments_urls + workflow_urls + tone_urls
