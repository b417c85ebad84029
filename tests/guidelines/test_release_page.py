"""The published page's cached body: cut once, filled per request, one comment form per page."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from guidelines.models import Comment, Section
from guidelines.releases import page as release_page
from tests.guidelines.discussion.test_comments import post
from tests.guidelines.workflow_fixtures import make_released


@pytest.fixture
def released(document, editor, reviewer):
    release_page.forget_local()
    yield make_released(document, editor, reviewer)
    release_page.forget_local()


def sections_of(document):
    return list(
        Section.objects.filter(document=document, removed_at__isnull=True).order_by("position")
    )


# --- cutting and filling ----------------------------------------------------------------------


def test_it_cuts_a_body_at_its_markers_and_fills_each_request_s_values():
    body = (
        "<li>A<!--candor-toc-count:7--></li><p><!--candor-discussion:7--></p>"
        f'<input value="{release_page.CSRF_MARKER}"><p><!--candor-discussion:8--></p>'
    )
    cut = release_page.cut(body, slug="guide", title="Guide")
    assert [slot.kind for slot in cut.slots] == ["toc-count", "discussion", "csrf", "discussion"]
    assert cut.needs_token
    html = release_page.fill(cut, csrf_token="tok", counts={7: 2}).decode()
    url = reverse("guidelines:section_comments", args=["guide", 7])
    assert f'<a class="toc-count" href="{url}" title="2 comments">2' in html
    assert "<p>2 comments</p>" in html
    assert '<input value="tok">' in html
    assert "<p>Discussion</p>" in html  # section 8 has none
    assert "candor-" not in html


def test_it_writes_one_comment_in_the_singular_and_shows_no_badge_for_none():
    cut = release_page.cut("<!--candor-toc-count:1-->|<!--candor-discussion:1-->", slug="g")
    assert release_page.fill(cut, csrf_token="", counts={1: 1}).decode().endswith("|1 comment")
    assert release_page.fill(cut, csrf_token="", counts={}).decode() == "|Discussion"


def test_it_keeps_a_body_without_markers_whole_and_asks_for_no_token():
    cut = release_page.cut("<p>Plain “text”</p>", slug="g")
    assert not cut.needs_token
    assert release_page.fill(cut, csrf_token="x", counts={1: 3}) == "<p>Plain “text”</p>".encode()


def test_it_keeps_only_a_few_bodies_in_the_process():
    release_page.forget_local()
    for n in range(release_page.LOCAL_BODIES + 3):
        release_page._remember(f"key-{n}", release_page.cut("x", slug="g"))
    assert release_page._recall("key-0") is None
    assert release_page._recall(f"key-{release_page.LOCAL_BODIES + 2}") is not None
    release_page.forget_local()


# --- the page ---------------------------------------------------------------------------------


def test_the_release_page_carries_one_comment_form_for_all_its_sections(
    client_for, employee, released
):
    document, _ = released
    html = client_for(employee).get(document.get_absolute_url() + "?tone=policy").content.decode()
    assert html.count('id="comment-form-template"') == 1
    assert html.count("data-comment-form") == 1
    assert html.count('name="csrfmiddlewaretoken"') >= 1
    for section in sections_of(document):
        create = reverse("guidelines:comment_create", args=[document.slug, section.pk])
        page = reverse("guidelines:section_comments", args=[document.slug, section.pk])
        assert f'data-discussion="{section.pk}" data-comment-url="{create}"' in html
        assert f'href="{page}#new-comment" data-comment-start' in html
    assert "data-rule-text" not in html
    assert "candor-csrf-token-marker" not in html and "<!--candor-" not in html


def test_the_release_page_shows_counts_from_this_request(client_for, employee, editor, released):
    document, _ = released
    client = client_for(employee)
    assert 'class="toc-count"' not in client.get(document.get_absolute_url()).content.decode()
    thread = post(employee, document)
    post(editor, document, thread.section, parent=thread)
    html = client.get(document.get_absolute_url()).content.decode()
    url = reverse("guidelines:section_comments", args=[document.slug, thread.section_id])
    assert f'<a class="toc-count" href="{url}" title="2 comments">2' in html
    assert f'<a class="discussion-link" href="{url}">2 comments' in html


def test_the_page_s_comment_form_posts_with_its_own_csrf_token(employee, released):
    document, _ = released
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee)
    html = client.get(document.get_absolute_url()).content.decode()
    template = html[html.index('<template id="comment-form-template">') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', template).group(1)
    section = sections_of(document)[0]
    response = client.post(
        reverse("guidelines:comment_create", args=[document.slug, section.pk]),
        {
            "body": "Through the page's one form.",
            "quote": "",
            "rule": "",
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302
    assert Comment.objects.get().body == "Through the page's one form."


def test_a_repeat_view_reuses_the_cut_body_without_rendering_it(
    client_for, employee, released, monkeypatch
):
    document, _ = released
    client = client_for(employee)
    first = client.get(document.get_absolute_url()).content

    def fail(*args, **kwargs):
        raise AssertionError("the body was rendered again")

    monkeypatch.setattr(release_page, "cut", fail)
    again = client.get(document.get_absolute_url()).content
    strip = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub(b"", again) == strip.sub(b"", first)


def test_a_body_shared_by_another_process_is_used_without_rendering(
    client_for, employee, released, monkeypatch
):
    document, release = released
    client = client_for(employee)
    client.get(document.get_absolute_url())
    release_page.forget_local()  # as if this were another worker with the same shared cache
    monkeypatch.setattr(release_page, "cut", lambda *a, **k: pytest.fail("rendered again"))
    words = release.rendered[document.default_tone]["sections"][0]["rules"][0]["text"]
    assert words.encode() in client.get(document.get_absolute_url()).content


# --- strength ---------------------------------------------------------------------------------

STRENGTH = re.compile(
    r'<li class="rule[^"]*" id="rule-(\d+)"[^>]*><p class="rule-strength"><span class="strength '
    r'(strength-[a-z-]+)" data-strength><span class="sr-only">Strength: </span>([^<]+)</span>'
)


def strengths(html: str) -> dict[str, tuple[str, str]]:
    return {key: (words, css) for key, css, words in STRENGTH.findall(html)}


def test_every_rule_of_the_release_shows_its_strength_the_same_in_both_voices(
    client_for, employee, released
):
    document, _ = released
    client = client_for(employee)
    policy = strengths(client.get(document.get_absolute_url() + "?tone=policy").content.decode())
    guideline = strengths(
        client.get(document.get_absolute_url() + "?tone=guideline").content.decode()
    )
    assert sorted(w for w, _ in policy.values()) == ["Allowed", "Not allowed", "Required"]
    assert sorted(w for w, _ in guideline.values()) == ["Not allowed", "Required"]
    assert {k: policy[k] for k in guideline} == guideline
    assert ("Not allowed", "strength-not-allowed") in guideline.values()


def test_a_release_rendered_before_strengths_were_shown_shows_them_too(
    client_for, employee, released
):
    document, release = released
    rendered = release.rendered
    for view in rendered.values():
        for section in view["sections"]:
            for rule in section["rules"]:
                del rule["strength"], rule["strength_class"]
    type(release).objects.filter(pk=release.pk).update(rendered=rendered)
    html = client_for(employee).get(document.get_absolute_url() + "?tone=policy").content.decode()
    assert sorted(w for w, _ in strengths(html).values()) == ["Allowed", "Not allowed", "Required"]


def test_readers_are_not_shown_the_editors_strength_findings(client_for, employee, released):
    document, _ = released
    html = client_for(employee).get(document.get_absolute_url()).content.decode()
    assert "strength-issue" not in html and "modality-tag" not in html
