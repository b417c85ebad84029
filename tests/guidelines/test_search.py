"""Search over documents, sections, rules and comments, on SQLite and PostgreSQL alike."""

import pytest
from django.db import connection

from guidelines.discussion import services as comments
from guidelines.models import SearchEntry
from guidelines.search import selectors as search
from tests.guidelines.discussion.test_comments import first_section, open_for_consultation, post


def kinds(results):
    return sorted(r.kind for r in results)


def test_it_finds_sections_and_rules_with_links_to_the_exact_place(document, editor):
    results = search.search(editor, "anonymously")
    assert kinds(results) == ["rule"]
    rule = results[0]
    assert rule.url.startswith(document.get_draft_url() + "#rule-")
    section = search.search(editor, "seriously")[0]
    assert section.kind == "section"
    assert section.url == document.get_draft_url() + "#consequences"
    assert section.title == "Consequences"


def test_it_requires_every_word(document, editor):
    assert kinds(search.search(editor, "identify yourself")) == ["rule"]
    assert search.search(editor, "identify giraffes") == []


def test_it_finds_the_document_by_its_summary(document, editor):
    results = search.search(editor, "online")
    assert [r.kind for r in results] == ["document"]
    assert results[0].url == document.get_draft_url()


def test_it_highlights_hits_in_an_escaped_snippet(document, editor):
    section = first_section(document)
    from tests.guidelines.discussion.test_comments import edit_section

    edit_section(editor, section, body="Use <b>tags</b> & talk about our openness.")
    result = search.search(editor, "openness")[0]
    assert "<mark>openness</mark>" in result.snippet
    assert "<b>" not in result.snippet
    assert "&lt;b&gt;" in result.snippet or "tags" in result.snippet


def test_it_finds_comments_and_forgets_hidden_and_deleted_ones(document, editor, admin_user):
    doc = open_for_consultation(document, editor)
    kept = post(editor, doc, body="What about podcasts?")
    hidden = post(editor, doc, body="Podcasts are rude.")
    deleted = post(editor, doc, body="Podcasts again.")
    comments.comment_hide(user=admin_user, comment=hidden, reason="Off topic")
    comments.comment_delete(user=editor, comment=deleted)
    results = search.search(editor, "podcasts")
    assert [r.kind for r in results] == ["comment"]
    assert results[0].url.endswith(f"#comment-{kept.pk}")
    comments.comment_unhide(user=admin_user, comment=hidden)
    assert len(search.search(editor, "podcasts")) == 2


def test_it_shows_an_outsider_nothing(document, outsider):
    assert search.search(outsider, "anonymously") == []


def test_it_shows_a_closed_draft_to_nobody_but_staff(document, employee, reviewer):
    assert search.search(employee, "anonymously") == []
    assert kinds(search.search(reviewer, "anonymously")) == ["rule"]


def test_it_links_release_only_readers_to_the_published_page(
    document, editor, employee, admin_user
):
    from guidelines.documents.services import SectionInput
    from guidelines.review import workflow

    workflow.document_publish(user=admin_user, document=document)
    document.refresh_from_db()
    from guidelines.documents import services

    services.section_add(
        user=editor,
        document=document,
        data=SectionInput(heading="Unreleased", body="Secret zeppelin plans."),
    )
    results = search.search(employee, "anonymously")
    assert [r.url.startswith(document.get_absolute_url() + "#rule-") for r in results] == [True]
    assert "/draft/" not in results[0].url
    assert search.search(employee, "zeppelin") == []  # draft-only text stays hidden
    assert kinds(search.search(editor, "zeppelin")) == ["section"]


def test_it_ignores_punctuation_only_queries(document, editor):
    assert search.search(editor, "  ?!  ") == []


