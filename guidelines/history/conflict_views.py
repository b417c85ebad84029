"""What happens when a section was saved by someone else while an editor was editing it.

Edits that do not overlap are merged and saved at once; overlapping ones come back on a
conflict screen with the editor's own text still in the form and the other version beside it.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.html import format_html

from guidelines.documents.forms import RuleFormSet, SectionForm
from guidelines.documents.section_views import render_editor
from guidelines.history import conflicts
from guidelines.history import selectors as history


def handle_conflict(request, section, form, formset, data, conflict):
    summary = form.cleaned_data.get("summary", "")
    document = section.document
    result = conflicts.merge_and_save(
        user=request.user,
        section=section,
        base_version=conflict.expected_version,
        data=data,
        summary=summary,
    )
    outcome = result.merge
    base = history.revision_number_at(section.pk, conflict.expected_version)
    if result.saved:
        url = history.compare_url(document, base or result.meta.number - 1, result.meta.number)
        messages.success(
            request,
            format_html(
                "Your changes were merged with {}'s and saved as revision {}. "
                '<a href="{}">See both edits compared</a>.',
                outcome.authors_text,
                result.meta.number,
                url,
            ),
        )
        return redirect(document.get_draft_url() + f"#{section.anchor}")
    section.refresh_from_db()
    initial, rules = conflicts.merge_form_initial(outcome.data, outcome.current_version, summary)
    return render_editor(
        request,
        section,
        SectionForm(initial=initial),
        RuleFormSet(initial=rules, prefix="rules"),
        status=409,
        conflict=outcome,
        conflict_compare_url=history.compare_url(document, base or 1, history.DRAFT),
    )
