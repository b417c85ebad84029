"""Routes of this capability (included by guidelines.urls, names unchanged)."""

from django.urls import path

from guidelines.tone import views

urlpatterns: list = [
    path("d/<slug:slug>/tone/", views.tone_check, name="tone_check"),
    path("d/<slug:slug>/tone/fix/", views.tone_fix, name="tone_fix"),
    path("d/<slug:slug>/tone/fix-all/", views.tone_fix_all, name="tone_fix_all"),
    path("d/<slug:slug>/tone/dismiss/", views.tone_dismiss, name="tone_dismiss"),
    path("d/<slug:slug>/tone/lint/", views.tone_lint, name="tone_lint"),
]
