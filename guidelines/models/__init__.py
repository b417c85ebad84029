from guidelines.models.comments import Comment, Notification, Watch
from guidelines.models.documents import Document, PhrasingDismissal, Rule, Section, Visibility
from guidelines.models.history import Presence, RevisionMeta, RevisionTouch
from guidelines.models.search import SearchEntry
from guidelines.models.workflow import (
    Acknowledgement,
    Release,
    ReleaseExport,
    Review,
    SectionSignoff,
)

__all__ = [
    "Acknowledgement",
    "Comment",
    "Document",
    "Notification",
    "PhrasingDismissal",
    "Presence",
    "Release",
    "ReleaseExport",
    "Review",
    "RevisionMeta",
    "RevisionTouch",
    "Rule",
    "SearchEntry",
    "Section",
    "SectionSignoff",
    "Visibility",
    "Watch",
]
