"""What a contact card shows, read from the encrypted SQLite file with plain SQL.

``wegwijs card`` prints one card as a whole process. Importing SQLAlchemy and building the
models would take longer than the rest of that command together, so for an SQLite database at
the app's newest schema the command reads the few rows a card needs here, on one SQLCipher
connection (``app.printing.quick_card``). The rows carry the same attribute names as the models, and a
test prints the same card both ways from the same database. Anything else (PostgreSQL, a schema
still to upgrade, a file that is not quite ours) goes through the store as usual.

Only SELECTs, one INSERT into the audit trail and the person's last contact (an UPDATE); the
column formats are SQLAlchemy's on SQLite (UUIDs as 32 hex digits, timestamps as UTC text with
microseconds, dates as YYYY-MM-DD, settings as JSON).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from app.records import PersonNames, not_found, parse_reference
from app.store.keys import DatabaseKey
from app.store.sqlcipher import connect_current, describe_error
from app.vocabulary import ContactRole


@dataclass(frozen=True)
class PersonRow(PersonNames):
    id: uuid.UUID
    record_number: int
    given_names: str
    family_name: str
    name_original: str
    nickname: str


@dataclass(frozen=True)
class OfficeRow:
    name: str = ""
    address: str = ""
    phone: str = ""
    opening_hours: str = ""
    email: str = ""
    website: str = ""
    opening_hours_data: list[Any] | None = None


@dataclass(frozen=True)
class ContactRow:
    id: uuid.UUID
    role: ContactRole
    organisation: str
    name: str
    phone: str
    address: str
    hours: str
    purpose_key: str | None
    purpose_text: str
    blank: bool
    hours_data: list[Any] | None = None


_CONTACT_COLUMNS = ("id, role, organisation, name, phone, address, hours, purpose_key, "
                    "purpose_text, blank, hours_data")


def _json(value: str | None) -> Any:  # noqa: ANN401 - a JSON column as SQLAlchemy stores it
    return None if value is None else json.loads(value)


class CardReader:
    """One connection to a Wegwijs SQLite file at the newest schema."""

    def __init__(self, conn: Any, where: str) -> None:
        self._conn = conn
        self._where = where

    @classmethod
    def open(cls, path: Path, key: DatabaseKey) -> CardReader | None:
        """The reader, or None when the file must be opened through the store instead (not
        writable here, not marked as Wegwijs's, or its schema is not the newest).

        Raises WrongPassphrase when ``key`` does not open the file.
        """
        conn = connect_current(path, key)
        return None if conn is None else cls(conn, str(path))

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One read transaction, so the person, office and contacts belong together."""
        self._execute("BEGIN")
        try:
            yield
        finally:
            self._execute("COMMIT")

    def _execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        try:
            return self._conn.execute(sql, params)
        except sqlcipher.Error as err:
            raise describe_error(err, self._where) from err

    def person(self, reference: str) -> PersonRow:
        """The person a command line names (W-00042, 42 or the UUID); NotFound otherwise."""
        key = parse_reference(reference)
        where, value = (("id", key.hex) if isinstance(key, uuid.UUID)
                        else ("record_number", key))
        row = self._execute("SELECT id, record_number, given_names, family_name, name_original,"
                            f" nickname FROM persons WHERE {where} = ?", (value,)).fetchone()
        if row is None:
            raise not_found(reference)
        return PersonRow(uuid.UUID(row[0]), *row[1:])

    def office(self) -> OfficeRow:
        """The office's name, address, phone, hours, e-mail and website (blank when unset)."""
        row = self._execute("SELECT name, address, phone, opening_hours, email, website, "
                            "opening_hours_data FROM organisation_profile LIMIT 1").fetchone()
        return OfficeRow() if row is None else OfficeRow(*row[:6], _json(row[6]))

    def contacts(self, person_id: uuid.UUID | None) -> list[ContactRow]:
        """The person's own card contacts, or the office defaults for None, in card order."""
        if person_id is None:
            cursor = self._execute(f"SELECT {_CONTACT_COLUMNS} FROM card_contacts WHERE "
                                   "person_id IS NULL ORDER BY position, created_at")
        else:
            cursor = self._execute(f"SELECT {_CONTACT_COLUMNS} FROM card_contacts WHERE "
                                   "person_id = ? ORDER BY position, created_at",
                                   (person_id.hex,))
        return [ContactRow(uuid.UUID(r[0]), ContactRole(r[1]), *r[2:9], bool(r[9]), _json(r[10]))
                for r in cursor.fetchall()]

    def setting(self, key: str, default: Any) -> Any:  # noqa: ANN401 - any JSON value
        row = self._execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def user(self, username: str) -> tuple[uuid.UUID, str, bool, str | None] | None:
        """The id, role, whether active and password hash of the user with this name, or
        None."""
        row = self._execute("SELECT id, role, active, password_hash FROM users "
                            "WHERE username = ?", (username.strip().lower(),)).fetchone()
        return None if row is None else (uuid.UUID(row[0]), row[1], bool(row[2]), row[3])

    def record_print(self, person_id: uuid.UUID, lang: str, by: uuid.UUID) -> None:
        """The audit line for a printed card, naming the user, as through the store."""
        at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        self._execute("BEGIN IMMEDIATE")
        try:
            self._execute("INSERT INTO audit_events (at, user_id, action, entity, entity_id, "
                          "person_id, detail) VALUES (?, ?, 'print', 'card', ?, ?, ?)",
                          (at, by.hex, person_id.hex, person_id.hex, lang[:200]))
            # The printed card is a contact: as app.services.last_contact.touch.
            today = datetime.now().date().isoformat()
            self._execute("UPDATE persons SET last_contact_on = ? WHERE id = ? AND "
                          "(last_contact_on IS NULL OR last_contact_on < ?)",
                          (today, person_id.hex, today))
        except BaseException:
            self._execute("ROLLBACK")
            raise
        self._execute("COMMIT")
