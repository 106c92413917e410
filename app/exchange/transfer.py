"""Making and reading exchange files: what the window and the command line call.

``export_file`` writes this laptop's changes for another laptop of the office; ``import_file``
merges one in, in one transaction (an interruption leaves the database as it was), and reading
the same file again changes nothing. Any active user may exchange (volunteers bring back the
work of an intake session); each exchange is in the audit trail.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.access.permissions import require_user
from app.exchange import exchange_file, incoming, outgoing
from app.exchange.exchange_file import ExchangeError
from app.files import write_atomic
from app.i18n import _
from app.services import audit
from app.store import Store
from app.store import change_capture as cc
from app.store.revisions import known_revisions

SUFFIX = ".wegwijs-exchange"


def office_key(db: Session) -> tuple[str, bytes]:
    """(office id, office exchange key) of this database."""
    me = cc.replica(db.connection())
    return me["office"], bytes.fromhex(me["office_key"])


def key_generation(db: Session) -> int:
    """How often the office exchange key this laptop holds was changed (0: the first key)."""
    return int(cc.replica(db.connection())["key_generation"] or 0)


def export_bytes(db: Session, by: uuid.UUID | None) -> tuple[bytes, dict[str, int]]:
    """The sealed file for this laptop's log, and what it holds in counts."""
    require_user(db, by)
    data = outgoing.payload(db)
    office, key = office_key(db)
    audit.record(db, by, "export", "exchange", None,
                 detail=f"changes={len(data['changes'])}")
    sealed = exchange_file.seal(data, key, office,
                                salt=exchange_file.generation_field(key_generation(db)))
    return sealed, outgoing.counts(data)


def export_file(store: Store, by: uuid.UUID | None, path: Path) -> dict[str, int]:
    """Write an exchange file to ``path`` (written whole, then moved into place)."""
    with store.session() as db:
        sealed, counts = export_bytes(db, by)
    write_atomic(path, sealed)
    return counts


def unseal(db: Session, data: bytes) -> dict[str, Any]:
    """The payload of an exchange file for this office, or ExchangeError saying why not."""
    _fmt, kind, office, field = exchange_file.read_header(data)
    if kind == exchange_file.JOIN:
        raise ExchangeError(_("This is a join file for a new laptop: use it with 'wegwijs "
                              "join' on the new laptop. Nothing was read."))
    if kind == exchange_file.KEY:
        raise ExchangeError(_("This is a key file with the office's new exchange key: a "
                              "coordinator takes it in with Exchange → Take the office's new "
                              "key… (or 'wegwijs exchange take-key'). Nothing was read."))
    mine, key = office_key(db)
    if office != mine:
        raise ExchangeError(_("This exchange file comes from another office (or from a laptop "
                              "that has not joined this office); nothing was read."))
    try:
        payload = exchange_file.open_sealed(data, key)
    except ExchangeError:
        raise ExchangeError(_not_our_key(exchange_file.generation_of(field),
                                         key_generation(db))) from None
    check_payload(payload)
    return payload


def _not_our_key(theirs: int, ours: int) -> str:
    """Why a file of this office does not open with this laptop's exchange key, and what to
    do. The generation in the header is a hint only (it is checked with the file)."""
    if theirs < ours:
        first = _("This file was sealed with an older exchange key of the office: it was made "
                  "before the key changed (when a user was deactivated or the data key was "
                  "changed), or on a laptop that has not taken the office's new key yet. A "
                  "coordinator takes the key file on that laptop (Exchange → Take the office's "
                  "new key…, or 'wegwijs exchange take-key'), then makes the file there again: "
                  "nothing done there is lost.")
    elif theirs > ours:
        first = _("This file was sealed with a newer exchange key of the office than this "
                  "laptop has. A coordinator makes a key file on a laptop that has the new key "
                  "(Exchange → Key file for the other laptops…) and takes it in here; then read "
                  "this file again.")
    else:
        first = _("This file does not open with this laptop's exchange key: the laptop that "
                  "made it may not have taken the office's newest key, or the file comes from "
                  "another office.")
    return first + " " + _("Or the file was changed or damaged after it was made. Nothing "
                           "was read.")


def check_payload(payload: dict[str, Any]) -> None:
    if int(payload.get("format", 0)) > outgoing.FORMAT or (
            payload.get("schema") and payload["schema"] not in known_revisions()):
        raise ExchangeError(_("This file was made by a newer version of Wegwijs; update "
                              "Wegwijs on this laptop, then read it again. Nothing was read."))


def import_bytes(db: Session, by: uuid.UUID | None, data: bytes) -> incoming.Summary:
    """Merge a sealed file into this database, in the caller's transaction."""
    require_user(db, by)
    payload = unseal(db, data)
    if payload.get("laptop") == cc.replica(db.connection())["laptop"]:
        summary = incoming.Summary()  # our own file: nothing to take in
    else:
        try:
            with db.begin_nested():  # a clash undoes the merge, and the message says so
                summary = incoming.merge_payload(db, payload)
        except IntegrityError:
            raise ExchangeError(_(
                "This file holds a record that clashes with one on this laptop (for instance "
                "the same user name made on two laptops); nothing was read. Ask the "
                "coordinator to rename one of them, then read the file again.")) from None
        from app.exchange.conflicts import remember_duplicates

        remember_duplicates(db, summary.duplicates)
    audit.record(db, by, "update", "exchange", None,
                 detail=f"changes={summary.changes} conflicts={summary.conflicts}")
    return summary


def import_file(store: Store, by: uuid.UUID | None, path: Path) -> incoming.Summary:
    """Read an exchange file into this database: all of it, or (on any error) nothing."""
    data = exchange_file.read_file(path)
    with store.session() as db:
        return import_bytes(db, by, data)
