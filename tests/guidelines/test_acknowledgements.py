"""Acknowledging releases: the banner, major and minor releases, the HR report and its CSV."""

import csv
import io

import pytest
from django.urls import reverse

from guidelines.models import Acknowledgement
from guidelines.releases import services as releases
from guidelines.review import workflow
from tests.conftest import make_person
from tests.guidelines.workflow_fixtures import edit_first_section, make_released

BANNER = "I have read version"


@pytest.fixture
def released(document, editor, reviewer):
    return make_released(document, editor, reviewer)


def ack_url(document, version):
    return reverse("guidelines:release_acknowledge", args=[document.slug, version])


def report_url(document, version, csv_=False):
    name = "acknowledgements_csv" if csv_ else "acknowledgements"
    return reverse(f"guidelines:{name}", args=[document.slug, version])


def new_release(document, editor, admin_user, kind, **edit):
    edit_first_section(document, editor, **edit)
    return workflow.document_publish(user=admin_user, document=document, kind=kind)


def test_an_employee_sees_the_banner_and_acknowledges(client_for, employee, released):
    document, release = released
    client = client_for(employee)
    assert BANNER + " 1.0" in client.get(document.get_absolute_url()).content.decode()
    response = client.post(ack_url(document, "1.0"))
    assert response.status_code == 302
    ack = Acknowledgement.objects.get()
    assert (ack.user, ack.release) == (employee, release) and ack.created_at
    assert BANNER not in client.get(document.get_absolute_url()).content.decode()


def test_acknowledging_twice_keeps_the_first_record(client_for, employee, released):
    document, _ = released
    client = client_for(employee)
    client.post(ack_url(document, "1.0"))
    first = Acknowledgement.objects.get().created_at
    client.post(ack_url(document, "1.0"))
    assert Acknowledgement.objects.get().created_at == first


def test_a_minor_release_does_not_ask_again(client_for, employee, editor, admin_user, released):
    document, _ = released
    workflow.release_acknowledge(user=employee, release=document.latest_release)
    new_release(document, editor, admin_user, "minor")
    document.refresh_from_db()
    assert releases.acknowledgement_prompt(employee, document) is None
    assert BANNER not in client_for(employee).get(document.get_absolute_url()).content.decode()


def test_a_major_release_asks_again_with_a_summary_of_changes(
    client_for, employee, editor, admin_user, released
):
    document, _ = released
    workflow.release_acknowledge(user=employee, release=document.latest_release)
    new_release(document, editor, admin_user, "major", modality="should")
    html = client_for(employee).get(document.get_absolute_url()).content.decode()
    assert BANNER + " 2.0" in html
    assert "You acknowledged version 1.0. Since then:" in html
    assert "Changed sections: “Be yourself”." in html
    assert "is now SHOULD (was MUST)" in html


def test_someone_who_never_acknowledged_is_asked_for_the_latest_minor(
    employee, editor, admin_user, released
):
    document, _ = released
    new_release(document, editor, admin_user, "minor")
    document.refresh_from_db()
    prompt = releases.acknowledgement_prompt(employee, document)
    assert prompt.release.version == "1.1" and not prompt.again


def test_only_the_latest_release_can_be_acknowledged(
    client_for, employee, editor, admin_user, released
):
    document, _ = released
    new_release(document, editor, admin_user, "minor")
    response = client_for(employee).post(ack_url(document, "1.0"), follow=True)
    assert "A newer release has been published" in response.content.decode()
    assert not Acknowledgement.objects.exists()


def test_acknowledging_rejects_get_unknown_versions_and_outsiders(
    client_for, employee, outsider, released
):
    document, _ = released
    assert client_for(employee).get(ack_url(document, "1.0")).status_code == 405
    assert client_for(employee).post(ack_url(document, "7.0")).status_code == 404
    assert client_for(outsider).post(ack_url(document, "1.0")).status_code == 404
    assert not Acknowledgement.objects.exists()


# --- report -----------------------------------------------------------------------------------


@pytest.fixture
def staff(employee, editor, reviewer, admin_user):
    return {"sales": make_person("maria", ["Employee"], "Maria Costa", "Sales")}


def test_hr_sees_who_has_acknowledged_by_department(client_for, editor, employee, staff, released):
    document, release = released
    workflow.release_acknowledge(user=employee, release=release)
    report = releases.acknowledgement_report(release)
    by_name = {d.name: d for d in report.departments}
    assert by_name["Engineering"].acknowledged == 1 and by_name["Engineering"].percent == 100
    assert by_name["Sales"].acknowledged == 0 and by_name["Sales"].percent == 0
    assert report.total == 5 and report.acknowledged == 1 and report.percent == 20
    html = client_for(editor).get(report_url(document, "1.0")).content.decode()
    assert "1 of 5" in html and "20%" in html
    assert "Maria Costa" in html and "Not yet" in html


