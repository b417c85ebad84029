"""Things that follow every recorded revision: search index, notifications, review state.

Kept apart from services so each concern owns its module; services call `after_revision` once
per user action, inside the same transaction.
"""

from __future__ import annotations


def after_revision(*, document, meta, sections, user) -> None:
    from guidelines import search_index

    search_index.index_document(document, sections=sections)
