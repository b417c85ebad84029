"""`manage.py load_demo`: one account per role and the sample document, idempotently."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Revision

from accounts import permissions
from accounts.models import Role
from guidelines.demo.loader import DEMO_USERS
from guidelines.models import Document, Rule, Section
from textkit.modality import Modality


@pytest.fixture
def demo_output(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_it_creates_one_account_per_role_and_prints_each_password(demo_output):
    User = get_user_model()
    roles_seen = set()
    for username, password, roles, _name, _department in DEMO_USERS:
        assert f"{username}" in demo_output and password in demo_output
        user = authenticate(username=username, password=password)
        assert user is not None, username
        assert permissions.roles_of(User.objects.get(pk=user.pk)) == frozenset(roles)
        roles_seen.update(roles)
    assert roles_seen == set(Role.values)


def test_its_admin_account_can_use_the_django_admin(demo_output, client):
    assert client.login(username="admin", password="candor-admin")
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200


def test_it_creates_the_sample_document_with_ten_sections_and_thirty_rules(demo_output):
    document = Document.objects.get(slug="social-computing")
    sections = Section.objects.filter(document=document, removed_at__isnull=True)
    rules = Rule.objects.filter(section__in=sections, removed_at__isnull=True)
    assert sections.count() >= 10
    assert rules.count() >= 30
    assert set(rules.values_list("modality", flat=True)) == {m.value for m in Modality}
    assert "Created the demo document" in demo_output


def test_its_sample_document_has_a_history_of_attributed_revisions(demo_output):
    document = Document.objects.get(slug="social-computing")
    metas = document.revisions.all()
    assert metas.count() == document.version > 10
    assert not metas.filter(user__isnull=True).exists()
    assert len({m.user_id for m in metas}) >= 2
    assert all(m.summary for m in metas)


def test_running_it_again_changes_nothing(demo_output):
    User = get_user_model()
    counts = (
        User.objects.count(),
        Document.objects.count(),
        Section.objects.count(),
        Rule.objects.count(),
        Revision.objects.count(),
    )
    again = StringIO()
    call_command("load_demo", stdout=again)
    assert (
        User.objects.count(),
        Document.objects.count(),
        Section.objects.count(),
        Rule.objects.count(),
        Revision.objects.count(),
    ) == counts
    assert "already exists" in again.getvalue()
    assert "candor-editor" in again.getvalue()


def test_the_sample_document_reads_well_in_both_tones(demo_output, client):
    client.login(username="editor", password="candor-editor")
    for tone in ("policy", "guideline"):
        response = client.get(
            reverse("guidelines:draft", args=["social-computing"]), {"tone": tone}
        )
        assert response.status_code == 200
        assert response.content.decode().count('<li class="rule ') >= 25


def test_the_sample_draft_keeps_the_contract_and_asks_for_one_phrasing(demo_output, client):
    from guidelines.tone.selectors import voice_findings

    document = Document.objects.get(slug="social-computing")
    findings = voice_findings(document)
    assert not [f for f in findings if f.is_strength], [f.text for f in findings if f.is_strength]
    needing = {(f.statement, f.tone) for f in findings if f.needs_phrasing}
    incident = (
        "Details of a security incident stay internal until the security team publishes them."
    )
    assert {(incident, "policy"), (incident, "guideline")} <= needing
    client.login(username="editor", password="candor-editor")
    page = client.get(
        reverse("guidelines:tone_check", args=["social-computing"]), {"tone": "guideline"}
    )
    assert page.status_code == 200
    assert "Needs your phrasing." in page.content.decode()
    assert incident in page.content.decode()
