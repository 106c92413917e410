"""The keyring: one random data key for the database, wrapped once per passphrase.

The database is encrypted with a random 256-bit data key. Beside it, in ``<db>.keyring``,
that key is stored once per way in: for each user's own password, for the office passphrase and
for a recovery key that the coordinator prints once at set-up. So one forgotten passphrase never
locks the office out, and changing a passphrase rewraps one entry without re-encrypting the
database.

Each entry is *sealed to a public key*: the passphrase, stretched with Argon2id and the entry's
salt, is an X25519 private key; the entry keeps its public key and the data key encrypted
(AES-256-GCM) under a key agreed between a one-time key pair and that public key. Opening an
entry needs the passphrase; sealing a *new* data key to an entry needs only the public key. That
is what makes revocation possible (``app.access.rotation``): a coordinator rotates the data key
(SQLCipher ``rekey``) and seals the new key to every remaining way in without knowing anyone's
password, so an old key file, a deactivated user's password or a password that may be known no
longer opens the database. Entries of the first format (``wegwijs-keyring/1``: the data key
wrapped directly under the stretched passphrase) are read, and turned into sealed ones the next
time their passphrase opens them.

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
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

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

FORMAT = "wegwijs-keyring/2"
FORMATS = ("wegwijs-keyring/1", FORMAT)  # read; only the newest is written
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
    """One way in. ``public``/``ephemeral`` are None for an entry of the first format (the
    data key wrapped directly under the stretched passphrase), which cannot be re-sealed."""

    name: str
    salt: bytes
    nonce: bytes
    wrapped: bytes
    public: bytes | None = None
    ephemeral: bytes | None = None

    @property
    def sealed(self) -> bool:
        return self.public is not None and self.ephemeral is not None

    def to_json(self) -> dict[str, str]:
        fields = ("salt", "nonce", "wrapped") + (("public", "ephemeral") if self.sealed else ())
        return {"name": self.name, **{k: base64.b64encode(getattr(self, k)).decode()
                                      for k in fields}}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Entry:
        extra = [base64.b64decode(data[k]) if k in data else None for k in ("public", "ephemeral")]
        return cls(data["name"], *(base64.b64decode(data[k]) for k in ("salt", "nonce", "wrapped")),
                   *extra)


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
    return f"wegwijs-keyring/1:{name}".encode()  # unchanged since the first format


def _raw(public: X25519PublicKey) -> bytes:
    return public.public_bytes_raw()


def _public_of(kek: bytes) -> bytes:
    return _raw(X25519PrivateKey.from_private_bytes(kek).public_key())


def _sealing_key(shared: bytes, ephemeral: bytes, public: bytes, name: str) -> bytes:
    return HKDF(algorithm=SHA256(), length=KEY_BYTES, salt=None,
                info=_aad(name) + ephemeral + public).derive(shared)


def seal(name: str, salt: bytes, public: bytes, data_key: bytes) -> Entry:
    """An entry holding ``data_key`` that only the private key of ``public`` opens."""
    one_time = X25519PrivateKey.generate()
    ephemeral = _raw(one_time.public_key())
    key = _sealing_key(one_time.exchange(X25519PublicKey.from_public_bytes(public)), ephemeral,
                       public, name)
    nonce = secrets.token_bytes(12)
    return Entry(name, salt, nonce, AESGCM(key).encrypt(nonce, data_key, _aad(name)), public,
                 ephemeral)


def wrap(name: str, secret: bytes, data_key: bytes) -> Entry:
    """A new entry for ``secret`` (a fresh salt, so a fresh key pair)."""
    salt = secrets.token_bytes(SALT_BYTES)
    return seal(name, salt, _public_of(_kek(secret, salt)), data_key)


def reseal(entry: Entry, data_key: bytes) -> Entry:
    """The same way in (salt and public key kept) holding another data key: no passphrase
    needed. Only for a sealed entry."""
    if not entry.sealed:
        raise ValueError("an entry of the first format cannot be re-sealed")
    assert entry.public is not None
    return seal(entry.name, entry.salt, entry.public, data_key)


def _open_with_kek(entry: Entry, kek: bytes) -> bytes:
    """The data key in ``entry``; InvalidTag when ``kek`` is not its key."""
    if not entry.sealed:
        return AESGCM(kek).decrypt(entry.nonce, entry.wrapped, _aad(entry.name))
    assert entry.public is not None and entry.ephemeral is not None
    private = X25519PrivateKey.from_private_bytes(kek)
    if _raw(private.public_key()) != entry.public:
        raise InvalidTag
    key = _sealing_key(private.exchange(X25519PublicKey.from_public_bytes(entry.ephemeral)),
                       entry.ephemeral, entry.public, entry.name)
    return AESGCM(key).decrypt(entry.nonce, entry.wrapped, _aad(entry.name))


def _wrong() -> WrongPassphrase:
    return WrongPassphrase(_("The passphrase does not open this database. Check it (and "
                             "Caps Lock) and try again."))


def unwrap(entry: Entry, secret: bytes) -> bytes:
    try:
        return _open_with_kek(entry, _kek(secret, entry.salt))
    except InvalidTag:
        raise _wrong() from None


def _open_entry(database: Path, ring: Keyring, entry: Entry, secret: bytes) -> bytes:
    """The data key in ``entry`` (one Argon2id run). An entry of the first format is turned
    into a sealed one on the way (same salt and passphrase), so it can be re-sealed later; if
    a rotation was interrupted (``<db>.keyring.next`` left behind), it is finished or undone
    here, whichever matches the database."""
    kek = _kek(secret, entry.salt)
    try:
        data_key = _open_with_kek(entry, kek)
    except InvalidTag:
        raise _wrong() from None
    pending = load_pending(database)
    if pending is not None:
        data_key = _settle_pending(database, pending, entry.name, kek, data_key)
        ring = load(database) or ring
        entry = ring.find(entry.name) or entry
    if not entry.sealed:
        upgraded = seal(entry.name, entry.salt, _public_of(kek), data_key)
        ring.entries = [upgraded if e.name == entry.name else e for e in ring.entries]
        try:
            save(database, ring)
        except StoreError:
            pass  # a read-only folder: the old entry still opens the database
    return data_key


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


def pending_path(database: Path) -> Path:
    """The key file of a rotation under way: written before the database is rekeyed, renamed
    over the key file after (``app.access.rotation``)."""
    return database.with_name(database.name + ".keyring.next")


def load_pending(database: Path) -> Keyring | None:
    path = pending_path(database)
    if not path.exists():
        return None
    try:
        return _load_from(path)
    except StoreError:
        return None  # a half-written next key file: the rotation never reached the database


def load(database: Path) -> Keyring | None:
    """The keyring beside ``database``; None for a database keyed by passphrase alone."""
    return _load_from(keyring_path(database))


def _load_from(path: Path) -> Keyring | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        raise StoreError(_("The key file {path} cannot be read ({reason}); restore it from a "
                           "backup.").format(path=path, reason=type(err).__name__)) from None
    if not isinstance(data, dict) or data.get("format") not in FORMATS:
        if isinstance(data, dict) and str(data.get("format", "")).startswith("wegwijs-keyring/"):
            raise StoreError(_("The key file {path} was made by a newer version of Wegwijs; "
                               "update Wegwijs to open it.").format(path=path))
        raise StoreError(_("{path} is not a Wegwijs key file.").format(path=path))
    try:
        return Keyring([Entry.from_json(e) for e in data["entries"]])
    except (KeyError, TypeError, ValueError):
        raise StoreError(_("The key file {path} is damaged; restore it from a backup.")
                         .format(path=path)) from None


def save(database: Path, keyring: Keyring, *, pending: bool = False) -> None:
    """Write the keyring atomically (never half-written), keeping its count of wrong tries;
    ``pending``: as the next key file of a rotation."""
    path = pending_path(database) if pending else keyring_path(database)
    data: dict[str, object] = {"format": FORMAT,
                               "entries": [e.to_json() for e in keyring.entries]}
    current = keyring_path(database)
    if not current.exists():
        _write(path, data)
        return
    with file_lock.exclusive(tries_lock_path(database)):
        tries = (_read_json(current) or {}).get(TRIES)
        if tries is not None:
            data[TRIES] = tries
        _write(path, data)


def promote_pending(database: Path) -> None:
    """The next key file becomes the key file (the database was rekeyed), keeping the count of
    wrong tries."""
    with file_lock.exclusive(tries_lock_path(database)):
        data = _read_json(pending_path(database))
        if data is None:
            return
        tries = (_read_json(keyring_path(database)) or {}).get(TRIES)
        if tries is not None:
            data[TRIES] = tries
        _write(keyring_path(database), data)
        pending_path(database).unlink(missing_ok=True)


def _opens(database: Path, data_key: bytes) -> bool:
    """Whether ``data_key`` opens the database file as it is now."""
    from app.store.sqlcipher import connect  # only after an interrupted rotation

    try:
        connect(database, DatabaseKey(data_key, read_salt(database))).close()
    except WrongPassphrase:
        return False
    return True


def _settle_pending(database: Path, pending: Keyring, name: str, kek: bytes,
                    data_key: bytes) -> bytes:
    """Finish or undo a rotation that was interrupted: the key that opens the database wins.
    Only while nobody has the database open (a rotation under way holds it alone)."""
    from app.store.open_lock import exclusive_or_refuse

    try:
        with exclusive_or_refuse(database):
            if _opens(database, data_key):
                pending_path(database).unlink(missing_ok=True)  # the rekey never happened
                return data_key
            promote_pending(database)  # the database has the new key
    except StoreError:
        raise StoreError(_("The database's key is being changed; try again in a moment.")) \
            from None
    entry = pending.find(name)
    try:
        if entry is None:
            raise InvalidTag
        return _open_with_kek(entry, kek)
    except InvalidTag:
        raise _wrong() from None  # this way in was left out of the rotation


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
    return data if isinstance(data, dict) and data.get("format") in FORMATS else None


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
    return DatabaseKey(_open_entry(database, ring, entry, check_passphrase(passphrase)), salt)


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
    assert ring is not None
    try:
        data_key = _open_entry(database, ring, entry, normalise_recovery_code(code))
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
