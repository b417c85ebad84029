"""One search box over documents, sections, rules and comments."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from guidelines.search import selectors as search_engine


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = search_engine.search(request.user, query) if query else []
    return render(request, "guidelines/search/search.html", {"query": query, "results": results})
