"""Routes for the tone check (included by guidelines.urls)."""

from django.urls import path

from guidelines.views import tone

urlpatterns: list = [
    path("d/<slug:slug>/tone/", tone.tone_check, name="tone_check"),
    path("d/<slug:slug>/tone/fix/", tone.tone_fix, name="tone_fix"),
    path("d/<slug:slug>/tone/fix-all/", tone.tone_fix_all, name="tone_fix_all"),
    path("d/<slug:slug>/tone/lint/", tone.tone_lint, name="tone_lint"),
]
