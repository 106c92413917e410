"""The keyring: one random data key for the database, wrapped once per passphrase.

The database is encrypted with a random 256-bit data key. Beside it, in ``<db>.keyring``,
that key is stored wrapped (AES-256-GCM) under a key stretched from each user's passphrase
(Argon2id), under the office passphrase, and under a recovery key that the coordinator prints
once at set-up. So one forgotten passphrase never locks the office out, and changing a
passphrase rewraps one entry without re-encrypting the database.

The keyring holds no personal data, only wrapped keys, salts and the count of wrong tries
(``app.access.lockout``); it is useless without a passphrase. Losing it loses the database:
backups carry a copy (without the count).
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.access import file_lock
from app.errors import StoreError, WrongPassphrase
from app.files import open_private
from app.i18n import _
from app.store.keys import (
    KEY_BYTES,
    MEMORY_KIB,
    PARALLELISM,
    SALT_BYTES,
    TIME_COST,
    DatabaseKey,
    check_passphrase,
    key_for_file,
    read_salt,
)

FORMAT = "wegwijs-keyring/1"
TRIES = "tries"
OFFICE = "office"
RECOVERY = "recovery"
RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed


def user_entry(username: str) -> str:
    """A user's entry, named apart from ``office`` and ``recovery`` (a user may be called so)."""
    return "user:" + username.strip().lower()


def keyring_path(database: Path) -> Path:
    return database.with_name(database.name + ".keyring")


@dataclass
class Entry:
    name: str
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, **{k: base64.b64encode(getattr(self, k)).decode()
                                      for k in ("salt", "nonce", "wrapped")}}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Entry:
        return cls(data["name"], *(base64.b64decode(data[k]) for k in ("salt", "nonce", "wrapped")))


@dataclass
class Keyring:
    entries: list[Entry] = field(default_factory=list)

    def names(self) -> list[str]:
        return [e.name for e in self.entries]

    def find(self, name: str) -> Entry | None:
        return next((e for e in self.entries if e.name == name), None)


def _kek(secret: bytes, salt: bytes) -> bytes:
    return hash_secret_raw(secret=secret, salt=salt, time_cost=TIME_COST, memory_cost=MEMORY_KIB,
                           parallelism=PARALLELISM, hash_len=KEY_BYTES, type=Type.ID)


def _aad(name: str) -> bytes:
    return f"{FORMAT}:{name}".encode()


def wrap(name: str, secret: bytes, data_key: bytes) -> Entry:
    salt, nonce = secrets.token_bytes(SALT_BYTES), secrets.token_bytes(12)
    return Entry(name, salt, nonce, AESGCM(_kek(secret, salt)).encrypt(nonce, data_key, _aad(name)))


def unwrap(entry: Entry, secret: bytes) -> bytes:
    try:
        return AESGCM(_kek(secret, entry.salt)).decrypt(entry.nonce, entry.wrapped,
                                                        _aad(entry.name))
    except InvalidTag:
        raise WrongPassphrase(_("The passphrase does not open this database. Check it (and "
                                "Caps Lock) and try again.")) from None


def normalise_recovery_code(code: str) -> bytes:
    """The recovery code as typed (any case, with or without dashes and spaces)."""
    text = unicodedata.normalize("NFKC", code).upper()
    compact = "".join(c for c in text if c.isalnum())
    if not compact or any(c not in RECOVERY_ALPHABET for c in compact):
        raise WrongPassphrase(_("A recovery key has only the letters and digits printed on the "
                                "recovery sheet."))
    return compact.encode()


def new_recovery_code() -> str:
    """32 characters from a 32-letter alphabet (160 bits), in groups of four."""
    chars = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(32))
    return "-".join(chars[i:i + 4] for i in range(0, 32, 4))


