from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions
from guidelines.documents import services
from guidelines.documents.context import add_service_errors
from guidelines.documents.forms import RuleFormSet, SectionForm, section_input
from guidelines.models import Section
from guidelines.models.documents import MAX_TEXT
from textkit import tone as tone_engine
from textkit.modality import TONES, Modality
from textkit.rendering import render_markdown


def _section(request, slug, section_id, need="edit") -> Section:
    document = permissions.get_document_or_404(request.user, slug, need=need)
    section = get_object_or_404(
        Section.objects.select_related("document"),
        pk=section_id,
        document=document,
        removed_at__isnull=True,
    )
    return section


def _rule_initial(section: Section) -> list[dict]:
    # The stored automatic phrasings and findings paint the editor without an engine call.
    return [
        {
            "id": r.pk,
            "modality": r.modality,
            "statement": r.statement,
            "policy_text": r.policy_text,
            "guideline_text": r.guideline_text,
            "explanation": r.explanation,
            "visibility": r.visibility,
            "ORDER": i + 1,
            "auto_policy": r.auto_policy,
            "auto_guideline": r.auto_guideline,
            "findings": r.findings,
        }
        for i, r in enumerate(section.rules.filter(removed_at__isnull=True))
    ]


def _editor_context(**context) -> dict:
    """What every editor page shows: the modalities and their strengths in plain words."""
    context.update(
        modalities=list(Modality),
        strengths={m.value: m.strength for m in Modality},
    )
    return context


def render_editor(request, section, form, formset, *, status=200, **extra):
    from guidelines.history.presence import editing_now

    context = _editor_context(
        document=section.document,
        section=section,
        form=form,
        formset=formset,
        editing_others=editing_now(section, exclude=request.user),
    )
    context.update(extra)
    return render(request, "guidelines/section_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
def section_edit(request, slug, section_id):
    section = _section(request, slug, section_id)
    if request.method == "GET":
        form = SectionForm(
            initial={
                "expected_version": section.version,
                "heading": section.heading,
                "anchor": section.anchor,
                "body": section.body,
                "visibility": section.visibility,
            }
        )
        formset = RuleFormSet(initial=_rule_initial(section), prefix="rules")
        return render_editor(request, section, form, formset)
    form = SectionForm(request.POST)
    formset = RuleFormSet(request.POST, prefix="rules")
    if not (form.is_valid() and formset.is_valid()):
        return render_editor(request, section, form, formset, status=400)
    expected = form.cleaned_data.get("expected_version")
    if expected is None:
        return HttpResponseBadRequest("The form is missing the version it was loaded from.")
    data = section_input(form, formset)
    try:
        services.section_save(
            user=request.user,
            section=section,
            expected_version=expected,
            data=data,
            summary=form.cleaned_data["summary"],
        )
    except services.EditConflict as conflict:
        from guidelines.history.conflict_views import handle_conflict

        return handle_conflict(request, section, form, formset, data, conflict)
    except ValidationError as error:
        add_service_errors(form, error)
        return render_editor(request, section, form, formset, status=400)
    messages.success(request, f"Saved “{data.heading}”.")
    return redirect(section.document.get_draft_url() + f"#{section.anchor}")


@require_http_methods(["GET", "POST"])
def section_add(request, slug):
    document = permissions.get_document_or_404(request.user, slug, need="edit")
    after = None
    after_id = request.GET.get("after") or request.POST.get("after")
    if after_id:
        if not str(after_id).isdigit():
            return HttpResponseBadRequest("Bad section id.")
        after = get_object_or_404(Section, pk=after_id, document=document)
    form = SectionForm(request.POST or None)
    formset = RuleFormSet(request.POST or None, prefix="rules")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            section = services.section_add(
                user=request.user,
                document=document,
                data=section_input(form, formset),
                after=after,
                summary=form.cleaned_data["summary"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Added “{section.heading}”.")
            return redirect(document.get_draft_url() + f"#{section.anchor}")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "guidelines/section_edit.html",
        _editor_context(document=document, section=None, form=form, formset=formset, after=after),
        status=status,
    )


@require_POST
def section_remove(request, slug, section_id):
    section = _section(request, slug, section_id)
    try:
        services.section_remove(
            user=request.user, section=section, summary=request.POST.get("summary", "")[:500]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Removed “{section.heading}”. It stays in the history.")
    return redirect(section.document.get_draft_url())


@require_POST
def section_move(request, slug, section_id):
    section = _section(request, slug, section_id)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponseBadRequest("Direction must be up or down.")
    try:
        services.section_move(
            user=request.user, section=section, offset=-1 if direction == "up" else 1
        )
    except ValidationError as error:  # the sections changed under us
        messages.error(request, " ".join(error.messages))
    return redirect(section.document.get_draft_url() + f"#{section.anchor}")


@require_POST
def sections_reorder(request, slug):
    document = permissions.get_document_or_404(request.user, slug, need="edit")
    raw = request.POST.getlist("order")
    if not raw or not all(value.isdigit() for value in raw):
        return HttpResponseBadRequest("The order must list section ids.")
    try:
        services.sections_reorder(user=request.user, document=document, order=[int(v) for v in raw])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Sections reordered.")
    return redirect(document.get_draft_url())


@require_POST
def preview(request, slug):
    """Live preview: Markdown through the same pipeline, and each rule in both voices as the
    engine phrases it (`automatic` false: left as written, it needs the author's phrasing)."""
    permissions.get_document_or_404(request.user, slug, need="edit")
    body = request.POST.get("body", "")
    if len(body) > MAX_TEXT:
        return JsonResponse({"error": f"The body is over {MAX_TEXT:,} characters."}, status=400)
    rules = []
    statements = request.POST.getlist("statement")[:1000]
    modalities = request.POST.getlist("modality")[:1000]
    for index, statement in enumerate(statements):
        statement = statement[:MAX_TEXT].strip()
        classified = tone_engine.classify(statement) if statement else Modality.SHOULD
        try:
            modality = Modality(modalities[index]) if index < len(modalities) else classified
        except ValueError:
            modality = classified
        rule: dict = {
            "classified": classified.value,
            # Wording that states its strength outright ("must", "never"): worth a hint.
            "explicit": bool(statement) and tone_engine.strength_of(statement) is not None,
            "strength": modality.strength,
        }
        for tone in TONES:
            phrasing = tone_engine.render(statement, tone, modality) if statement else None
            rule[tone] = phrasing.text if phrasing else ""
            rule[f"{tone}_automatic"] = bool(phrasing and phrasing.automatic)
            rule[f"{tone}_reason"] = phrasing.reason if phrasing else ""
        rules.append(rule)
    return JsonResponse({"html": render_markdown(body), "rules": rules})
