"""The append-only audit log of workflow, moderation and role actions."""

from __future__ import annotations

from audit.models import AuditEntry


def audit_record(
    *, actor, action: str, target, document=None, details: dict | None = None
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.model_name if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        document=document,
        details=details or {},
    )
