"""Decrypting every page of an SQLCipher 4 file with its raw key, free pages included.

For tests that must prove data is gone from the file, not only from the tables. Format:
4096-byte pages; page 1 starts with the 16-byte salt; each page ends with 80 reserved bytes,
a 16-byte IV then the HMAC; AES-256-CBC with the raw key.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80


def decrypted_pages(path: Path, key: bytes) -> list[bytes]:
    data = path.read_bytes()
    pages = []
    for n in range(len(data) // PAGE):
        page = data[n * PAGE:(n + 1) * PAGE]
        start = 16 if n == 0 else 0
        iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
        body = page[start:PAGE - RESERVE]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        pages.append(decryptor.update(body) + decryptor.finalize())
    return pages
