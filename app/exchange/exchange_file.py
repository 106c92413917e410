"""The exchange file: encrypted and authenticated for one office, safe on a USB stick.

Layout: a plain header (magic, format, kind, the office's random id, a 16-byte field, a
nonce), then the compressed JSON payload sealed with AES-256-GCM, the header as associated data.
The 16-byte field is the scrypt salt of a join or key file (sealed with a one-time code), and
the exchange key's generation in an exchange file (zeros in files made before keys changed:
generation 0), so a file sealed with an older or newer key than the reader's is refused with a
message saying which laptop needs the office's key file. Nothing in it is readable without the
office key (or the one-time code): no names, no numbers. A changed byte, another office's file
or a newer format is refused with a message that says what to do.
"""

from __future__ import annotations

import json
import os
import struct
import zlib
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.errors import WegwijsError
from app.i18n import _

MAGIC = b"WEGWIJS-EXCHANGE\n"
FORMAT = 1  # the file layout; a newer one is refused, an older one read
EXCHANGE, JOIN, KEY = 1, 2, 3  # KEY: the office's new exchange key (app.exchange.key_file)
_HEADER = struct.Struct(">HB16s16s12s")  # format, kind, office, salt, nonce
_GENERATION = struct.Struct(">I12x")  # an exchange file's 16-byte field: the key's generation
MAX_FILE = 2 * 1024 ** 3


class ExchangeError(WegwijsError):
    """An exchange or join file that cannot be read: the message says why and what to do."""


class Block:
    """Some thousand changes of one laptop, compressed on their own: a laptop that has them
    all already (its clock for that laptop is past ``last``) skips the block unread."""

    __slots__ = ("count", "data", "first", "laptop", "last")

    def __init__(self, laptop: str, first: str, last: str, count: int, data: bytes) -> None:
        self.laptop, self.first, self.last, self.count, self.data = laptop, first, last, count, data

    def rows(self) -> list[list[Any]]:
        return json.loads(zlib.decompress(self.data).decode("utf-8"))  # type: ignore[no-any-return]


_BODY = b"WJX1"  # the body since blocks: framed meta and blocks (before: one zlib'd JSON)
_MARK = "\u0000blocks"
_LEN = struct.Struct(">I")


def seal(payload: dict[str, Any], key: bytes, office: str, kind: int = EXCHANGE,
         salt: bytes = b"\0" * 16) -> bytes:
    """The file's bytes for ``payload``."""
    header = MAGIC + _HEADER.pack(FORMAT, kind, bytes.fromhex(office), salt, os.urandom(12))
    nonce = header[-12:]
    return header + AESGCM(key).encrypt(nonce, _frame(payload), header)


def _frame(payload: dict[str, Any]) -> bytes:
    """The body: the payload's JSON (compressed), then each block of changes on its own. A
    change log given as ``outgoing.RawChanges`` (JSON text per block) goes in as it is."""
    blocks: list[tuple[list[Any], bytes]] = []

    def swap(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: swap(v) for k, v in value.items()}
        if hasattr(value, "blocks"):
            first = len(blocks)
            for laptop, low, high, count, text in value.blocks:
                blocks.append(([laptop, low, high, count],
                               zlib.compress(text.encode("utf-8"), 1)))
            return {_MARK: [first, len(blocks) - first]}
        return value

    meta = zlib.compress(json.dumps(swap(payload), separators=(",", ":")).encode("utf-8"), 6)
    parts = [_BODY, _LEN.pack(len(meta)), meta]
    for head, data in blocks:
        encoded = json.dumps(head).encode("utf-8")
        parts += [_LEN.pack(len(encoded)), encoded, _LEN.pack(len(data)), data]
    return b"".join(parts)


def _unframe(body: bytes) -> dict[str, Any]:
    if not body.startswith(_BODY):  # the first layout: one compressed JSON
        return json.loads(zlib.decompress(body).decode("utf-8"))  # type: ignore[no-any-return]
    at = len(_BODY)

    def take() -> bytes:
        nonlocal at
        (size,) = _LEN.unpack_from(body, at)
        at += _LEN.size
        chunk = body[at:at + size]
        at += size
        return chunk

    meta = json.loads(zlib.decompress(take()).decode("utf-8"))
    blocks = []
    while at < len(body):
        laptop, low, high, count = json.loads(take())
        blocks.append(Block(laptop, low, high, count, take()))

    def swap(value: Any) -> Any:
        if isinstance(value, dict):
            if _MARK in value:
                first, n = value[_MARK]
                return blocks[first:first + n]
            return {k: swap(v) for k, v in value.items()}
        return value

    return swap(meta)  # type: ignore[no-any-return]


def generation_field(generation: int) -> bytes:
    """The header's 16-byte field of an exchange file sealed with key ``generation``."""
    return _GENERATION.pack(generation)


def generation_of(field: bytes) -> int:
    """The exchange key's generation an exchange file names (0: a file made before)."""
    return int(_GENERATION.unpack(field)[0])


def read_header(data: bytes) -> tuple[int, int, str, bytes]:
    """(format, kind, office id, salt) from a file's first bytes; refuses what is not ours."""
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + _HEADER.size + 16:
        raise ExchangeError(_("This is not a Wegwijs exchange file (or it is cut short); "
                              "nothing was read."))
    fmt, kind, office, salt, _nonce = _HEADER.unpack_from(data, len(MAGIC))
    if fmt > FORMAT:
        raise ExchangeError(_("This file was made by a newer version of Wegwijs; update "
                              "Wegwijs on this laptop, then read it again. Nothing was read."))
    if kind not in (EXCHANGE, JOIN, KEY):
        raise ExchangeError(_("This is not a Wegwijs exchange file (or it is cut short); "
                              "nothing was read."))
    return fmt, kind, office.hex(), salt


def open_sealed(data: bytes, key: bytes) -> dict[str, Any]:
    """The payload; ExchangeError when a byte was changed or the key is not the file's."""
    size = len(MAGIC) + _HEADER.size
    header, sealed = data[:size], data[size:]
    try:
        body = AESGCM(key).decrypt(header[-12:], sealed, header)
    except InvalidTag:
        raise ExchangeError(_("This file was changed or damaged after it was made, or it is "
                              "not meant for this office; nothing was read. Ask for a new "
                              "file.")) from None
    payload = _unframe(body)
    if not isinstance(payload, dict):
        raise ExchangeError(_("This is not a Wegwijs exchange file (or it is cut short); "
                              "nothing was read."))
    return payload


def read_file(path: os.PathLike[str] | str) -> bytes:
    """A file's bytes, with a message a volunteer can act on when it cannot be read."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE + 1)
    except FileNotFoundError:
        raise ExchangeError(_("There is no file {path}.").format(path=path)) from None
    except IsADirectoryError:
        raise ExchangeError(_("{path} is a folder; name the exchange file in it.").format(
            path=path)) from None
    except OSError as err:
        raise ExchangeError(_("The file {path} cannot be read: {reason}").format(
            path=path, reason=err.strerror)) from None
    if len(data) > MAX_FILE:
        raise ExchangeError(_("This file is too large to be a Wegwijs exchange file."))
    return data
