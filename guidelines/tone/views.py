"""The voice check: phrasings that break the rendering contract, their fixes and dismissals."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts import permissions
from guidelines.documents import selectors, services
from guidelines.documents.revisions import MODALITIES, phrasing_findings
from guidelines.models import Rule
from guidelines.models.documents import MAX_TEXT
from guidelines.tone import selectors as voice
from guidelines.tone import services as tone_services
from textkit.modality import GUIDELINE, POLICY, TONES, Modality

MAX_RULES = 1000


class ToneFixForm(forms.Form):
    tone = forms.ChoiceField(choices=[(t, t) for t in TONES])
    rule = forms.IntegerField(min_value=1, required=False)
    version = forms.IntegerField(min_value=0)


class DismissForm(forms.Form):
    tone = forms.ChoiceField(choices=[(t, t) for t in TONES])
    rule = forms.IntegerField(min_value=1)
    version = forms.IntegerField(min_value=0)
    code = forms.ChoiceField(choices=[(c, c) for c in tone_services.CODES])
    text = forms.CharField(max_length=MAX_TEXT, strip=False)
    reason = forms.CharField(max_length=tone_services.MAX_REASON, required=False)


def _back(document, tone: str, anchor: str = "") -> str:
    url = reverse("guidelines:tone_check", args=[document.slug]) + f"?tone={tone}"
    return url + (f"#{anchor}" if anchor else "")


def _rule_of(document, pk: int) -> Rule:
    return get_object_or_404(
        Rule.objects.select_related("section__document"), pk=pk, section__document=document
    )


@require_GET
def tone_check(request, slug):
    document = permissions.get_document_or_404(request.user, slug, need="edit")
    tone = selectors.chosen_tone(request, document)
    context = voice.voice_check(document, tone)
    context.update(
        document=document,
        tone=tone,
        other_tone=GUIDELINE if tone == POLICY else POLICY,
        perms=permissions.document_perms(request.user, document),
    )
    return render(request, "guidelines/tone/check.html", context)


@require_POST
def tone_fix(request, slug):
    document = permissions.get_document_or_404(request.user, slug, need="edit")
    form = ToneFixForm(request.POST)
    if not form.is_valid() or form.cleaned_data["rule"] is None:
        return HttpResponseBadRequest("A fix needs a rule, a tone and the section's version.")
    tone = form.cleaned_data["tone"]
    rule = _rule_of(document, form.cleaned_data["rule"])
    try:
        tone_services.rule_adopt_phrasing(
            user=request.user, rule=rule, tone=tone, expected_version=form.cleaned_data["version"]
        )
    except services.EditConflict:
        messages.warning(
            request,
            f"Someone changed “{rule.section.heading}” since you loaded "
            "the voice check. Here is the fresh list.",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        rule.refresh_from_db()
        messages.success(request, f"Now using: “{rule.text_for(tone)}”")
    return redirect(_back(document, tone))


@require_POST
def tone_fix_all(request, slug):
    document = permissions.get_document_or_404(request.user, slug, need="edit")
    form = ToneFixForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Fixing all needs a tone and the document's version.")
    tone = form.cleaned_data["tone"]
    try:
        meta = tone_services.phrasings_adopt_all(
            user=request.user,
            document=document,
            tone=tone,
            expected_version=form.cleaned_data["version"],
        )
    except (ValidationError, services.EditConflict) as error:
        messages.warning(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        if meta is None:
            messages.info(request, "Nothing to fix in one click.")
        else:
            messages.success(request, f"{meta.summary}.")
    return redirect(_back(document, tone))


@require_POST
def tone_dismiss(request, slug):
    document = permissions.get_document_or_404(request.user, slug, need="edit")
    form = DismissForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("A dismissal needs a rule, a tone, a finding and its text.")
    data = form.cleaned_data
    rule = _rule_of(document, data["rule"])
    try:
        tone_services.finding_dismiss(
            user=request.user,
            rule=rule,
            tone=data["tone"],
            code=data["code"],
            text=data["text"],
            reason=data["reason"],
            expected_version=data["version"],
        )
    except services.EditConflict:
        messages.warning(
            request,
            f"Someone changed “{rule.section.heading}” since you loaded "
            "the voice check. Here is the fresh list.",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "Dismissed. It stays dismissed while this phrasing stays word for word as it is.",
        )
    return redirect(_back(document, data["tone"]))


@require_POST
def tone_lint(request, slug):
    """For the editor: the contract's findings on each rule sent, in both voices, exactly as a
    save would store them. Per rule: `statement`, `modality`, `policy_text`, `guideline_text`."""
    permissions.get_document_or_404(request.user, slug, need="edit")
    fields = ("statement", "modality", "policy_text", "guideline_text")
    columns = [request.POST.getlist(name)[:MAX_RULES] for name in fields]
    if len({len(column) for column in columns}) != 1:
        return JsonResponse({"error": "Send each field once per rule."}, status=400)
    if any(m not in MODALITIES for m in columns[1]):
        return JsonResponse({"error": "Send a modality for each rule."}, status=400)
    if any(len(value) > MAX_TEXT for column in columns for value in column):
        return JsonResponse({"error": f"A text is over {MAX_TEXT:,} characters."}, status=400)
    results = []
    for statement, modality, policy_text, guideline_text in zip(*columns, strict=True):
        found = (
            phrasing_findings(
                statement=statement.strip(),
                modality=modality,
                written={POLICY: policy_text, GUIDELINE: guideline_text},
            )
            if statement.strip()
            else []
        )
        result: dict = {"strength": Modality(modality).strength}
        for tone in TONES:
            result[tone] = [
                {"code": f["code"], "message": f["message"], "fix": f["fix"]}
                for f in found
                if f["tone"] == tone
            ]
        results.append(result)
    return JsonResponse({"results": results})
