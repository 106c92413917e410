"""The window's quick start: what the main window shows first, read without the database layer.

A volunteer whose own password opened the key file (``app.access.workspace.open_for``) needs,
before the main window can show, only their user row, the office settings and the People list's
first page. On an SQLite file at the newest schema these are read here with plain SQL on one
SQLCipher connection, which then stays open as the People list's reader
(``app.store.people_reader``); SQLAlchemy, the models and the services load, and the store
opens, after the window is up (issue 17). Anything else (PostgreSQL, a schema still to upgrade,
a file that is not quite ours, a deactivated user) returns None: the store opens as usual.

The store's shared lock on ``<db>.lock`` (``app.store.open_lock``) is taken before the first
read and held as long as the reader, so a restore never swaps the file under it.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app import settings
from app.store.open_lock import OpenLock, hold_shared
from app.store.sqlcipher import connect_current
from app.vocabulary import UserRole

if TYPE_CHECKING:
    from app.search_words import PersonRow
    from app.store.keys import DatabaseKey
    from app.store.people_reader import PeopleReader
    from app.store.target import Target


@dataclass(frozen=True)
class SignedIn:
    """The logged-in user as the window needs them (the same attributes as the model's)."""

    id: uuid.UUID
    username: str
    display_name: str
    role: UserRole
    active: bool = True


@dataclass
class QuickStart:
    """What the main window shows first, and what opens the store behind it."""

    key: DatabaseKey
    user: SignedIn
    settings: dict[str, Any]
    first_page: list[PersonRow]
    reader: PeopleReader
    lock: OpenLock = field(repr=False)

    def close(self) -> None:
        """Close the reader's connection and let go of its lock (safe twice)."""
        try:
            self.reader.close()
        finally:
            self.lock.release()


def quick_start(target: Target, key: DatabaseKey, username: str,
                page_size: int) -> QuickStart | None:
    """Read the user, the settings and the first ``page_size`` people; None when the store must
    open as usual (see the module's text). Raises WrongPassphrase when ``key`` does not open the
    file, StoreError when it cannot be read."""
    from app.store.people_reader import PeopleReader

    if not target.is_sqlite or target.path is None:
        return None
    lock = hold_shared(target.path)
    conn = None
    try:
        conn = connect_current(target.path, key)
        if conn is None:
            lock.release()
            return None
        user = _active_user(conn, username)
        if user is None:  # deactivated meanwhile: the log-in page says so, through the store
            conn.close()
            lock.release()
            return None
        found = _settings(conn)
        reader = PeopleReader(conn, str(target.path))
        page = reader.page(user.id, limit=page_size)
    except BaseException:
        if conn is not None:
            conn.close()
        lock.release()
        raise
    return QuickStart(key, user, found, page, reader, lock)


def _active_user(conn: Any, username: str) -> SignedIn | None:  # noqa: ANN401 - a connection
    row = conn.execute("SELECT id, username, display_name, role FROM users "
                       "WHERE username = ? AND active", (username.strip().lower(),)).fetchone()
    if row is None:
        return None
    return SignedIn(uuid.UUID(row[0]), row[1], row[2], UserRole(row[3]))


def _settings(conn: Any) -> dict[str, Any]:  # noqa: ANN401 - a connection
    """Every office setting, as ``app.settings.all_values`` gives them (JSON, else the default)."""
    stored = dict(conn.execute("SELECT key, value FROM settings").fetchall())
    found: dict[str, Any] = {}
    for key, option in settings.OPTIONS.items():
        value = stored.get(key)
        found[key] = option.default if value is None else json.loads(value)
    return found
