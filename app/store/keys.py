"""Key handling for the encrypted store: one office passphrase for now.

The passphrase is stretched once, at unlock, with Argon2id into a raw 256-bit key; every
pooled SQLCipher connection is keyed with that raw key (keying with a passphrase would run
SQLCipher's own KDF again for each connection). The salt is SQLCipher's own: the first 16
bytes of the database file, chosen at random when the file is created.

This is the only module that sees a passphrase; a later version wraps a random data key per
user plus a recovery key here, without touching the store.
"""

from __future__ import annotations

import os
import secrets
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw

from app.errors import StoreError, WrongPassphrase
from app.i18n import _

SALT_BYTES = 16
KEY_BYTES = 32
MIN_NEW_PASSPHRASE = 8
MAX_PASSPHRASE = 4096
# Argon2id cost: about a tenth of a second on an office laptop, 64 MiB of memory.
TIME_COST = 3
MEMORY_KIB = 64 * 1024
PARALLELISM = 2


@dataclass(frozen=True)
class DatabaseKey:
    """A raw SQLCipher key and the salt it belongs to; ``repr`` never shows either."""

    key: bytes = field(repr=False)
    salt: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.key) != KEY_BYTES or len(self.salt) != SALT_BYTES:
            raise ValueError("a database key is 32 bytes with a 16-byte salt")

    def pragma_literal(self) -> str:
        """The blob literal for ``PRAGMA key``: only hex digits, never the passphrase."""
        return f"\"x'{self.key.hex()}{self.salt.hex()}'\""


def check_passphrase(passphrase: str, *, new: bool = False) -> bytes:
    """Validate a passphrase and return its bytes (NFC, UTF-8).

    Any character is allowed, quotes and NUL included, since the passphrase never reaches
    SQL text. A new passphrase must have at least eight characters.
    """
    if not isinstance(passphrase, str) or passphrase == "":
        raise WrongPassphrase(_("Type the passphrase."))
    normal = unicodedata.normalize("NFC", passphrase)
    if len(normal) > MAX_PASSPHRASE:
        raise WrongPassphrase(_("The passphrase is too long (at most 4096 characters)."))
    if new and len(normal) < MIN_NEW_PASSPHRASE:
        raise WrongPassphrase(_("Choose a passphrase of at least 8 characters."))
    return normal.encode("utf-8", "surrogatepass")


def derive_key(passphrase: str, salt: bytes, *, new: bool = False) -> DatabaseKey:
    """Stretch ``passphrase`` with the database's ``salt`` into a raw key."""
    secret = check_passphrase(passphrase, new=new)
    raw = hash_secret_raw(
        secret=secret, salt=salt, time_cost=TIME_COST, memory_cost=MEMORY_KIB,
        parallelism=PARALLELISM, hash_len=KEY_BYTES, type=Type.ID,
    )
    return DatabaseKey(raw, salt)


def new_key(passphrase: str) -> DatabaseKey:
    """A key with a fresh random salt, for a database about to be created."""
    return derive_key(passphrase, secrets.token_bytes(SALT_BYTES), new=True)


def read_salt(path: Path) -> bytes:
    """The salt SQLCipher keeps in the first bytes of an encrypted database file."""
    try:
        with path.open("rb") as fh:
            head = fh.read(SALT_BYTES)
    except FileNotFoundError:
        raise StoreError(_("There is no database at {path}. Create one with 'wegwijs init'.")
                         .format(path=path)) from None
    except OSError as err:
        raise StoreError(_("The database {path} cannot be read: {reason}")
                         .format(path=path, reason=err.strerror)) from None
    if head == b"SQLite format 3\x00":
        raise StoreError(_("{path} is an unencrypted SQLite file, not a Wegwijs database.")
                         .format(path=path))
    if len(head) < SALT_BYTES:
        raise StoreError(_("{path} is not a Wegwijs database (the file is empty or cut off).")
                         .format(path=path))
    return head


def key_for_file(path: Path, passphrase: str) -> DatabaseKey:
    """Derive the key for an existing database file."""
    return derive_key(passphrase, read_salt(path))


def passphrase_from_environment() -> str | None:
    """The passphrase given non-interactively in ``WEGWIJS_PASSPHRASE``, if any."""
    return os.environ.get("WEGWIJS_PASSPHRASE")
