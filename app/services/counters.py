"""Short human sequences (record numbers), safe when two offices share one PostgreSQL."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.store.models import Counter


def next_value(db: Session, name: str) -> int:
    """Increment the counter ``name`` in this transaction and return its new value."""
    stmt = update(Counter).where(Counter.name == name).values(value=Counter.value + 1)
    value = db.execute(stmt.returning(Counter.value)).scalar_one_or_none()
    if value is None:
        db.add(Counter(name=name, value=1))
        db.flush()
        return 1
    return int(value)
