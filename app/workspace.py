"""Where Wegwijs keeps its data on this computer, and opening it with a passphrase."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from app import keyring, lockout
from app.errors import StoreError, WrongPassphrase
from app.i18n import _
from app.services import contacts, office
from app.store import Store, Target, create_store, open_store, parse_target

APP_NAME = "Wegwijs"
APP_AUTHOR = "Stem in de Stad"


def data_dir() -> Path:
    """The user's data folder (``WEGWIJS_DATA_DIR`` overrides it, for tests and portable use)."""
    override = os.environ.get("WEGWIJS_DATA_DIR")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME, APP_AUTHOR)


def default_target() -> Target:
    """The embedded default: one encrypted SQLite file in the user's data folder."""
    return Target(path=data_dir() / "wegwijs.db")


def resolve_target(value: str | None) -> Target:
    """``--db`` or ``WEGWIJS_DB`` if given, else the default file."""
    value = value or os.environ.get("WEGWIJS_DB")
    return parse_target(value) if value else default_target()


def needs_setup(target: Target) -> bool:
    """True when there is no database yet (the first start)."""
    return target.is_sqlite and target.path is not None and not target.path.exists()


def initialise(target: Target, passphrase: str | None) -> Store:
    """Create the database and fill what a new office starts with.

    An SQLite database gets a random data key, wrapped in its key file for the office
    passphrase and for a recovery key; ``store.recovery_code`` holds that recovery key, to be
    printed once and kept safe.
    """
    if target.is_sqlite and target.path is not None:
        if target.path.exists():
            create_store(target, passphrase)  # raises the "already exists" error
        if passphrase is None:
            raise StoreError(_("A new database needs a passphrase."))
        keys = keyring.create(passphrase)
        try:
            target.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(_("The folder {folder} cannot be created: {reason}").format(
                folder=target.path.parent, reason=err.strerror)) from None
        keyring.save(target.path, keys.keyring)
        try:
            store = create_store(target, key=keys.key)
        except Exception:
            keyring.keyring_path(target.path).unlink(missing_ok=True)
            raise
        store.recovery_code = keys.recovery_code
    else:
        store = create_store(target, passphrase)
    with store.session() as db:
        office.get_profile(db)
        contacts.seed_defaults(db, None)
    return store


def unlock(target: Target, passphrase: str | None, user: str | None = None) -> Store:
    """Open the database with a user's (or the office) passphrase.

    Wrong passphrases are slowed down, also across restarts.
    """
    throttle = lockout.for_database(target.path)
    if target.is_sqlite:
        throttle.check()
    try:
        path = target.path
        if path is not None and path.is_file() and keyring.load(path) is not None:
            key = keyring.unlock(path, user or keyring.OFFICE, passphrase or "")
            store = open_store(target, key=key)
        else:
            store = open_store(target, passphrase)
    except WrongPassphrase:
        throttle.failed()
        raise
    throttle.succeeded()
    return store


def unlock_with_recovery_key(target: Target, code: str) -> Store:
    """Open the database with the printed recovery key (when every passphrase is lost)."""
    if target.path is None:
        raise StoreError(_("A PostgreSQL database has no recovery key."))
    throttle = lockout.for_database(target.path)
    throttle.check()
    try:
        store = open_store(target, key=keyring.recover(target.path, code))
    except WrongPassphrase:
        throttle.failed()
        raise
    throttle.succeeded()
    return store


def set_user_passphrase(store: Store, username: str, passphrase: str) -> None:
    """Give a user their own way in (or change it); the database is not re-encrypted."""
    if store.key is None or store.target.path is None:
        return  # PostgreSQL: the server's own accounts guard the data
    keyring.set_passphrase(store.target.path, store.key, username, passphrase)
