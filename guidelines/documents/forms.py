from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from guidelines.documents.services import RuleInput, SectionInput
from guidelines.models import Document
from guidelines.models.documents import MAX_TEXT, MODALITY_CHOICES, Visibility
from textkit.modality import TONES

TONE_CHOICES = [("guideline", "Guideline"), ("policy", "Policy")]


class DocumentCreateForm(forms.Form):
    subject = forms.CharField(max_length=200, help_text="For example “Social Computing”.")
    slug = forms.SlugField(
        max_length=80,
        required=False,
        help_text="The address of the document; made from the subject if blank.",
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )
    default_tone = forms.ChoiceField(choices=TONE_CHOICES, initial="guideline")
    copy_from = forms.ModelChoiceField(
        queryset=Document.objects.all(),
        required=False,
        empty_label="Start blank",
        help_text="Start from a copy of an existing document's draft.",
    )

    def clean(self):
        data = super().clean()
        if data.get("subject") and not data.get("slug"):
            data["slug"] = slugify(data["subject"])[:80]
        return data


class DocumentSettingsForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    subject = forms.CharField(max_length=200)
    slug = forms.SlugField(max_length=80)
    title_policy = forms.CharField(
        max_length=250, required=False, help_text="Blank: “<subject> Policy”."
    )
    title_guideline = forms.CharField(
        max_length=250, required=False, help_text="Blank: “<subject> Guidelines”."
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )
    default_tone = forms.ChoiceField(choices=TONE_CHOICES)
    required_approvals = forms.IntegerField(min_value=1, max_value=20)
    open_for_consultation = forms.BooleanField(
        required=False, help_text="Let every employee read and comment on the draft."
    )
    edit_summary = forms.CharField(max_length=500, required=False)


class SectionForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    heading = forms.CharField(max_length=200)
    anchor = forms.SlugField(
        max_length=80,
        required=False,
        help_text="The section's link name; kept when the heading changes.",
    )
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=MAX_TEXT,
        help_text="Markdown.",
    )
    visibility = forms.ChoiceField(choices=Visibility.choices, initial=Visibility.BOTH)
    summary = forms.CharField(
        max_length=500,
        required=False,
        label="Edit summary",
        help_text="Briefly, what you changed and why.",
    )

    def clean_heading(self):
        heading = self.cleaned_data["heading"].strip()
        if not heading:
            raise ValidationError("A section needs a heading.")
        return heading


class RuleForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    modality = forms.ChoiceField(choices=MODALITY_CHOICES)
    statement = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=MAX_TEXT)
    policy_text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=MAX_TEXT,
        label="Policy phrasing",
    )
    guideline_text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=MAX_TEXT,
        label="Guideline phrasing",
    )
    explanation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=MAX_TEXT
    )
    visibility = forms.ChoiceField(choices=Visibility.choices, initial=Visibility.BOTH)


RuleFormSet = forms.formset_factory(
    RuleForm,
    extra=0,
    can_delete=True,
    can_order=True,
    max_num=500,
    validate_max=True,
    absolute_max=1000,
)


def section_input(form: SectionForm, formset) -> SectionInput:
    """The validated section form and rule formset as service input, rules in their order."""
    rules = [
        RuleInput(
            id=f.cleaned_data.get("id"),
            modality=f.cleaned_data["modality"],
            statement=f.cleaned_data["statement"],
            policy_text=f.cleaned_data.get("policy_text", ""),
            guideline_text=f.cleaned_data.get("guideline_text", ""),
            explanation=f.cleaned_data.get("explanation", ""),
            visibility=f.cleaned_data["visibility"],
        )
        for f in formset.ordered_forms
    ]
    return SectionInput(
        heading=form.cleaned_data["heading"],
        anchor=form.cleaned_data.get("anchor") or "",
        body=form.cleaned_data.get("body", ""),
        visibility=form.cleaned_data["visibility"],
        rules=rules,
    )


def tone_param(value: str | None) -> str | None:
    return value if value in TONES else None
