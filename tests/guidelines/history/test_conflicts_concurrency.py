"""Several editors saving one section at the same moment, each on its own connection.

Runs on PostgreSQL only: SQLite serialises every writer on one file lock, so it cannot show
two transactions racing for the same row.
"""

import threading

import pytest
from django.db import connections

from guidelines.documents import services
from guidelines.history import conflicts
from guidelines.models import RevisionMeta, Section
from tests.guidelines.history.test_history import first, section_input

THREADS = 5

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


# SQLite serialises writers, so concurrent saves cannot race there; the `postgres` marker
# runs these on PostgreSQL only (see tests/conftest.py).


def run_at_once(work) -> list:
    """Run work(i) in THREADS threads released together; return each result or exception."""
    barrier = threading.Barrier(THREADS)
    results: list = [None] * THREADS

    def runner(index):
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread got
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_only_one_of_several_simultaneous_saves_wins_and_the_rest_conflict(document, editor):
    section = first(document)
    version = section.version
    before = RevisionMeta.objects.filter(document=document).count()

    def save(index):
        mine = Section.objects.get(pk=section.pk)
        return services.section_save(
            user=editor,
            section=mine,
            expected_version=version,
            data=section_input(mine, body=f"Version written by editor {index}."),
        )

    results = run_at_once(save)
    accepted = [r for r in results if isinstance(r, RevisionMeta)]
    conflicts = [r for r in results if isinstance(r, services.EditConflict)]
    assert len(accepted) == 1 and len(conflicts) == THREADS - 1, results
    section.refresh_from_db()
    assert section.version == version + 1
    assert RevisionMeta.objects.filter(document=document).count() == before + 1
    assert section.body in {f"Version written by editor {i}." for i in range(THREADS)}


def test_simultaneous_edits_of_different_paragraphs_all_survive(document, editor):
    section = first(document)
    paragraphs = [f"Paragraph {i} says one thing." for i in range(THREADS)]
    services.section_save(
        user=editor,
        section=section,
        expected_version=section.version,
        data=section_input(section, body="\n\n".join(paragraphs)),
    )
    section.refresh_from_db()
    version = section.version
    before = RevisionMeta.objects.filter(document=document).count()

    def save(index):
        mine = Section.objects.get(pk=section.pk)
        body = "\n\n".join(
            p.replace("one thing", f"what editor {index} meant") if i == index else p
            for i, p in enumerate(paragraphs)
        )
        return conflicts.section_save_merging(
            user=editor,
            section=mine,
            expected_version=version,
            data=section_input(mine, body=body),
            summary=f"Edit {index}",
        )

    results = run_at_once(save)
    assert all(isinstance(r, conflicts.SaveResult) for r in results), results
    saved = [r for r in results if r.saved]
    section.refresh_from_db()
    # No silent overwrite: every accepted save is a revision, and its words are in the text.
    assert RevisionMeta.objects.filter(document=document).count() == before + len(saved)
    summaries = set(
        RevisionMeta.objects.filter(document=document, number__gt=before).values_list(
            "summary", flat=True
        )
    )
    for result in saved:
        index = int(result.meta.summary.split()[-1])
        assert f"Edit {index}" in summaries
        assert f"Paragraph {index} says what editor {index} meant." in section.body
    # Each lost race means another save landed, so with a retry per rival every save lands.
    assert len(saved) == THREADS
