"""Which schema a database has, and which the app knows, without importing Alembic.

Opening a database only needs to compare its revision with the newest migration; Alembic
(slow to import) is loaded only when a migration really has to run (app.store.schema), and
SQLAlchemy only to read the revision through an engine (the card command's short path reads it
with plain SQL).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"
_FIELD = re.compile(r'^(revision|down_revision)\s*=\s*["\']?([\w-]+|None)["\']?\s*$', re.M)


@cache
def _graph() -> dict[str, str | None]:
    """revision -> the revision it follows, from the migration files."""
    graph: dict[str, str | None] = {}
    for path in VERSIONS.glob("*.py"):
        fields = dict(_FIELD.findall(path.read_text(encoding="utf-8")))
        if "revision" in fields:
            down = fields.get("down_revision")
            graph[fields["revision"]] = None if down in (None, "None") else down
    return graph


def known_revisions() -> set[str]:
    return set(_graph())


def head_revision() -> str:
    graph = _graph()
    followed = {down for down in graph.values() if down}
    heads = [rev for rev in graph if rev not in followed]
    if len(heads) != 1:
        raise RuntimeError(f"the migrations must have one head, not {heads}")
    return heads[0]


def current_revision(conn: Connection) -> str | None:
    """The revision recorded in the database (None for a database without our schema)."""
    from sqlalchemy import inspect, text

    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
