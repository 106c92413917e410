"""What each role may do. One table, checked by the services, shown by the window.

The table and its checks load without the database layer (the main window shows its menus
before SQLAlchemy is loaded, issue 17); the functions that ask the database import it.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import TYPE_CHECKING

from app.errors import NotAllowed, log_in_first, user_gone
from app.i18n import _
from app.vocabulary import UserRole

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class Permission(StrEnum):
    SEE_SENSITIVE = "see_sensitive"  # health, legal status, V-number, asylum history
    PRINT_PLAN = "print_plan"
    END_PLAN = "end_plan"
    EXPORT = "export"
    MANAGE_USERS = "manage_users"
    READ_AUDIT = "read_audit"
    ERASE = "erase"
    OVERRIDE_CONSENT = "override_consent"
    RESTORE = "restore"
    BACKUP_SETTINGS = "backup_settings"  # where backups go and how many are kept
    OFFICE_SETTINGS = "office_settings"  # the office profile and the card's default contacts
    CASEWORK = "casework"  # shelter stays and extensions, team decisions, caseloads
    MERGE_PERSONS = "merge_persons"  # two records of the same person made one


GRANTS: dict[UserRole, frozenset[Permission]] = {
    UserRole.VOLUNTEER: frozenset(),
    UserRole.CASE_MANAGER: frozenset({Permission.SEE_SENSITIVE, Permission.PRINT_PLAN,
                                      Permission.END_PLAN, Permission.CASEWORK,
                                      Permission.MERGE_PERSONS}),
    UserRole.COORDINATOR: frozenset(Permission),
}


def allowed(role: UserRole | str | None, permission: Permission) -> bool:
    """Whether ``role`` grants ``permission``. No role (no user logged in, the office passphrase
    alone) grants nothing."""
    if role is None:
        return False
    return permission in GRANTS[UserRole(role)]


def require(role: UserRole | str | None, permission: Permission) -> None:
    """Raise NotAllowed unless ``role`` grants ``permission`` (no role: refused)."""
    if role is None:
        raise log_in_first()
    if not allowed(role, permission):
        raise NotAllowed(_("Your role does not allow this; ask a coordinator."))


def role_of(db: Session, user_id: uuid.UUID | None) -> UserRole | None:
    """The role of the user acting; None when no user is named (which grants nothing)."""
    from app.store.models import User

    if user_id is None:
        return None
    user = db.get(User, user_id)
    if user is None or not user.active:
        raise user_gone()
    return user.role


def require_user(db: Session, user_id: uuid.UUID | None,
                 permission: Permission | None = None) -> UserRole:
    """The acting user's role; NotAllowed unless a user is named, exists, is active and (when
    ``permission`` is given) their role grants it. Every service that reads or changes personal
    data calls this first, whatever calls the service (window, command line, a script)."""
    role = role_of(db, user_id)
    if role is None:
        raise log_in_first()
    if permission is not None:
        require(role, permission)
    return role


def no_users_yet(db: Session) -> bool:
    """Whether the database has no user at all (only while the office is being set up)."""
    from sqlalchemy import select

    from app.store.models import User

    return db.scalar(select(User.id).limit(1)) is None


def require_user_or_setup(db: Session, user_id: uuid.UUID | None,
                          permission: Permission | None = None) -> None:
    """As require_user, except that no user is needed while the database has no user yet (the
    set-up wizard and `wegwijs users add` creating the first coordinator)."""
    if user_id is None and no_users_yet(db):
        return
    require_user(db, user_id, permission)