def test_an_acknowledgement_of_an_earlier_minor_counts_for_the_next(
    employee, editor, admin_user, released
):
    document, release = released
    workflow.release_acknowledge(user=employee, release=release)
    minor = new_release(document, editor, admin_user, "minor")
    major = new_release(document, editor, admin_user, "major")
    assert releases.acknowledgement_report(minor).acknowledged == 1
    assert releases.acknowledgement_report(major).acknowledged == 0


def test_the_report_downloads_as_csv(client_for, admin_user, employee, staff, released):
    document, release = released
    workflow.release_acknowledge(user=employee, release=release)
    response = client_for(admin_user).get(report_url(document, "1.0", csv_=True))
    assert response["Content-Type"].startswith("text/csv")
    assert "social-computing-1.0-acknowledgements.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    jordan = next(r for r in rows if r["username"] == "jordan")
    maria = next(r for r in rows if r["username"] == "maria")
    assert jordan["acknowledged"] == "yes" and jordan["department"] == "Engineering"
    assert jordan["acknowledged_version"] == "1.0" and jordan["acknowledged_at"]
    assert maria["acknowledged"] == "no" and maria["acknowledged_at"] == ""


def test_the_csv_defuses_spreadsheet_formulas(released):
    make_person("mallory", ["Employee"], '=HYPERLINK("http://x")', "+Ops")
    text = releases.acknowledgement_csv(releases.acknowledgement_report(released[1]))
    assert "'=HYPERLINK" in text and "'+Ops" in text


@pytest.mark.parametrize("persona", ["employee", "reviewer"])
def test_employees_and_reviewers_cannot_see_the_report(client_for, persona, request, released):
    document, _ = released
    client = client_for(request.getfixturevalue(persona))
    assert client.get(report_url(document, "1.0")).status_code == 403
    assert client.get(report_url(document, "1.0", csv_=True)).status_code == 403


def test_the_report_404s_for_unknown_releases_and_rejects_post(client_for, editor, released):
    document, _ = released
    client = client_for(editor)
    assert client.get(report_url(document, "3.0")).status_code == 404
    assert client.post(report_url(document, "1.0")).status_code == 405


# --- the voice read ---------------------------------------------------------------------------


@pytest.mark.parametrize("tone", ["policy", "guideline"])
def test_an_acknowledgement_records_the_voice_the_reader_had(client_for, employee, released, tone):
    document, _ = released
    client = client_for(employee)
    client.get(document.get_absolute_url() + f"?tone={tone}")  # they read it in this voice
    client.post(ack_url(document, "1.0"))
    assert Acknowledgement.objects.get().tone == tone


def test_the_form_may_name_the_voice_and_a_bad_one_falls_back_to_the_page_s(
    client_for, employee, editor, released
):
    document, _ = released
    client_for(employee).post(ack_url(document, "1.0"), {"tone": "policy"})
    assert Acknowledgement.objects.get(user=employee).tone == "policy"
    client = client_for(editor)
    client.get(document.get_absolute_url() + "?tone=guideline")
    client.post(ack_url(document, "1.0"), {"tone": "shouty"})
    assert Acknowledgement.objects.get(user=editor).tone == "guideline"


def test_acknowledging_again_in_the_other_voice_keeps_the_first_record(employee, released):
    _, release = released
    workflow.release_acknowledge(user=employee, release=release, tone="policy")
    workflow.release_acknowledge(user=employee, release=release, tone="guideline")
    assert Acknowledgement.objects.get().tone == "policy"


def test_the_action_refuses_an_unknown_voice(employee, released):
    from django.core.exceptions import ValidationError

    _, release = released
    with pytest.raises(ValidationError):
        workflow.release_acknowledge(user=employee, release=release, tone="shouty")
    assert not Acknowledgement.objects.exists()


def test_the_report_and_its_csv_show_the_voice_read(
    client_for, admin_user, employee, staff, released
):
    document, release = released
    workflow.release_acknowledge(user=employee, release=release, tone="policy")
    workflow.release_acknowledge(user=staff["sales"], release=release)  # an older record
    html = client_for(admin_user).get(report_url(document, "1.0")).content.decode()
    assert '<th scope="col">Voice read</th>' in html
    jordan = html[html.index("Jordan Lee") :]
    assert "<td>Policy</td>" in jordan[: jordan.index("</tr>")]
    maria = html[html.index("Maria Costa") :]
    assert "<td>Not recorded</td>" in maria[: maria.index("</tr>")]
    response = client_for(admin_user).get(report_url(document, "1.0", csv_=True))
    rows = {r["username"]: r for r in csv.DictReader(io.StringIO(response.content.decode()))}
    assert rows["jordan"]["acknowledged_tone"] == "policy"
    assert rows["maria"]["acknowledged_tone"] == ""
    assert rows["dana"]["acknowledged_tone"] == ""  # not acknowledged


@pytest.mark.parametrize("tone", ["policy", "guideline"])
def test_the_acknowledge_form_sends_the_voice_on_the_page(client_for, employee, released, tone):
    document, _ = released
    html = client_for(employee).get(document.get_absolute_url() + f"?tone={tone}").content.decode()
    assert f'<input type="hidden" name="tone" value="{tone}">' in html
