"""Reads shared by views, commands and exports."""

from __future__ import annotations

from accounts import permissions
from guidelines.documents.snapshots import draft_snapshot
from guidelines.models import Document
from textkit import presentation


def documents_for(user) -> list[Document]:
    # A release carries its whole snapshot and renderings; a list only needs its number and date.
    documents = (
        Document.objects.select_related("latest_release")
        .defer("latest_release__snapshot", "latest_release__rendered")
        .order_by("subject")
    )
    return [d for d in documents if permissions.can_view(user, d)]


def chosen_tone(request, document: Document) -> str:
    """The tone to show: the URL's, else the reader's remembered one, else the document's."""
    asked = request.GET.get("tone")
    if asked in presentation.TONES:
        remember_tone(request, asked)
        return asked
    remembered = request.session.get("tone")
    if not remembered and request.user.is_authenticated:
        profile = getattr(request.user, "profile", None)
        remembered = profile.preferred_tone if profile else ""
    return presentation.normalise_tone(remembered, document.default_tone)


def remember_tone(request, tone: str) -> None:
    if request.session.get("tone") != tone:
        request.session["tone"] = tone
    if request.user.is_authenticated:
        from accounts.models import Profile

        Profile.objects.filter(user=request.user).exclude(preferred_tone=tone).update(
            preferred_tone=tone
        )


def draft_view(document: Document, tone: str) -> dict:
    return presentation.build_view(draft_snapshot(document), tone)
