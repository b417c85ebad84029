"""Routes of this capability (included by guidelines.urls, names unchanged)."""

from django.urls import path

from guidelines.review import views

urlpatterns: list = [
    path("d/<slug:slug>/submit/", views.document_submit, name="document_submit"),
    path("d/<slug:slug>/review/", views.review, name="review"),
    path("d/<slug:slug>/review/approve/", views.review_approve, name="review_approve"),
    path(
        "d/<slug:slug>/review/request-changes/",
        views.review_request_changes,
        name="review_request_changes",
    ),
    path(
        "d/<slug:slug>/review/sections/<int:section_id>/signoff/",
        views.section_signoff,
        name="section_signoff",
    ),
    path("d/<slug:slug>/publish/", views.document_publish, name="publish"),
]