def test_it_ranks_title_hits_above_body_hits(document, editor):
    from guidelines.documents import services
    from guidelines.documents.services import SectionInput

    services.section_add(
        user=editor, document=document, data=SectionInput(heading="Mistakes", body="Own them.")
    )
    services.section_add(
        user=editor,
        document=document,
        data=SectionInput(heading="Tone", body="Mistakes happen; correct them openly."),
    )
    results = search.search(editor, "mistakes")
    assert [r.title for r in results] == ["Mistakes", "Tone"]


def test_snippets_cut_around_the_first_hit_and_escape_html():
    text = "word " * 100 + "the <needle> here " + "tail " * 100
    snippet = search.snippet(text, ["needle"])
    assert snippet.startswith("… ")
    assert snippet.endswith(" …")
    assert "&lt;<mark>needle</mark>&gt;" in snippet


@pytest.mark.postgres
def test_postgres_keeps_a_stored_search_vector_with_a_gin_index(document, editor):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM guidelines_searchentry "
            "WHERE search_vector @@ plainto_tsquery('english', 'anonymously')"
        )
        assert cursor.fetchone()[0] == 1
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = "
            "'guidelines_searchentry' AND indexname = "
            "'guidelines_searchentry_vector'"
        )
        assert "gin" in cursor.fetchone()[0].lower()


@pytest.mark.postgres
def test_postgres_matches_word_forms_through_stemming(document, editor):
    assert kinds(search.search(editor, "posting")) == kinds(search.search(editor, "post"))


def test_it_keeps_one_index_row_per_comment(document, editor):
    doc = open_for_consultation(document, editor)
    comment = post(editor, doc, body="First words")
    comments.comment_edit(user=editor, comment=comment, body="Second words")
    rows = SearchEntry.objects.filter(kind="comment", object_id=comment.pk)
    assert list(rows.values_list("body", flat=True)) == ["Second words"]


def test_it_forgets_removed_rules_and_removed_sections(document, editor):
    from guidelines.documents import services
    from tests.guidelines.discussion.test_comments import edit_section

    section = first_section(document)
    kept = section.rules.get(statement="Identify yourself when you post.")
    services.section_save(
        user=editor,
        section=section,
        expected_version=section.version,
        data=services.SectionInput(
            heading=section.heading,
            body=section.body,
            rules=[
                services.RuleInput(id=kept.pk, modality=kept.modality, statement=kept.statement)
            ],
        ),
    )
    assert search.search(editor, "anonymously") == []
    assert kinds(search.search(editor, "identify")) == ["rule"]
    edit_section(editor, section, body="Say who you are, always.")
    services.section_remove(user=editor, section=first_section(document))
    assert search.search(editor, "identify") == []
    assert search.search(editor, "always") == []
    assert not SearchEntry.objects.filter(section=section).exists()


def section_with_rules(document, editor, count):
    from guidelines.documents import services

    return services.section_add(
        user=editor,
        document=document,
        data=services.SectionInput(
            heading=f"Section of {count}",
            body="Rules in bulk.",
            rules=[
                services.RuleInput(id=None, modality="must", statement=f"Rule number {n}.")
                for n in range(count)
            ],
        ),
    )


def test_indexing_costs_the_same_queries_for_5_rules_as_for_50(
    document, editor, django_assert_num_queries
):
    from guidelines.search import index

    small = section_with_rules(document, editor, 5)
    large = section_with_rules(document, editor, 50)
    # A savepoint, the rules, one delete, one upsert, the release of the savepoint.
    with django_assert_num_queries(5):
        index.index_document(document, sections=[small])
    with django_assert_num_queries(5):
        index.index_document(document, sections=[large])
    assert SearchEntry.objects.filter(kind="rule", section=large).count() == 50
    assert kinds(search.search(editor, "rule number 49")) == ["rule"]


def test_reindexing_keeps_one_row_per_thing(document, editor):
    from guidelines.search import index

    before = sorted(SearchEntry.objects.values_list("kind", "object_id", "title", "body"))
    index.index_document(document)
    index.index_document(document)
    assert sorted(SearchEntry.objects.values_list("kind", "object_id", "title", "body")) == before
