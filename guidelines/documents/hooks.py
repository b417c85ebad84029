"""Things that follow every recorded revision: search index, notifications, review state.

Kept apart from services so each concern owns its module; services call `after_revision` once
per user action, inside the same transaction.
"""

from __future__ import annotations


def after_revision(*, document, meta, sections, user) -> None:
    from guidelines.models import Watch
    from guidelines.notifications import services as notifications
    from guidelines.search import index as search_index

    search_index.index_document(document, sections=sections)
    notifications.document_changed(document=document, meta=meta, user=user)
    if user is not None and user.is_authenticated:
        from accounts import permissions

        # A document's editors watch it by default: whoever edits it starts watching.
        if permissions.can_edit(user, document):
            Watch.objects.bulk_create([Watch(user=user, document=document)], ignore_conflicts=True)
