"""Exchange and join files: encrypted, authenticated, for one office only."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import pytest
from acting import acting
from exchange_replicas import first_laptop, join_from, person_ids

from app.exchange import exchange_file, join, transfer
from app.exchange.exchange_file import ExchangeError
from app.services import persons
from app.store import Target


@pytest.fixture
def laptops(tmp_path: Path):  # noqa: ANN201
    a = first_laptop(tmp_path / "a.db")
    with a.session() as db:
        persons.create_person(db, acting(db), persons.PersonFields(
            given_names="Zainab", family_name="Qasemi", phone="0612345678"))
    b = join_from(a, tmp_path / "b.db")
    yield a, b
    a.close()
    b.close()


def _export(store) -> bytes:  # noqa: ANN001
    with store.session() as db:
        return transfer.export_bytes(db, acting(db))[0]


def _import(store, data: bytes):  # noqa: ANN001, ANN202
    with store.session() as db:
        return transfer.import_bytes(db, acting(db), data)


def test_no_plaintext_in_the_file(laptops) -> None:
    a, _b = laptops
    data = _export(a)
    for secret in (b"Zainab", b"Qasemi", b"0612345678", "Zainab".encode("utf-16-le"),
                   b"persons"):
        assert secret not in data
    assert zlib.compress(b"Zainab")[2:8] not in data


def test_a_changed_byte_is_refused_and_nothing_is_read(laptops) -> None:
    a, b = laptops
    with a.session() as db:
        persons.create_person(db, acting(db), persons.PersonFields(given_names="New"))
    data = bytearray(_export(a))
    before = person_ids(b)
    for where in (len(data) - 5, len(data) // 2, len(exchange_file.MAGIC) + 20):
        bad = bytearray(data)
        bad[where] ^= 1
        with pytest.raises(ExchangeError, match="changed or damaged|another office"):
            _import(b, bytes(bad))
    with pytest.raises(ExchangeError, match="not a Wegwijs exchange file"):
        _import(b, bytes(data[:40]))
    assert person_ids(b) == before


def test_a_file_of_another_office_is_refused(laptops, tmp_path: Path) -> None:
    a, _b = laptops
    other = first_laptop(tmp_path / "other.db")
    try:
        with pytest.raises(ExchangeError, match="another office"):
            _import(other, _export(a))
    finally:
        other.close()


def test_a_newer_format_is_refused_with_a_message_to_update(laptops) -> None:
    a, b = laptops
    data = bytearray(_export(a))
    struct.pack_into(">H", data, len(exchange_file.MAGIC), exchange_file.FORMAT + 1)
    with pytest.raises(ExchangeError, match="newer version of Wegwijs; update"):
        _import(b, bytes(data))
    # A payload from a newer program (a schema this one does not know) is refused too.
    with a.session() as db:
        office, key = transfer.office_key(db)
    newer = exchange_file.seal({"format": 1, "schema": "9999", "laptop": "x", "changes": [],
                                "tombstones": [], "audit": []}, key, office)
    with pytest.raises(ExchangeError, match="update"):
        _import(b, newer)
    # An older one (format 0 fields, no schema named) is read.
    older = exchange_file.seal({"format": 0, "laptop": "f" * 32, "changes": [],
                                "tombstones": [], "audit": []}, key, office)
    assert _import(b, older).nothing_new


def test_join_file_needs_its_code_and_is_no_exchange_file(laptops, tmp_path: Path) -> None:
    a, b = laptops
    with a.session() as db:
        sealed, made = join.make_join_bytes(db, acting(db))
    assert len(made.code) == 14 and made.series == 2
    with pytest.raises(ExchangeError, match="code does not fit"):
        join.join(Target(path=tmp_path / "c.db"), "passphrase long enough", sealed, "AAAA-BBBB-CCCC")
    assert not (tmp_path / "c.db").exists()
    with pytest.raises(ExchangeError, match="join file for a new laptop"):
        _import(b, sealed)
    with pytest.raises(ExchangeError, match="not a join file"):
        join.join(Target(path=tmp_path / "c.db"), "passphrase long enough", _export(a), made.code)
    store, recovery, summary = join.join(Target(path=tmp_path / "c.db"),
                                         "passphrase long enough", sealed,
                                         made.code.lower().replace("-", " "))
    try:
        assert recovery and summary.people_new == 1
    finally:
        store.close()


def test_only_coordinators_make_join_files(laptops) -> None:
    a, _b = laptops
    from app.errors import NotAllowed
    from app.vocabulary import UserRole

    with a.session() as db:
        volunteer = acting(db, UserRole.VOLUNTEER, "vera")
        with pytest.raises(NotAllowed):
            join.make_join_bytes(db, volunteer)


def test_payload_round_trip(laptops) -> None:
    a, _b = laptops
    with a.session() as db:
        office, key = transfer.office_key(db)
    sealed = exchange_file.seal({"x": [1, "é"]}, key, office)
    assert exchange_file.open_sealed(sealed, key) == {"x": [1, "é"]}
    assert json.loads(json.dumps({"x": 1}))


def test_the_first_layout_one_compressed_json_is_still_read(laptops) -> None:
    import os

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    a, b = laptops
    with a.session() as db:
        office, key = transfer.office_key(db)
    header = exchange_file.MAGIC + struct.pack(">HB16s16s12s", 1, exchange_file.EXCHANGE,
                                               bytes.fromhex(office), b"\0" * 16, os.urandom(12))
    body = zlib.compress(json.dumps({"format": 1, "laptop": "e" * 32, "changes": [],
                                     "tombstones": [], "audit": []}).encode())
    old = header + AESGCM(key).encrypt(header[-12:], body, header)
    assert _import(b, old).nothing_new


def test_blocks_a_laptop_has_whole_are_skipped_unread(laptops, monkeypatch) -> None:
    a, b = laptops
    data = _export(a)
    _import(b, data)
    unpacked = []
    real = exchange_file.Block.rows
    monkeypatch.setattr(exchange_file.Block, "rows",
                        lambda self: unpacked.append(self.laptop) or real(self))
    assert _import(b, data).nothing_new
    assert set(unpacked) <= {"baseline"}
