"""The one way Candor names a person, on every page, feed, email and export."""

from __future__ import annotations


def person_name(user, *, missing: str = "Someone") -> str:
    """Display name, else full name, else username; `missing` for no user (a deleted account)."""
    if user is None:
        return missing
    try:
        return user.profile.name
    except Exception:  # an account without a profile row (made outside the services)
        return user.get_full_name() or user.get_username()
