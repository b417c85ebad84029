from django.urls import path

from guidelines.views import api, audit, exports, releases, workflow

urlpatterns = [
    path("d/<slug:slug>/submit/", workflow.document_submit, name="document_submit"),
    path("d/<slug:slug>/review/", workflow.review, name="review"),
    path("d/<slug:slug>/review/approve/", workflow.review_approve, name="review_approve"),
    path(
        "d/<slug:slug>/review/request-changes/",
        workflow.review_request_changes,
        name="review_request_changes",
    ),
    path(
        "d/<slug:slug>/review/sections/<int:section_id>/signoff/",
        workflow.section_signoff,
        name="section_signoff",
    ),
    path("d/<slug:slug>/publish/", workflow.document_publish, name="publish"),
    path("d/<slug:slug>/releases/", releases.release_list, name="releases"),
    path("d/<slug:slug>/releases/<str:version>/", releases.release_detail, name="release"),
    path(
        "d/<slug:slug>/releases/<str:version>/acknowledge/",
        releases.release_acknowledge,
        name="release_acknowledge",
    ),
    path(
        "d/<slug:slug>/releases/<str:version>/acknowledgements/",
        releases.acknowledgements,
        name="acknowledgements",
    ),
    path(
        "d/<slug:slug>/releases/<str:version>/acknowledgements.csv",
        releases.acknowledgements_csv,
        name="acknowledgements_csv",
    ),
    path("d/<slug:slug>/export/compare.pdf", exports.export_comparison, name="export_comparison"),
    path("d/<slug:slug>/export/<str:fmt>/", exports.export_document, name="export"),
    path("api/documents/<slug:slug>/", api.document_api, name="api_document"),
    path("audit/", audit.audit_log, name="audit"),
]
