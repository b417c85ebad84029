"""Groups and the permissions each role carries."""

from django.contrib.auth.models import Group, Permission

from accounts.models import Role

# Model permissions per role, as "app_label.codename". Object-level questions ("may this user edit
# this document?") are answered in accounts.permissions, which reads roles, not these codenames;
# the codenames make the roles meaningful in the Django admin too.
_WRITING = [
    "guidelines.add_document",
    "guidelines.change_document",
    "guidelines.add_section",
    "guidelines.change_section",
    "guidelines.delete_section",
    "guidelines.add_rule",
    "guidelines.change_rule",
    "guidelines.delete_rule",
]
_COMMENTING = ["guidelines.add_comment"]
_AUDIT = ["guidelines.view_auditentry"]
# User and role management in the Django admin, profile inline included.
_PEOPLE = [
    "auth.add_user",
    "auth.change_user",
    "auth.view_user",
    "auth.view_group",
    "accounts.add_profile",
    "accounts.change_profile",
    "accounts.view_profile",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.EMPLOYEE: _COMMENTING,
    Role.EDITOR: _WRITING + _COMMENTING,
    Role.REVIEWER: _COMMENTING + _AUDIT,
    Role.ADMIN: _WRITING + _COMMENTING + _AUDIT + _PEOPLE,
}


def ensure_roles() -> None:
    """Create the four groups and give them their permissions; safe to run again."""
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            found = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if found:
                wanted.append(found)
        group.permissions.add(*wanted)
