"""Files sealed with a one-time code: the join file and the key file.

The coordinator's screen shows the code once; it never travels with the file. The file's key is
derived from the code by scrypt (with a random salt kept in the file's header), so the file
opens only with the code, and never with the office's exchange key (which someone whose access
was taken away may still hold).
"""

from __future__ import annotations

import os
import secrets
from typing import Any

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.exchange import exchange_file

# No 0/O, 1/I/L, U: a code read aloud or copied from a screen is typed right.
ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
CODE_LENGTH = 12


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def normal(code: str) -> str:
    """The code as typed, without spaces, dashes or case."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def derive_key(code: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2 ** 15, r=8, p=1).derive(normal(code).encode())


def seal(payload: dict[str, Any], office: str, kind: int) -> tuple[bytes, str]:
    """The file's bytes for ``payload`` and the new one-time code that opens it."""
    code = new_code()
    salt = os.urandom(16)
    return exchange_file.seal(payload, derive_key(code, salt), office, kind=kind,
                              salt=salt), code


def open_sealed(data: bytes, code: str) -> dict[str, Any]:
    """The payload; ExchangeError when the code does not fit (or a byte was changed): the
    caller says which file it was and what to do."""
    _fmt, _kind, _office, salt = exchange_file.read_header(data)
    return exchange_file.open_sealed(data, derive_key(code, salt))
