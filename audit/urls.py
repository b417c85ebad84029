"""Routes of this capability (included by guidelines.urls, names unchanged)."""

from django.urls import path

from audit import views

urlpatterns: list = [
    path("audit/", views.audit_log, name="audit"),
]
