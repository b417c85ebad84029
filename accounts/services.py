from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import Profile, Role

User = get_user_model()


def profile_for(user) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def user_create(
    *,
    username: str,
    password: str,
    email: str = "",
    roles: list[str],
    display_name: str = "",
    department: str = "",
) -> "User":
    with transaction.atomic():
        # Admins manage users and roles in the Django admin, which only lets staff in.
        user = User.objects.create_user(
            username=username, password=password, email=email, is_staff=Role.ADMIN in roles
        )
        user.groups.set(Group.objects.filter(name__in=roles))
        Profile.objects.create(user=user, display_name=display_name, department=department)
    return user


def user_set_roles(*, actor, user, roles: list[str]) -> None:
    """Replace a user's roles, and record who did it."""
    from audit.services import audit_record

    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ValueError(f"Unknown roles: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        before = sorted(user.groups.values_list("name", flat=True))
        user.groups.set(Group.objects.filter(name__in=roles))
        staff = Role.ADMIN in roles or user.is_superuser
        if user.is_staff != staff:
            user.is_staff = staff
            user.save(update_fields=["is_staff"])
        audit_record(
            actor=actor,
            action="roles.change",
            target=user,
            details={"before": before, "after": sorted(roles)},
        )
