"""Each database's own identity: a random UUID made when the database is created (or, for
an older database, the first time it is opened), kept in its settings table, so inside the
encryption. A backup is a whole copy and carries the same identity; restore compares them.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy.orm import Session

from app.store.engine import Store

KEY = "database_identity"  # a row of the settings table, apart from the office's options


def ensure(store: Store) -> str:
    """The identity of ``store``'s database, made and saved when it has none yet."""
    from app.store.models import Setting

    with Session(store.engine.execution_options(wegwijs_read_only=True)) as db, db.begin():
        row = db.get(Setting, KEY)  # read first: opening takes no write lock when it is there
        if row is not None and isinstance(row.value, str) and row.value:
            return row.value
    with Session(store.engine) as db, db.begin():
        row = db.get(Setting, KEY)
        if row is not None and isinstance(row.value, str) and row.value:
            return row.value
        made = str(uuid.uuid4())
        if row is None:
            db.add(Setting(key=KEY, value=made))
        else:
            row.value = made
    return made


def read(conn: Any) -> str | None:
    """The identity through an open DB-API connection (a backup or the live file), or None."""
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (KEY,)).fetchone()
    except Exception:  # noqa: BLE001 - no settings table: no identity
        return None
    if row is None or row[0] is None:
        return None
    try:
        value = json.loads(row[0]) if isinstance(row[0], str | bytes) else row[0]
    except ValueError:
        return None
    return value if isinstance(value, str) and value else None
