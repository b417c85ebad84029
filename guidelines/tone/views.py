"""The tone check: rules whose wording fights a tone, and their one-click fixes."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts import permissions
from guidelines.documents import selectors, services
from guidelines.documents.snapshots import draft_snapshot
from guidelines.models import Rule
from guidelines.models.documents import MAX_TEXT
from guidelines.tone import services as tone_services
from textkit.legacy_tone import GUIDELINE, POLICY, TONES, lint


class ToneFixForm(forms.Form):
    tone = forms.ChoiceField(choices=[(t, t) for t in TONES])
    rule = forms.IntegerField(min_value=1, required=False)
    version = forms.IntegerField(min_value=0)


def _back(document, tone: str, anchor: str = "") -> str:
    url = reverse("guidelines:tone_check", args=[document.slug]) + f"?tone={tone}"
    return url + (f"#{anchor}" if anchor else "")


@require_GET
def tone_check(request, slug):
    document = permissions.get_document_or_404(request.user, slug, need="edit")
    tone = selectors.chosen_tone(request, document)
    snapshot = draft_snapshot(document)
    issues = tone_services.tone_issues(snapshot, tone)
    other = GUIDELINE if tone == POLICY else POLICY
    return render(
        request,
        "guidelines/tone/check.html",
        {
            "document": document,
            "tone": tone,
            "issues": issues,
            "fixable": sum(1 for issue in issues if issue.fix),
            "other_tone": other,
            "other_count": len(tone_services.tone_issues(snapshot, other)),
            "perms": permissions.document_perms(request.user, document),
        },
    )


@require_POST
def tone_fix(request, slug):
    document = permissions.get_document_or_404(request.user, slug, need="edit")
    form = ToneFixForm(request.POST)
    if not form.is_valid() or form.cleaned_data["rule"] is None:
        return HttpResponseBadRequest("A fix needs a rule, a tone and the section's version.")
    tone = form.cleaned_data["tone"]
    rule = get_object_or_404(
        Rule.objects.select_related("section"),
        pk=form.cleaned_data["rule"],
        section__document=document,
    )
    try:
        tone_services.rule_adopt_phrasing(
            user=request.user, rule=rule, tone=tone, expected_version=form.cleaned_data["version"]
        )
    except services.EditConflict:
        messages.warning(
            request,
            f"Someone changed “{rule.section.heading}” since you loaded "
            "the tone check. Here is the fresh list.",
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
            messages.info(request, "Nothing to fix automatically.")
        else:
            messages.success(request, f"{meta.summary}.")
    return redirect(_back(document, tone))


@require_POST
def tone_lint(request, slug):
    """For the editor: the wording that fights its tone in each phrasing sent (`text`/`tone`)."""
    permissions.get_document_or_404(request.user, slug, need="edit")
    texts = request.POST.getlist("text")[:2000]
    tones = request.POST.getlist("tone")[:2000]
    if len(texts) != len(tones) or any(t not in TONES for t in tones):
        return JsonResponse({"error": "Send one tone per text."}, status=400)
    if any(len(text) > MAX_TEXT for text in texts):
        return JsonResponse({"error": f"A text is over {MAX_TEXT:,} characters."}, status=400)
    return JsonResponse({"results": [lint(t, tone) for t, tone in zip(texts, tones, strict=True)]})
