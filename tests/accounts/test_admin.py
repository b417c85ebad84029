"""User and role management in the Django admin."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Role
from audit.models import AuditEntry

User = get_user_model()


def test_it_lists_users_with_name_department_and_roles_for_admins(client_for, admin_user, employee):
    response = client_for(admin_user).get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Jordan Lee" in text and "Engineering" in text
    assert Role.EMPLOYEE in text


def test_it_keeps_editors_out_of_the_django_admin(client_for, editor):
    response = client_for(editor).get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_an_admin_changes_roles_there_and_the_change_is_audited(client_for, admin_user, employee):
    client = client_for(admin_user)
    url = reverse("admin:auth_user_change", args=[employee.pk])
    page = client.get(url)
    assert page.status_code == 200
    reviewer_group = (
        page.context["adminform"].form.fields["groups"].queryset.get(name=Role.REVIEWER)
    )
    profile = employee.profile
    response = client.post(
        url,
        {
            "username": employee.username,
            "email": employee.email,
            "is_active": "on",
            "groups": [reviewer_group.pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "1",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-id": profile.pk,
            "profile-0-user": employee.pk,
            "profile-0-display_name": "Jordan Lee",
            "profile-0-department": "Legal",
            "profile-0-preferred_tone": "",
            "profile-0-email_notifications": "immediate",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(employee.groups.values_list("name", flat=True)) == [Role.REVIEWER]
    employee.profile.refresh_from_db()
    assert employee.profile.department == "Legal"
    entry = AuditEntry.objects.get(action="roles.change")
    assert entry.details == {"before": [Role.EMPLOYEE], "after": [Role.REVIEWER]}
    assert entry.actor == admin_user


def test_an_admin_adds_a_user_there(client_for, admin_user):
    response = client_for(admin_user).post(
        reverse("admin:auth_user_add"),
        {
            "username": "newbie",
            "password1": "a-long-enough-secret-9",
            "password2": "a-long-enough-secret-9",
            "usable_password": "true",
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "0",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-display_name": "New Person",
            "profile-0-department": "Sales",
            "profile-0-preferred_tone": "",
            "profile-0-email_notifications": "immediate",
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(username="newbie").exists()


def test_an_admin_cannot_make_anyone_a_superuser_there(client_for, admin_user):
    client = client_for(admin_user)
    url = reverse("admin:auth_user_change", args=[admin_user.pk])
    profile = admin_user.profile
    response = client.post(
        url,
        {
            "username": admin_user.username,
            "email": admin_user.email,
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "1",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-id": profile.pk,
            "profile-0-user": admin_user.pk,
            "profile-0-display_name": "Alex Morgan",
            "profile-0-department": "",
            "profile-0-preferred_tone": "",
            "profile-0-email_notifications": "immediate",
        },
    )
    assert response.status_code == 302
    admin_user.refresh_from_db()
    assert not admin_user.is_superuser
