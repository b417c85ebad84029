"""Routes of this capability (included by guidelines.urls, names unchanged)."""

from django.urls import path

from guidelines.releases import api, export_views, views

urlpatterns: list = [
    path("d/<slug:slug>/releases/", views.release_list, name="releases"),
    path("d/<slug:slug>/releases/<str:version>/", views.release_detail, name="release"),
    path(
        "d/<slug:slug>/releases/<str:version>/acknowledge/",
        views.release_acknowledge,
        name="release_acknowledge",
    ),
    path(
        "d/<slug:slug>/releases/<str:version>/acknowledgements/",
        views.acknowledgements,
        name="acknowledgements",
    ),
    path(
        "d/<slug:slug>/releases/<str:version>/acknowledgements.csv",
        views.acknowledgements_csv,
        name="acknowledgements_csv",
    ),
    path(
        "d/<slug:slug>/export/compare.pdf", export_views.export_comparison, name="export_comparison"
    ),
    path("d/<slug:slug>/export/<str:fmt>/", export_views.export_document, name="export"),
    path("api/documents/<slug:slug>/", api.document_api, name="api_document"),
]
