"""The four roles: Django groups with permissions, made by a data migration."""

import importlib

from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import Role
from accounts.roles import ROLE_PERMISSIONS, ensure_roles

roles_migration = importlib.import_module("accounts.migrations.0002_roles")


def _codes(group: Group) -> set[str]:
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_its_data_migration_creates_the_four_groups_with_their_permissions(db):
    # Run it as `migrate` does, on the historical app registry: the function adjusts the app
    # configs it is given, which must never be the live ones.
    state_apps = MigrationExecutor(connection).loader.project_state(("accounts", "0002_roles")).apps
    Group.objects.all().delete()
    roles_migration.create_roles(state_apps, None)
    assert set(Group.objects.values_list("name", flat=True)) == set(Role.values)
    for role, expected in ROLE_PERMISSIONS.items():
        assert _codes(Group.objects.get(name=role)) == set(expected), role


def test_its_migration_is_wired_to_the_role_creation():
    operations = roles_migration.Migration.operations
    assert any(getattr(op, "code", None) is roles_migration.create_roles for op in operations)


def test_it_gives_editors_content_permissions_and_employees_only_commenting(db):
    editor = _codes(Group.objects.get(name=Role.EDITOR))
    employee = _codes(Group.objects.get(name=Role.EMPLOYEE))
    assert {"guidelines.change_section", "guidelines.add_rule"} <= editor
    assert employee == {"guidelines.add_comment"}


def test_it_lets_admins_manage_users_and_roles_in_the_django_admin(db):
    admin = _codes(Group.objects.get(name=Role.ADMIN))
    assert {"auth.view_user", "auth.change_user", "auth.add_user"} <= admin


def test_ensuring_roles_twice_changes_nothing(db):
    ensure_roles()
    before = {g.name: _codes(g) for g in Group.objects.all()}
    ensure_roles()
    assert {g.name: _codes(g) for g in Group.objects.all()} == before
    assert Group.objects.count() == 4
