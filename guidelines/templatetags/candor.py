from django import template
from django.utils.http import urlencode

register = template.Library()


@register.filter
def title_in(document, tone: str) -> str:
    """A document's title in a tone: {{ document|title_in:"policy" }}."""
    return document.title_for(tone)


@register.filter
def modality_class(modality: str) -> str:
    return "modality-" + (modality or "none").replace("_", "-")


@register.simple_tag(takes_context=True)
def with_tone(context, tone: str) -> str:
    """The current URL's query string with the tone swapped, keeping the other parameters."""
    request = context["request"]
    params = request.GET.copy()
    params["tone"] = tone
    return "?" + urlencode(sorted(params.lists()), doseq=True)
