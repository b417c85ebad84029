"""The read API: a release as JSON, for intranets that embed the guidelines."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from accounts import permissions
from guidelines.releases import services as releases
from textkit import presentation


def _not_found(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=404)


# Machine clients get JSON, not the login page: an anonymous caller sees the same 404.
@login_not_required
@require_GET
def document_api(request, slug):
    """GET ?tone=policy|guideline&release=x.y; the same permissions as the document page.

    Anyone who may not see the document gets the same 404 as for a document that does not
    exist, so the API does not reveal which documents exist.
    """
    try:
        document = permissions.get_document_or_404(request.user, slug)
        version = request.GET.get("release")
        release = releases.release_or_404(document, version) if version else document.latest_release
    except Http404:
        return _not_found("No such document or release.")
    if release is None:
        return _not_found("This document has no published release yet.")
    tone = request.GET.get("tone") or document.default_tone
    if tone not in presentation.TONES:
        return JsonResponse({"error": "tone must be policy or guideline."}, status=400)
    view = presentation.complete_view(
        release.rendered.get(tone) or presentation.build_view(release.snapshot, tone)
    )
    data = {
        "document": document.slug,
        "release": {
            "version": release.version,
            "published_at": release.published_at,
            "notes": release.notes,
            "latest": release.pk == document.latest_release_id,
            "url": request.build_absolute_uri(release.get_absolute_url()),
        },
        "tone": tone,
        "title": view["title"],
        "summary": view.get("summary", ""),
        "sections": [
            {
                "anchor": s["anchor"],
                "heading": s["heading"],
                "body_html": s["body_html"],
                "rules": [
                    {
                        "modality": r["modality"],
                        # In plain words, the same in both voices: what the rule asks.
                        "strength": r["strength"],
                        "text": r["text"],
                        "automatic": r["automatic"],
                        "explanation_html": r["explanation_html"],
                    }
                    for r in s["rules"]
                ],
            }
            for s in view["sections"]
        ],
    }
    response = JsonResponse(data)
    response["Cache-Control"] = "private, max-age=60"
    return response
