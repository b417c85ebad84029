"""What happens when a section was saved by someone else while an editor was editing it."""

from django.contrib import messages

from guidelines.views.sections import render_editor


def handle_conflict(request, section, form, formset, data, conflict):
    section.refresh_from_db()
    messages.warning(
        request,
        "Someone else saved this section while you were editing it. Your text is still in the "
        "form; compare it with theirs, then save again.",
    )
    form.data = form.data.copy()
    form.data["expected_version"] = section.version
    return render_editor(request, section, form, formset, status=409, conflict=conflict)
