"""Opening the database: with a passphrase, a user's own password or the recovery key; users
and their ways in."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app import lazy
from app.access import keyring, lockout
from app.errors import StoreError, WrongPassphrase
from app.files import private_folder
from app.i18n import _
from app.store.keys import DatabaseKey
from app.store.target import Target

# The database layer (SQLAlchemy, the models, the services) is imported where it is used:
# the unlock window derives the key (Argon2, without the GIL) while that layer still loads.
if TYPE_CHECKING:
    from app.access.quick_start import QuickStart
    from app.store import Store
    from app.store.models import User
    from app.vocabulary import UserRole

__getattr__ = lazy.attributes(__name__, {"open_store": "app.store.opening"})


def initialise(target: Target, passphrase: str | None) -> Store:
    """Create the database and fill what a new office starts with.

    An SQLite database gets a random data key, wrapped in its key file for the office
    passphrase and for a recovery key; ``store.recovery_code`` holds that recovery key, to be
    printed once and kept safe.
    """
    from app.services import contacts, office
    from app.store import create_store

    if target.is_sqlite and target.path is not None:
        if target.path.exists():
            create_store(target, passphrase)  # raises the "already exists" error
        if passphrase is None:
            raise StoreError(_("A new database needs a passphrase."))
        keys = keyring.create(passphrase)
        try:
            private_folder(target.path.parent)
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


def unlock(target: Target, passphrase: str | None, user: str | None = None, *,
           loaded: Callable[[], None] | None = None) -> Store:
    """Open the database with a user's (or the office) passphrase.

    Wrong passphrases are slowed down, also across restarts and processes
    (``app.access.lockout``). ``loaded`` as in :func:`open_for`.
    """
    if not target.is_sqlite:
        return _open_with(target, passphrase, user, loaded)
    with lockout.for_database(target.path).attempt():
        return _open_with(target, passphrase, user, loaded)


def _backup_before_upgrade(store: Store, from_revision: str) -> None:
    """A newer Wegwijs opening an older database: a verified backup before the migration."""
    from app.privacy.upgrade_backup import before_upgrade

    before_upgrade(store, from_revision)


def _open_store(target: Target, passphrase: str | None = None, *,
                key: DatabaseKey | None = None) -> Store:
    """``open_store`` as every way in opens: an upgrade only after a verified backup."""
    from app.store import open_store

    return open_store(target, passphrase, key=key, before_migrate=_backup_before_upgrade)


def _open_with(target: Target, passphrase: str | None, user: str | None,
               loaded: Callable[[], None] | None = None) -> Store:
    path = target.path
    key = None
    if path is not None and path.is_file() and keyring.load(path) is not None:
        key = keyring.database_key(path, passphrase or "", user)
    if loaded is not None:
        loaded()
    return _open_store(target, key=key) if key is not None else _open_store(target, passphrase)


def unlock_with_recovery_key(target: Target, code: str) -> Store:
    """Open the database with the printed recovery key (when every passphrase is lost)."""
    if target.path is None:
        raise StoreError(_("A PostgreSQL database has no recovery key."))
    with lockout.for_database(target.path).attempt():
        return _open_store(target, key=keyring.recover(target.path, code))


def set_user_passphrase(store: Store, username: str, passphrase: str) -> None:
    """Give a user their own way in (or change it); the database is not re-encrypted."""
    if store.key is None or store.target.path is None:
        return  # PostgreSQL: the server's own accounts guard the data
    if keyring.load(store.target.path) is None:
        return  # keyed by the passphrase itself (no key file): there is only one way in
    keyring.set_passphrase(store.target.path, store.key, keyring.user_entry(username), passphrase)


def has_own_passphrase(target: Target, username: str) -> bool:
    """True when ``username`` can open this database with their own password."""
    if not username.strip() or target.path is None or not target.path.is_file():
        return False
    ring = keyring.load(target.path)
    return ring is not None and ring.find(keyring.user_entry(username)) is not None


@dataclass
class Opened:
    """What the unlock screen opened: the store, and the user when their password opened it."""

    store: Store
    user: User | None


def open_for(target: Target, username: str, secret: str | None, *,
             loaded: Callable[[], None] | None = None,
             quick_page: int | None = None) -> Opened | QuickStart:
    """Open with a user's own password (logging them in at once) or the office passphrase.

    A user with an entry in the keyring unlocks and logs in in one step. Anyone else (or a
    user who typed the office passphrase) opens the database with the office passphrase and
    then logs in. Each failed attempt counts once towards the slow-down.

    ``loaded`` is called after the key derivation, before the database layer is imported
    (the window waits there for its background loading). With ``quick_page``, a user's own
    password gives a ``QuickStart`` when it can (``app.access.quick_start``: the user, the
    settings and that many people of the list, read without the database layer); the store
    is then opened later with :func:`open_behind`.
    """
    if has_own_passphrase(target, username):
        with lockout.for_database(target.path).attempt():  # one try, whichever secret it is
            try:
                key = keyring.unlock(target.path, keyring.user_entry(username), secret or "")
            except WrongPassphrase:
                key = None  # perhaps the office passphrase
            if key is None:
                store = _open_with(target, secret, None, loaded)
            else:
                if quick_page is not None:
                    from app.access.quick_start import quick_start

                    started = quick_start(target, key, username, quick_page)
                    if started is not None:
                        return started
                if loaded is not None:
                    loaded()
                store = _open_store(target, key=key)
        if key is None:
            return Opened(store, None)
        # The password opened this user's own keyring entry, which only their password wraps
        # (written when that password was checked or made: their first login, a coordinator
        # adding them, their own change of password). That proves it: the Argon2 hash in the
        # users table is not checked a second time. The user must still be active.
        try:
            user = _active_user(store, username)
        except BaseException:
            store.close()
            raise
        return Opened(store, user)  # None (deactivated meanwhile): the log-in page asks
    return Opened(unlock(target, secret, loaded=loaded), None)


def open_behind(target: Target, started: QuickStart) -> Store:
    """The store behind a quick start's window, with the key its password unwrapped (the schema
    was found at the newest revision, so nothing is migrated)."""
    return _open_store(target, key=started.key)


def _active_user(store: Store, username: str) -> User | None:
    from sqlalchemy import select

    from app.store.models import User

    with store.session() as db:
        user = db.scalar(select(User).where(User.username == username.strip().lower(),
                                            User.active.is_(True)))
        if user is not None:
            db.expunge(user)
    return user


def log_in(store: Store, username: str, password: str) -> User:
    """Check the user's password; give them their own way in if they have none yet.

    After opening with the office passphrase, the first login of a user on this database
    wraps the data key with their password, so next time their password alone opens it.
    A wrong password counts towards the database's slow-down like a wrong passphrase, and
    its audit line is kept although the login fails.
    """
    from app.services import users

    try:
        with _login_throttle(store).attempt(), store.session() as db:
            user = users.authenticate(db, username, password)
            db.expunge(user)
    except lockout.TooSoon:
        raise
    except WrongPassphrase:
        _record_failed_login(store, username)
        raise
    if store.key is not None and store.target.path is not None \
            and not has_own_passphrase(store.target, user.username):
        set_user_passphrase(store, user.username, password)
    return user


_server_throttles: dict[str, lockout.Throttle] = {}


def _login_throttle(store: Store) -> lockout.Throttle:
    """The database's own count; a server's lasts as long as this process (the server keeps
    no file of ours)."""
    if store.target.path is not None:
        return lockout.for_database(store.target.path)
    return _server_throttles.setdefault(str(store.target.url), lockout.Throttle(None))


def _record_failed_login(store: Store, username: str) -> None:
    """The audit line of a failed login, in its own transaction (the login's own one is
    rolled back with its error). The user is named by id; a name that matches no user is
    not kept (it may be a password typed in the wrong field)."""
    from sqlalchemy import select

    from app.services import audit
    from app.store.models import User

    with store.session() as db:
        user = db.scalar(select(User).where(User.username == username.strip().lower()))
        user_id = user.id if user is not None else None
        audit.record(db, user_id, "login_failed", "user", user_id,
                     detail="" if user is not None else "unknown user")


def add_user(store: Store, by: uuid.UUID | None, username: str, display_name: str,
             role: UserRole | str, password: str) -> User:
    """A new user, with their own way in to the database."""
    from app.services import users

    with store.session() as db:
        user = users.create_user(db, by, username, display_name, role, password)
        db.flush()
        db.expunge(user)
    set_user_passphrase(store, user.username, password)
    return user


def change_password(store: Store, user_id: uuid.UUID, old: str, new: str) -> None:
    """A user changes their own password; their keyring entry follows."""
    from app.services import users

    with store.session() as db:
        user = users.change_password(db, user_id, old, new)
        username = user.username
    set_user_passphrase(store, username, new)


def set_user_active(store: Store, by: uuid.UUID | None, user_id: uuid.UUID,
                    active: bool) -> User:
    """Deactivate (their keyring entry goes too) or reactivate a user."""
    from app.services import users

    with store.session() as db:
        user = users.set_active(db, by, user_id, active)
        db.flush()
        db.expunge(user)
    if not active and store.target.path is not None and store.key is not None:
        keyring.remove(store.target.path, keyring.user_entry(user.username))
    return user
