"""Small helpers shared by the views."""

import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from accounts import permissions
from accounts.models import Profile
from guidelines.discussion import services as comments
from guidelines.models import Notification, Watch
from guidelines.notifications import services as notifications
from guidelines.review.selectors import workflow_state
from guidelines.tone import selectors as voice


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's validation error on the form: per field where it names one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@functools.cache
def _reader_sql() -> str:
    """Profile, watch and unread count in one statement.

    Written out because the ORM spends about a millisecond building the equivalent annotated
    query, twenty times what the database takes to answer it, on the busiest page there is.
    Names come from the models, so a renamed table or column cannot go stale here.
    """
    quote = connection.ops.quote_name
    names = {
        f"{prefix}_{name}": quote(model._meta.get_field(name).column)
        for prefix, model, fields in (
            ("p", Profile, ["user"]),
            ("w", Watch, ["user", "document"]),
            ("n", Notification, ["user", "read_at"]),
        )
        for name in fields
    }
    names.update(
        profile=quote(Profile._meta.db_table),
        watch=quote(Watch._meta.db_table),
        notification=quote(Notification._meta.db_table),
    )
    template = (
        "SELECT p.*,"
        " EXISTS (SELECT 1 FROM {watch} w WHERE w.{w_user} = p.{p_user}"
        " AND w.{w_document} = %s) AS reader_watching,"
        " (SELECT COUNT(*) FROM {notification} n WHERE n.{n_user} = p.{p_user}"
        " AND n.{n_read_at} IS NULL) AS reader_unread"
        " FROM {profile} p WHERE p.{p_user} = %s"
    )
    return template.format(**names)  # noqa: S608 (names from the models; values are parameters)


def reader_state(request, document) -> bool:
    """Whether the reader watches the document: asked in one query together with their profile
    and unread notification count, which every document page also shows.

    Leaves the profile on `request.user` (unless it was loaded already) and the count where
    the notifications context processor finds it. Call it before anything reads the profile
    (the tone choice does) to save that query too. Memoised per request and document.
    """
    memo = request.__dict__.setdefault("_candor_reader_state", {})
    if document.pk in memo:
        return memo[document.pk]
    user = request.user
    if not user.is_authenticated:
        memo[document.pk] = False
        return False
    found = list(Profile.objects.raw(_reader_sql(), [document.pk, user.pk]))
    if not found:  # an account made without a profile: ask separately
        watching = comments.is_watching(user, document)
    else:
        profile = found[0]
        watching = bool(profile.reader_watching)
        setattr(request, notifications.UNREAD_ON_REQUEST, int(profile.reader_unread))
        if not Profile.user.field.remote_field.is_cached(user):
            user.profile = profile
    memo[document.pk] = watching
    return watching


def document_context(request, document, tone: str, view: dict, **extra) -> dict:
    perms = permissions.document_perms(request.user, document)
    meter = voice_state = None
    if perms["edit"] and extra.get("is_draft"):
        # Only editors of the draft see the stance meter and the voice check's counts: from
        # stored modalities and findings, never an engine call.
        meter = voice.document_stance(document, view)
        voice_state = voice.draft_voice_state(document, tone)
    context = {
        "document": document,
        "tone": tone,
        "view": view,
        "perms": perms,
        "meter": meter,
        "voice": voice_state,
        "watching": reader_state(request, document),
        "comment_counts": comments.counts_for(document),
    }
    context.update(extra)
    context["wf"] = workflow_state(
        request.user,
        document,
        release=context.get("release"),
        is_draft=bool(context.get("is_draft")),
    )
    if voice_state and voice_state["strength_errors"] and not context["wf"].get("can_submit"):
        context["submit_refusal"] = submit_refusal(request.user, document)
    return context


def submit_refusal(user, document) -> list[str]:
    """Why submitting would be refused, in the workflow's own words, when only the voice check
    stands in its way: the draft page offers the button and shows the reasons."""
    from guidelines.review import workflow

    if not permissions.can_submit(user, document) or document.status != document.Status.DRAFT:
        return []
    try:
        workflow.SubmitAction(user, document).check()
    except ValidationError as error:
        return error.messages
    except PermissionDenied:
        return []
    return []
