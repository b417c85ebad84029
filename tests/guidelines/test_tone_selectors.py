"""The voice check's reads: the stance from stored modalities, and the release it moved from."""

from guidelines.tone import selectors as voice
from tests.guidelines.workflow_fixtures import publish


def test_the_stance_counts_rules_by_strength_and_the_binding_share():
    meter = voice.stance_rows(["must", "must_not", "must_not", "should", "nonsense"])
    assert meter["total"] == 4  # an unknown modality is not a rule's strength
    assert [(r["strength"], r["count"], r["pct"]) for r in meter["rows"]] == [
        ("Required", 1, 25),
        ("Not allowed", 2, 50),
        ("Recommended", 1, 25),
        ("Best avoided", 0, 0),
        ("Allowed", 0, 0),
    ]
    assert (meter["binding"], meter["binding_pct"]) == (3, 75)
    assert "changed" not in meter


def test_the_stance_of_nothing_is_all_zero():
    meter = voice.stance_rows([])
    assert (meter["total"], meter["binding_pct"]) == (0, 0)
    assert all(r["count"] == 0 and r["pct"] == 0 for r in meter["rows"])


def test_the_stance_says_what_moved_since_a_release():
    meter = voice.stance_rows(["must", "should"], previous={"must": 1, "may": 1})
    assert [r["change"] for r in meter["rows"]] == [0, 0, 1, 0, -1]
    assert (meter["previous_binding_pct"], meter["binding_pct"], meter["binding_change"]) == (
        50,
        50,
        0,
    )
    assert meter["changed"] is True


def test_a_releases_modalities_are_read_once_and_per_voice(
    document, editor, reviewer, django_assert_num_queries
):
    release = publish(document, editor, reviewer)
    with django_assert_num_queries(1):
        assert voice.release_modalities(release.pk, "policy") == {
            "must": 1,
            "must_not": 1,
            "may": 1,
        }
    with django_assert_num_queries(0):
        voice.release_modalities(release.pk, "policy")
    with django_assert_num_queries(1):
        assert voice.release_modalities(release.pk, "guideline") == {"must": 1, "must_not": 1}
