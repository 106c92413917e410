"""Rotating the data key: revocation that holds against old key files and known passwords.

Deactivating a user takes their entry out of the key file, but the data key stays the same:
a copy of an older key file (every backup carries one) would still open today's database with
that user's password. Rotation ends that. A coordinator, logged in, has the database alone:

1. the office's exchange key is replaced by a new random one (``app.exchange.key_file``),
   first, so that the database under its new data key never holds the old one: a copy of the
   database opened with a secret valid before holds only the old exchange key, so it reads no
   exchange file made afterwards, and the files it makes are refused. The other laptops take
   the new key from a key file a coordinator makes. ``keep_exchange_key`` leaves it as it was;
2. a new random data key is sealed to every remaining way in (each entry's public key, see
   ``app.access.keyring``: nobody's password is needed), without the ways in being revoked;
   the office passphrase is kept, changed or retired; the recovery key is re-sealed (or, for a
   key file of the first format, replaced by a new one to print);
3. that key file is written beside the database as ``<db>.keyring.next``;
4. SQLCipher re-encrypts every page with the new key (``PRAGMA rekey``, one transaction), and
   the write-ahead log is emptied so no page under the old key stays behind;
5. the next key file replaces the key file, and the audit line is written.

Interrupted anywhere, the next unlock finishes or undoes it (``keyring._settle_pending``):
whichever key file opens the database wins (undone, the exchange key was renewed for nothing:
the other laptops need the key file all the same). Afterwards no older key file, no deactivated
user's password and no replaced passphrase opens the live database. Older *backups* keep the
key they were made with: each still opens with the ways in it had when it was made.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from app.access import keyring
from app.access.keyring import OFFICE, RECOVERY, Entry, Keyring
from app.access.permissions import Permission, require_user
from app.errors import NotAllowed, StoreError, WrongPassphrase
from app.i18n import _
from app.services import audit
from app.store import Store
from app.store.keys import KEY_BYTES, DatabaseKey, check_passphrase
from app.store.models import User
from app.store.open_lock import exclusive_or_refuse, hold_shared
from app.store.sqlcipher import connect

KEEP = "keep"
CHANGE = "change"
RETIRE = "retire"


@dataclass
class Rotated:
    """What a rotation did. ``recovery_code``: a new recovery key to print (only when the old
    one could not be re-sealed, or a new one was asked for); ``left_out``: users who need a new
    password from a coordinator (their entry was of the first format and they had not opened
    the database since); ``removed``: the entries taken out; ``exchange_key``: the office's
    exchange key was replaced by a new one; ``other_laptops``: this database exchanges with
    others of the office, which need a key file before they exchange with it again."""

    recovery_code: str | None = None
    left_out: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    office: str = KEEP
    exchange_key: bool = False
    other_laptops: bool = False


def _active_usernames(store: Store) -> set[str]:
    with store.session(read_only=True) as db:
        return {u for u in db.scalars(select(User.username).where(User.active.is_(True)))}


def _check_allowed(store: Store, by: uuid.UUID | None, own_password: bool) -> None:
    """A coordinator; or any active user whose own password may be known (the rotation grants
    nobody anything, it only takes old ways in away)."""
    with store.session(read_only=True) as db:
        require_user(db, by, None if own_password else Permission.MANAGE_USERS)


def plan(ring: Keyring, data_key: bytes, active: set[str], *, revoke: Iterable[str] = (),
         office: str = KEEP, office_passphrase: str | None = None,
         new_recovery: bool = False) -> tuple[Keyring, Rotated]:
    """The next key file for ``data_key`` (pure: no file is touched).

    Users not in ``active`` and the entries named in ``revoke`` (``user:NAME``, ``office``)
    are left out; ``office``: keep the office passphrase, ``change`` it to
    ``office_passphrase``, or ``retire`` it (only once every active user has their own way in).
    """
    revoked = set(revoke)
    result = Rotated(office=office)
    entries: list[Entry] = []
    users_with_entry: set[str] = set()
    for entry in ring.entries:
        if entry.name in (OFFICE, RECOVERY):
            continue
        username = entry.name.removeprefix("user:")
        if entry.name in revoked or username not in active:
            result.removed.append(entry.name)
        elif not entry.sealed:
            result.left_out.append(username)
        else:
            entries.append(keyring.reseal(entry, data_key))
            users_with_entry.add(username)
    office_entry = ring.find(OFFICE)
    if OFFICE in revoked and office == KEEP:
        raise StoreError(_("Choose a new office passphrase, or retire it."))
    if office == RETIRE:
        without = sorted(active - users_with_entry)
        if without:
            raise StoreError(_("The office passphrase can be retired only when every active user "
                               "has their own password. Still without one: {names}.")
                             .format(names=", ".join(without)))
        if office_entry is not None:
            result.removed.append(OFFICE)
    elif office == CHANGE:
        if office_passphrase is None:
            raise StoreError(_("Type the new office passphrase."))
        entries.append(keyring.wrap(OFFICE, check_passphrase(office_passphrase, new=True),
                                    data_key))
    elif office_entry is not None:
        if not office_entry.sealed:
            raise StoreError(_("This key file is of an older kind: choose a new office passphrase "
                               "(or retire it) to change the data key."))
        entries.append(keyring.reseal(office_entry, data_key))
    recovery = ring.find(RECOVERY)
    if new_recovery or recovery is None or not recovery.sealed:
        result.recovery_code = keyring.new_recovery_code()
        entries.append(keyring.wrap(RECOVERY, keyring.normalise_recovery_code(
            result.recovery_code), data_key))
    else:
        entries.append(keyring.reseal(recovery, data_key))
    if not any(e.name.startswith("user:") or e.name == OFFICE for e in entries):
        raise StoreError(_("After this change nobody could open the database; keep the office "
                           "passphrase or a user's own password."))
    return Keyring(entries), result


def rotate(store: Store, by: uuid.UUID | None, *, revoke: Iterable[str] = (),
           office: str = KEEP, office_passphrase: str | None = None,
           new_recovery: bool = False, reason: str = "", own_password: bool = False,
           keep_exchange_key: bool = False) -> Rotated:
    """Give ``store``'s database a new data key, and the office a new exchange key unless
    ``keep_exchange_key`` (see the module's text); a coordinator's act, while no other Wegwijs
    process has the database open. ``store`` goes on working with the new key."""
    path = store.target.path
    if path is None or store.key is None:
        raise StoreError(_("A database on a PostgreSQL server has no data key of its own: the "
                           "server's accounts guard it (see docs/server.md)."))
    _check_allowed(store, by, own_password)
    if own_password and (office != KEEP or new_recovery or any(revoke)):
        raise NotAllowed(_("Only a coordinator changes the office passphrase or the recovery "
                           "key."))
    ring = keyring.load(path)
    if ring is None:
        raise StoreError(_("This database has no key file; it is opened with its passphrase "
                           "alone and has no data key to change."))
    new_key = DatabaseKey(secrets.token_bytes(KEY_BYTES), store.key.salt)
    next_ring, result = plan(ring, new_key.key, _active_usernames(store), revoke=revoke,
                             office=office, office_passphrase=office_passphrase,
                             new_recovery=new_recovery)
    from app.exchange import key_file

    old_key = store.key
    store.engine.dispose()
    if store.open_lock is not None:
        store.open_lock.release()  # our own shared lock would refuse the exclusive one
        store.open_lock = None
    key = old_key
    try:
        with exclusive_or_refuse(path):
            if not keep_exchange_key:
                # the new exchange key goes in before the rekey, so that a rotation stopped
                # anywhere (power, a kill) never leaves the old exchange key under a new data
                # key; a rotation undone at the next unlock has only renewed it for nothing
                with store.session() as db:
                    result.exchange_key = key_file.renew(db.connection()) is not None
                store.engine.dispose()
            keyring.save(path, next_ring, pending=True)
            try:
                _rekey(path, old_key, new_key)
            finally:
                if not _opens(path, old_key):  # the rekey is one transaction: done or not
                    key = new_key
                    keyring.promote_pending(path)
                else:
                    keyring.pending_path(path).unlink(missing_ok=True)
    finally:
        store.open_lock = hold_shared(path)
        store.rekey(key)
    with store.session() as db:
        result.other_laptops = key_file.shared(db.connection())
        audit.record(db, by, "update", "data_key", None, detail=_detail(result, reason))
    return result


def _rekey(path: Path, old: DatabaseKey, new: DatabaseKey) -> None:
    conn = connect(path, old)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"PRAGMA rekey = {new.pragma_literal()}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no page under the old key stays
    finally:
        conn.close()


def _opens(path: Path, key: DatabaseKey) -> bool:
    try:
        connect(path, key).close()
    except WrongPassphrase:
        return False
    return True


def _detail(result: Rotated, reason: str) -> str:
    """The audit line's detail: what changed, in counts and entry kinds (user names are staff,
    not newcomers, and say whose access ended)."""
    parts = [f"office={result.office}"]
    if result.removed:
        parts.append("removed=" + ",".join(sorted(result.removed)))
    if result.left_out:
        parts.append("left_out=" + ",".join(sorted(result.left_out)))
    if result.recovery_code:
        parts.append("new_recovery_key")
    parts.append("exchange_key=" + ("new" if result.exchange_key else "kept"))
    if reason:
        parts.append("reason=" + reason[:200])
    return "; ".join(parts)
