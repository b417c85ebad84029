"""Small helpers shared by the views."""

from django.core.exceptions import ValidationError

from accounts import permissions
from guidelines import comments
from guidelines import tone as tone_engine


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's validation error on the form: per field where it names one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def document_context(request, document, tone: str, view: dict, **extra) -> dict:
    texts = [rule["text"] for section in view["sections"] for rule in section["rules"]]
    context = {
        "document": document,
        "tone": tone,
        "view": view,
        "perms": permissions.document_perms(request.user, document),
        "meter": tone_engine.tone_meter(texts),
        "watching": comments.is_watching(request.user, document),
        "comment_counts": comments.counts_for(document),
    }
    context.update(extra)
    return context
