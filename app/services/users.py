"""Users of Wegwijs: who is working, with which role, and checking their passwords."""

from __future__ import annotations

import re
import uuid

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.access.permissions import Permission, require_user, require_user_or_setup
from app.errors import Duplicate, InvalidInput, NotAllowed, NotFound, WrongPassphrase
from app.i18n import _
from app.services import audit
from app.store.keys import check_passphrase
from app.store.models import User
from app.text import clean_text
from app.vocabulary import UserRole

_hasher = PasswordHasher()
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,62}$")


def create_user(db: Session, by: uuid.UUID | None, username: str, display_name: str,
                role: UserRole | str, password: str) -> User:
    """Add a user; the password is kept only as an Argon2id hash."""
    # A coordinator adds users; without one only the first user of a new database (set-up).
    require_user_or_setup(db, by, Permission.MANAGE_USERS)
    problems: dict[str, str] = {}
    name = username.strip().lower()
    if not _USERNAME.match(name):
        problems["username"] = _("A user name has 2 to 63 lower-case letters, digits, dots or "
                                 "dashes.")
    try:
        display = clean_text(display_name, field="display_name", max_length=200)
        if not display:
            problems["display_name"] = _("Fill in the name to show.")
    except InvalidInput as err:
        problems.update(err.problems)
        display = ""
    try:
        role = UserRole(role)
    except ValueError:
        problems["role"] = _("Choose one of the options.")
    try:
        secret = check_passphrase(password, new=True)
    except WrongPassphrase as err:
        problems["password"] = err.message
        secret = b""
    if problems:
        raise InvalidInput(problems)
    if db.scalar(select(User).where(User.username == name)) is not None:
        raise Duplicate(_("There is already a user {name}.").format(name=name), field="username")
    user = User(username=name, display_name=display, role=UserRole(role),
                password_hash=_hasher.hash(secret), created_by=by, updated_by=by)
    db.add(user)
    db.flush()
    audit.record(db, by, "create", "user", user.id)
    return user


def authenticate(db: Session, username: str, password: str) -> User:
    """The active user with this name and password.

    Raises:
        WrongPassphrase: unknown user or wrong password (the message does not say which).
    """
    user = db.scalar(select(User).where(User.username == username.strip().lower(),
                                        User.active.is_(True)))
    try:
        secret = check_passphrase(password)
        if user is None or user.password_hash is None:
            raise VerificationError("no such user")
        _hasher.verify(user.password_hash, secret)
    except (VerificationError, InvalidHashError, WrongPassphrase):
        audit.record(db, user.id if user else None, "login_failed", "user",
                     user.id if user else None)
        raise WrongPassphrase(_("This user name and password do not match.")) from None
    return user


def change_password(db: Session, user_id: uuid.UUID, old: str, new: str) -> User:
    """A user's own new password, after checking the current one."""
    user = _user(db, user_id)
    try:
        current = check_passphrase(old)
        if user.password_hash is None:
            raise VerificationError("no password")
        _hasher.verify(user.password_hash, current)
    except (VerificationError, InvalidHashError, WrongPassphrase):
        audit.record(db, user.id, "login_failed", "user", user.id)
        raise InvalidInput({"old": _("This is not your current password.")}) from None
    try:
        secret = check_passphrase(new, new=True)
    except WrongPassphrase as err:
        raise InvalidInput({"new": err.message}) from None
    user.password_hash = _hasher.hash(secret)
    user.updated_by = user.id
    audit.record(db, user.id, "update", "user", user.id, detail="password")
    return user


def confirm_second_user(db: Session, first: uuid.UUID | None, username: str,
                        password: str) -> User:
    """Four eyes: a different user confirms with their own password."""
    second = authenticate(db, username, password)
    if first is not None and second.id == first:
        raise NotAllowed(_("A second person must confirm this: log in as another user."))
    if second.role == UserRole.VOLUNTEER:
        raise NotAllowed(_("Only a case manager or coordinator can confirm this."))
    return second


def list_users(db: Session, by: uuid.UUID | None, *, active_only: bool = True) -> list[User]:
    """The users by name (to choose a case manager, to show who did what)."""
    require_user(db, by)
    return _users(db, active_only=active_only)


def _users(db: Session, *, active_only: bool = True) -> list[User]:
    stmt = select(User).order_by(User.display_name)
    if active_only:
        stmt = stmt.where(User.active.is_(True))
    return list(db.scalars(stmt))


def find_user(db: Session, by: uuid.UUID | None, username: str) -> User | None:
    """The user (active or not) with this name, or None."""
    require_user(db, by)
    return _find(db, username)


def _find(db: Session, username: str) -> User | None:
    return db.scalar(select(User).where(User.username == username.strip().lower()))


def get_user(db: Session, by: uuid.UUID | None, user_id: uuid.UUID) -> User:
    require_user(db, by)
    return _user(db, user_id)


def _user(db: Session, user_id: uuid.UUID) -> User:
    """``get_user`` for a login step or a service that has checked its user already."""
    user = db.get(User, user_id)
    if user is None:
        raise NotFound(_("This user no longer exists."))
    return user


def is_deactivated(db: Session, username: str) -> bool:
    """A login step (no acting user yet, like ``authenticate``): whether ``username`` names a
    user who was deactivated, so that the login can say so instead of "wrong password"."""
    user = _find(db, username)
    return user is not None and not user.active


def set_active(db: Session, by: uuid.UUID | None, user_id: uuid.UUID, active: bool) -> User:
    require_user(db, by, Permission.MANAGE_USERS)
    user = _user(db, user_id)
    user.active = active
    user.updated_by = by
    audit.record(db, by, "update", "user", user.id, detail="active" if active else "inactive")
    return user
