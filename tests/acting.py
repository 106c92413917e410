"""A user to act as in tests: the services refuse to work for nobody."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import User
from app.vocabulary import UserRole


def acting(db: Session, role: UserRole = UserRole.COORDINATOR, username: str = "acting") -> uuid.UUID:
    """The id of an active user named ``username`` (made straight in the table when missing)."""
    user = db.scalar(select(User).where(User.username == username))
    if user is None:
        user = User(username=username, display_name="Acting user", role=role)
        db.add(user)
        db.flush()
    return user.id


def acting_in(store) -> uuid.UUID:  # noqa: ANN001 - a Store
    """As ``acting``, in a session of its own."""
    with store.session() as db:
        return acting(db)


def user_named(db: Session, username: str) -> User:
    """The user ``username``, read straight from the table (a test's own look-up: the services
    read only for an acting user)."""
    user = db.scalar(select(User).where(User.username == username))
    assert user is not None, f"no user {username}"
    return user
