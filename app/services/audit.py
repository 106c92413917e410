"""The audit trail: who opened, changed, printed, exported or deleted which record.

Only ids and the kind of action are kept, never the personal data itself.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import AuditEvent

ACTIONS = frozenset({"create", "update", "open", "print", "export", "delete", "end", "confirm",
                     "withdraw", "complete", "login", "login_failed", "merge", "undo"})


def record(db: Session, by: uuid.UUID | None, action: str, entity: str,
           entity_id: uuid.UUID | None = None, *, person_id: uuid.UUID | None = None,
           detail: str = "") -> None:
    """Add one audit line to the current transaction."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    db.add(AuditEvent(user_id=by, action=action, entity=entity, entity_id=entity_id,
                      person_id=person_id, detail=detail[:200]))


def history(db: Session, by: uuid.UUID | None, person_id: uuid.UUID,
            limit: int = 500) -> list[AuditEvent]:
    """Everything that happened to one person's records, newest first (coordinators only).

    ``by`` is the user who will see the lines and must always be named: a user without the
    right to read the audit trail gets ``NotAllowed``, and so does None (no user named).
    """
    from app.access.permissions import Permission, require_user

    require_user(db, by, Permission.READ_AUDIT)
    from app.services.merge import _merged_ids

    # A record merged into this one brings its history along (the trail itself never changes).
    people = [person_id, *_merged_ids(db, person_id)]
    stmt = (select(AuditEvent).where(AuditEvent.person_id.in_(people))
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit))
    return list(db.scalars(stmt))