def load(database: Path) -> Keyring | None:
    """The keyring beside ``database``; None for a database keyed by passphrase alone."""
    path = keyring_path(database)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        raise StoreError(_("The key file {path} cannot be read ({reason}); restore it from a "
                           "backup.").format(path=path, reason=type(err).__name__)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError(_("{path} is not a Wegwijs key file.").format(path=path))
    try:
        return Keyring([Entry.from_json(e) for e in data["entries"]])
    except (KeyError, TypeError, ValueError):
        raise StoreError(_("The key file {path} is damaged; restore it from a backup.")
                         .format(path=path)) from None


def save(database: Path, keyring: Keyring) -> None:
    """Write the keyring atomically (never half-written), keeping its count of wrong tries."""
    path = keyring_path(database)
    data: dict[str, object] = {"format": FORMAT,
                               "entries": [e.to_json() for e in keyring.entries]}
    if not path.exists():
        _write(path, data)
        return
    with file_lock.exclusive(tries_lock_path(database)):
        tries = (_read_json(path) or {}).get(TRIES)
        if tries is not None:
            data[TRIES] = tries
        _write(path, data)


def _write(path: Path, data: dict[str, object]) -> None:
    tmp = path.with_name(path.name + ".part")
    text = json.dumps(data, indent=1)
    try:
        with open_private(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise StoreError(_("The key file cannot be written: {reason}").format(
            reason=err.strerror)) from None


# The count of wrong tries (app.access.lockout) is kept in the key file: deleting the key file
# locks everyone out instead of resetting the count. Only ever changed under the lock below.

def tries_lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".unlock.lock")


def _read_json(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def read_tries(database: Path) -> tuple[int, float] | None:
    """Wrong tries and the time of the last one from the key file; None without a key file."""
    data = _read_json(keyring_path(database))
    if data is None:
        return None
    tries = data.get(TRIES) or {}
    try:
        return int(tries.get("failures", 0)), float(tries.get("last", 0.0))
    except (AttributeError, TypeError, ValueError):
        return 0, 0.0


def write_tries(database: Path, failures: int, last: float) -> bool:
    """Store the count in the key file (the caller holds ``tries_lock_path``'s lock); False
    when there is no readable key file or it cannot be written."""
    path = keyring_path(database)
    data = _read_json(path)
    if data is None:
        return False
    if failures:
        data[TRIES] = {"failures": failures, "last": last}
    else:
        data.pop(TRIES, None)
    try:
        _write(path, data)
    except StoreError:
        return False
    return True


@dataclass(frozen=True)
class NewKeys:
    key: DatabaseKey
    keyring: Keyring
    recovery_code: str


def create(office_passphrase: str) -> NewKeys:
    """Keys for a new database: a random data key, wrapped for the office and for recovery."""
    secret = check_passphrase(office_passphrase, new=True)
    data_key = secrets.token_bytes(KEY_BYTES)
    code = new_recovery_code()
    ring = Keyring([wrap(OFFICE, secret, data_key),
                    wrap(RECOVERY, normalise_recovery_code(code), data_key)])
    return NewKeys(DatabaseKey(data_key, secrets.token_bytes(SALT_BYTES)), ring, code)


def unlock(database: Path, name: str, passphrase: str) -> DatabaseKey:
    """The database key from one keyring entry (a user, ``office``) and its passphrase."""
    ring = load(database)
    salt = read_salt(database)
    if ring is None:
        raise StoreError(_("This database has no key file; open it with the office passphrase."))
    entry = ring.find(name.strip().lower() if name != RECOVERY else name)
    if entry is None or name == RECOVERY:
        raise WrongPassphrase(_("The passphrase does not open this database. Check the user "
                                "name and the passphrase (and Caps Lock)."))
    return DatabaseKey(unwrap(entry, check_passphrase(passphrase)), salt)


def database_key(database: Path, passphrase: str, user: str | None = None) -> DatabaseKey:
    """The key that opens ``database``: unwrapped from the key file's entry for ``user`` (the
    office's when None), or derived from the passphrase for a file without a key file."""
    if load(database) is None:
        return key_for_file(database, passphrase)
    return unlock(database, user_entry(user) if user else OFFICE, passphrase)


def recover(database: Path, code: str) -> DatabaseKey:
    """The database key from the printed recovery key."""
    ring = load(database)
    entry = ring.find(RECOVERY) if ring else None
    if entry is None:
        raise StoreError(_("This database has no recovery key."))
    try:
        data_key = unwrap(entry, normalise_recovery_code(code))
    except WrongPassphrase:
        raise WrongPassphrase(_("This recovery key does not open the database.")) from None
    return DatabaseKey(data_key, read_salt(database))


def set_passphrase(database: Path, key: DatabaseKey, name: str, passphrase: str) -> None:
    """Add or replace the entry ``name``; the database itself is not touched."""
    if name == RECOVERY:
        raise ValueError("the recovery entry is made once, at set-up")
    ring = load(database) or Keyring()
    entry = wrap(name, check_passphrase(passphrase, new=True), key.key)
    ring.entries = [e for e in ring.entries if e.name != name] + [entry]
    save(database, ring)


def remove(database: Path, name: str) -> None:
    ring = load(database)
    if ring is None:
        return
    ring.entries = [e for e in ring.entries if e.name != name]
    save(database, ring)
