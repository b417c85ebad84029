"""accounts.services: users, profiles and roles."""

import pytest

from accounts.models import Profile, Role
from accounts.services import profile_for, user_create, user_set_roles
from audit.models import AuditEntry


def test_it_creates_a_user_with_roles_and_a_profile(db):
    user = user_create(
        username="kim",
        password="pw-kim-long",
        roles=[Role.REVIEWER],
        display_name="Kim Park",
        department="Legal",
    )
    assert user.check_password("pw-kim-long")
    assert list(user.groups.values_list("name", flat=True)) == [Role.REVIEWER]
    assert user.profile.display_name == "Kim Park"
    assert user.profile.department == "Legal"
    assert str(user.profile) == "Kim Park"


def test_it_makes_admins_staff_so_they_can_use_the_django_admin(db):
    admin = user_create(username="ada", password="pw-ada-long", roles=[Role.ADMIN])
    editor = user_create(username="eve", password="pw-eve-long", roles=[Role.EDITOR])
    assert admin.is_staff
    assert not editor.is_staff


def test_it_gives_an_existing_user_without_a_profile_one(outsider):
    Profile.objects.filter(user=outsider).delete()
    outsider.refresh_from_db()
    profile = profile_for(outsider)
    assert profile.pk is not None
    assert profile_for(outsider) == profile


def test_a_profile_falls_back_to_the_username_for_its_name(db):
    user = user_create(username="nameless", password="pw-nameless", roles=[])
    assert user.profile.name == "nameless"


def test_it_replaces_roles_and_records_who_did_it(admin_user, employee):
    user_set_roles(actor=admin_user, user=employee, roles=[Role.EDITOR, Role.REVIEWER])
    assert set(employee.groups.values_list("name", flat=True)) == {Role.EDITOR, Role.REVIEWER}
    entry = AuditEntry.objects.get(action="roles.change")
    assert entry.actor == admin_user
    assert entry.target_id == str(employee.pk)
    assert entry.details == {"before": [Role.EMPLOYEE], "after": [Role.EDITOR, Role.REVIEWER]}


def test_granting_and_removing_admin_follows_through_to_staff(admin_user, employee):
    user_set_roles(actor=admin_user, user=employee, roles=[Role.ADMIN])
    employee.refresh_from_db()
    assert employee.is_staff
    user_set_roles(actor=admin_user, user=employee, roles=[Role.EMPLOYEE])
    employee.refresh_from_db()
    assert not employee.is_staff


def test_it_refuses_an_unknown_role_and_changes_nothing(admin_user, employee):
    with pytest.raises(ValueError, match="Overlord"):
        user_set_roles(actor=admin_user, user=employee, roles=["Overlord"])
    assert list(employee.groups.values_list("name", flat=True)) == [Role.EMPLOYEE]
    assert not AuditEntry.objects.exists()
