"""Syncing a laptop with another database of the office directly: the office's PostgreSQL
server when it is reachable (or a database file on a share), with the same merge as the files.

Both sides must be of the same office (the server joined it once with a join file: ``wegwijs
--db postgresql+psycopg://… join FILE``). Each side merges in its own transaction; if the
second step fails, the first stays done and the next sync simply repeats what is missing.

The sync itself needs no exchange key, but both sides keep the office's: the newer one (after a
data key rotation, ``app.exchange.key_file``) goes to the other side too, so a server synced
after a rotation makes no join or exchange file with the old key, and a laptop that syncs with
it takes the new key without a key file.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from app.access.permissions import require_user
from app.exchange import incoming, key_file, outgoing
from app.exchange.exchange_file import ExchangeError
from app.i18n import _
from app.services import audit
from app.store import Store
from app.store import change_capture as cc


def _plain(payload: dict[str, Any]) -> dict[str, Any]:
    """A payload as the other side's merge reads it (the change log unpacked)."""
    changes = payload["changes"]
    if isinstance(changes, outgoing.RawChanges):
        payload = {**payload, "changes": changes.rows()}
    return payload


def sync(here: Store, there: Store, by: uuid.UUID | None
         ) -> tuple[incoming.Summary, incoming.Summary]:
    """Bring ``there`` up to date with ``here`` and back; returns (what ``there`` took in, what
    ``here`` took in). ``by`` must be an active user on both (the same user of the office)."""
    with here.session() as db:
        require_user(db, by)
        mine = cc.replica(db.connection())
        sent = _plain(outgoing.payload(db))
    with there.session() as db:
        theirs = cc.replica(db.connection())
        if theirs["office"] != mine["office"]:
            raise ExchangeError(_("The other database is not one of this office: join it to the "
                                  "office first with a join file ('wegwijs --db ADDRESS join "
                                  "FILE'). Nothing was changed."))
        require_user(db, by)
        taken_there = incoming.Summary() if theirs["laptop"] == mine["laptop"] \
            else incoming.merge_payload(db, sent)
        _take_key(db, by, mine, taken_there)
        audit.record(db, by, "update", "exchange", None,
                     detail=f"sync changes={taken_there.changes}")
        back = _plain(outgoing.payload(db))
    with here.session() as db:
        taken_here = incoming.Summary() if theirs["laptop"] == mine["laptop"] \
            else incoming.merge_payload(db, back)
        from app.exchange.conflicts import remember_duplicates

        remember_duplicates(db, taken_here.duplicates)
        _take_key(db, by, theirs, taken_here)
        audit.record(db, by, "update", "exchange", None,
                     detail=f"sync changes={taken_here.changes}")
    return taken_there, taken_here


def _take_key(db: Session, by: uuid.UUID | None, other: dict[str, Any],
              summary: incoming.Summary) -> None:
    """This side takes the other side's exchange key when it is newer (never an older one)."""
    generation = int(other["key_generation"] or 0)
    if key_file.adopt(db.connection(), generation, other["office_key"]):
        summary.new_exchange_key = True
        audit.record(db, by, "update", "exchange_key", None,
                     detail=f"generation={generation} sync")


def sync_with_server(here: Store, address: str, by: uuid.UUID | None
                     ) -> tuple[incoming.Summary, incoming.Summary]:
    """``sync`` with the PostgreSQL server at ``address`` (its own login in the address), as
    the window does it: the user logged in here must be an active user of the office there."""
    from app.store import open_store
    from app.store.target import parse_target

    target = parse_target(address)
    if target.is_sqlite:
        raise ExchangeError(_("Give the server's address: postgresql+psycopg://USER@HOST/DB."))
    server = open_store(target)
    try:
        return sync(here, server, by)
    finally:
        server.close()
