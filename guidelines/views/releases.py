from django.shortcuts import render

from guidelines import selectors
from guidelines.views.common import document_context


def render_release(request, document, release):
    tone = selectors.chosen_tone(request, document)
    view = release.rendered.get(tone) or {}
    context = document_context(request, document, tone, view, release=release)
    return render(request, "guidelines/document.html", context)
