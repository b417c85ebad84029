"""Sign-in, sign-out, password change and reset, the profile page; anonymous visitors."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Profile


@pytest.mark.parametrize(
    "name,args",
    [
        ("guidelines:index", []),
        ("guidelines:document_new", []),
        ("guidelines:draft", ["social-computing"]),
        ("profile", []),
        ("password_change", []),
    ],
)
def test_it_sends_anonymous_visitors_to_the_login_page(client, db, name, args):
    url = reverse(name, args=args)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_it_shows_the_login_page_to_anonymous_visitors(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b"Sign in to Candor" in response.content
    assert b'name="csrfmiddlewaretoken"' in response.content


def test_it_signs_a_user_in_and_sends_them_where_they_were_going(client, editor):
    target = reverse("profile")
    response = client.post(
        reverse("login"), {"username": "dana", "password": "pw-dana", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == target
    assert client.session[SESSION_KEY] == str(editor.pk)


def test_it_refuses_a_wrong_password_with_a_message(client, editor):
    response = client.post(reverse("login"), {"username": "dana", "password": "nope"})
    assert response.status_code == 200
    assert b"correct username and password" in response.content
    assert SESSION_KEY not in client.session


def test_it_refuses_a_login_post_without_a_csrf_token(editor):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "dana", "password": "pw-dana"})
    assert response.status_code == 403


def test_it_signs_a_user_out_on_post(client_for, editor):
    client = client_for(editor)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert SESSION_KEY not in client.session


def test_it_does_not_sign_out_on_get(client_for, editor):
    client = client_for(editor)
    assert client.get(reverse("logout")).status_code == 405
    assert client.session[SESSION_KEY] == str(editor.pk)


def test_it_changes_a_password_given_the_old_one(client_for, editor):
    client = client_for(editor)
    assert client.get(reverse("password_change")).status_code == 200
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "pw-dana",
            "new_password1": "a-much-longer-secret-41",
            "new_password2": "a-much-longer-secret-41",
        },
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password("a-much-longer-secret-41")


def test_it_keeps_the_password_when_the_old_one_is_wrong(client_for, editor):
    client = client_for(editor)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "wrong",
            "new_password1": "a-much-longer-secret-41",
            "new_password2": "a-much-longer-secret-41",
        },
    )
    assert response.status_code == 200
    assert b"field-errors" in response.content
    editor.refresh_from_db()
    assert editor.check_password("pw-dana")


def test_it_resets_a_forgotten_password_through_an_emailed_link(client, editor):
    response = client.post(reverse("password_reset"), {"email": "dana@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dana@example.com"]
    assert "Candor" in message.subject
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert b"Choose a new password" in form_page.content
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "reset-and-longer-77", "new_password2": "reset-and-longer-77"},
    )
    assert done.status_code == 302
    editor.refresh_from_db()
    assert editor.check_password("reset-and-longer-77")


def test_it_does_not_reveal_whether_an_address_has_an_account(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_it_rejects_a_forged_reset_link(client, editor):
    response = client.get(
        reverse("password_reset_confirm", args=["MQ", "forged-token"]), follow=True
    )
    assert response.status_code == 200
    assert b"no longer valid" in response.content


def test_it_shows_the_profile_with_name_and_department(client_for, editor):
    response = client_for(editor).get(reverse("profile"))
    assert response.status_code == 200
    assert b"Dana Whitfield" in response.content
    assert b'value="Communications"' in response.content


def test_it_saves_the_profile(client_for, editor):
    response = client_for(editor).post(
        reverse("profile"),
        {
            "display_name": "Dana W.",
            "department": "Brand",
            "preferred_tone": "policy",
            "email_notifications": "daily",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=editor)
    assert (profile.display_name, profile.department) == ("Dana W.", "Brand")
    assert (profile.preferred_tone, profile.email_notifications) == ("policy", "daily")


def test_it_keeps_the_profile_on_bad_input(client_for, editor):
    response = client_for(editor).post(
        reverse("profile"),
        {
            "display_name": "x" * 500,
            "department": "Brand",
            "preferred_tone": "shouty",
            "email_notifications": "hourly",
        },
    )
    assert response.status_code == 200
    assert response.content.count(b'class="field-errors"') == 3
    assert Profile.objects.get(user=editor).department == "Communications"


def test_its_profile_page_rejects_other_methods(client_for, editor):
    assert client_for(editor).put(reverse("profile")).status_code == 405


def test_its_profile_form_needs_a_csrf_token(editor):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    response = strict.post(
        reverse("profile"),
        {"display_name": "Hacked", "department": "", "email_notifications": "none"},
    )
    assert response.status_code == 403
    assert Profile.objects.get(user=editor).display_name == "Dana Whitfield"
