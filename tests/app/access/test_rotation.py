"""Rotating the data key: after it, no older key file, deactivated user's password or replaced
passphrase opens the live database; everyone who remains still gets in."""

from __future__ import annotations

import base64
import json
import secrets
import shutil
from pathlib import Path

import pytest

from app.access import keyring, rotation
from app.access.workspace import (
    add_user,
    change_password,
    open_for,
    set_user_active,
    unlock,
    unlock_with_recovery_key,
)
from app.errors import NotAllowed, StoreError, WrongPassphrase
from app.services import persons
from app.store import Target
from app.store.models import AuditEvent
from app.vocabulary import UserRole

OFFICE = "office passphrase"


@pytest.fixture
def office(tmp_path: Path) -> tuple[Target, str]:
    """A database with a coordinator (cora), a volunteer (vera) and the recovery key."""
    target = Target(path=tmp_path / "w.db")
    store = initialise_with_recovery(target)
    add_user(store, None, "cora", "Cora", UserRole.COORDINATOR, "cora's password")
    add_user(store, store_user_id(store, "cora"), "vera", "Vera", UserRole.VOLUNTEER,
             "vera's password")
    store.close()
    return target, RECOVERY[target.path]


RECOVERY: dict[Path | None, str] = {}


def initialise_with_recovery(target: Target):  # noqa: ANN201 - a Store
    from app.access.workspace import initialise

    store = initialise(target, OFFICE)
    RECOVERY[target.path] = store.recovery_code or ""
    return store


def _as(target: Target, user: str, password: str):  # noqa: ANN202 - (Store, User)
    opened = open_for(target, user, password)
    assert opened.user is not None
    return opened.store, opened.user


def _opens(target: Target, user: str | None, secret: str) -> bool:
    try:
        store = unlock(target, secret, user) if user else unlock(target, secret)
    except WrongPassphrase:
        return False
    store.close()
    return True


def test_an_old_key_file_and_a_deactivated_users_password_no_longer_open(
        office: tuple[Target, str], tmp_path: Path) -> None:
    target, _code = office
    old_ring = tmp_path / "old.keyring"
    shutil.copy(keyring.keyring_path(target.path), old_ring)
    store, cora = _as(target, "cora", "cora's password")
    vera = store_user_id(store, "vera")
    set_user_active(store, cora.id, vera, False)
    # The attack of issue 12 point 2: today's database beside an older key file.
    live = keyring.keyring_path(target.path)
    kept = tmp_path / "live.keyring"
    shutil.copy(live, kept)
    shutil.copy(old_ring, live)
    assert _opens(target, "vera", "vera's password")  # without rotation it works: the break
    shutil.copy(kept, live)

    rotation.rotate(store, cora.id)
    store.close()
    shutil.copy(old_ring, live)
    assert not _opens(target, "vera", "vera's password")
    assert not _opens(target, None, OFFICE)
    shutil.copy(kept, live)  # the pre-rotation live key file: just as useless
    assert not _opens(target, "cora", "cora's password")


def store_user_id(store, username: str):  # noqa: ANN001, ANN201
    from sqlalchemy import select

    from app.store.models import User

    with store.session(read_only=True) as db:
        return db.scalar(select(User.id).where(User.username == username))


def test_everyone_who_remains_still_gets_in_and_the_data_is_whole(
        office: tuple[Target, str]) -> None:
    target, code = office
    store, cora = _as(target, "cora", "cora's password")
    with store.session() as db:
        person = persons.create_person(db, cora.id, persons.PersonFields(given_names="Amal", family_name="Haddad"))
        number = person.record_number
    result = rotation.rotate(store, cora.id)
    assert result.recovery_code is None and result.left_out == []
    with store.session() as db:  # the open store goes on with the new key
        persons.create_person(db, cora.id, persons.PersonFields(given_names="Tesfay", family_name="Gebre"))
    store.close()
    assert _opens(target, "cora", "cora's password")
    assert _opens(target, "vera", "vera's password")
    assert _opens(target, None, OFFICE)
    unlock_with_recovery_key(target, code).close()
    store, cora = _as(target, "cora", "cora's password")
    with store.session(read_only=True) as db:
        assert persons.resolve(db, cora.id, str(number)).given_names == "Amal"
        events = db.query(AuditEvent).filter(AuditEvent.entity == "data_key").all()
        assert len(events) == 1 and events[0].user_id == cora.id
        integrity = db.connection().exec_driver_sql("PRAGMA integrity_check").scalar()
        assert integrity == "ok"
    store.close()
    assert keyring.load(target.path) is not None
    assert not keyring.pending_path(target.path).exists()


def test_a_password_that_may_be_known_is_replaced_and_the_old_one_opens_nothing(
        office: tuple[Target, str], tmp_path: Path) -> None:
    target, _code = office
    old_ring = tmp_path / "old.keyring"
    shutil.copy(keyring.keyring_path(target.path), old_ring)
    store, cora = _as(target, "cora", "cora's password")
    change_password(store, cora.id, "cora's password", "a brand new one")
    rotation.rotate(store, cora.id, reason="password may be known")
    store.close()
    assert _opens(target, "cora", "a brand new one")
    shutil.copy(old_ring, keyring.keyring_path(target.path))
    assert not _opens(target, "cora", "cora's password")


def test_the_office_passphrase_is_changed_or_retired(office: tuple[Target, str]) -> None:
    target, _code = office
    store, cora = _as(target, "cora", "cora's password")
    with pytest.raises(WrongPassphrase):
        rotation.rotate(store, cora.id, office=rotation.CHANGE, office_passphrase="short")
    rotation.rotate(store, cora.id, office=rotation.CHANGE, office_passphrase="the new office one")
    store.close()
    assert not _opens(target, None, OFFICE)
    assert _opens(target, None, "the new office one")

    store, cora = _as(target, "cora", "cora's password")
    rotation.rotate(store, cora.id, office=rotation.RETIRE)
    store.close()
    assert not _opens(target, None, "the new office one")
    assert "office" not in keyring.load(target.path).names()
    assert _opens(target, "vera", "vera's password")


def test_the_office_passphrase_stays_while_a_user_has_no_own_password(tmp_path: Path) -> None:
    target = Target(path=tmp_path / "w.db")
    store = initialise_with_recovery(target)
    add_user(store, None, "cora", "Cora", UserRole.COORDINATOR, "cora's password")
    from app.services import users

    with store.session() as db:  # made before users had their own way in
        users.create_user(db, store_user_id(store, "cora"), "bram", "Bram", UserRole.VOLUNTEER,
                          "bram's password")
    with pytest.raises(StoreError, match="bram"):
        rotation.rotate(store, store_user_id(store, "cora"), office=rotation.RETIRE)
    store.close()
    assert _opens(target, None, OFFICE)  # nothing changed


def test_only_a_coordinator_rotates(office: tuple[Target, str]) -> None:
    target, _code = office
    store, vera = _as(target, "vera", "vera's password")
    try:
        with pytest.raises(NotAllowed):
            rotation.rotate(store, vera.id)
        with pytest.raises(NotAllowed):
            rotation.rotate(store, None)
    finally:
        store.close()
    assert _opens(target, "vera", "vera's password")


def test_refused_while_the_database_is_open_elsewhere(office: tuple[Target, str]) -> None:
    target, _code = office
    store, cora = _as(target, "cora", "cora's password")
    other = unlock(target, "vera's password", "vera")  # a second window or command
    try:
        with pytest.raises(StoreError, match="open elsewhere"):
            rotation.rotate(store, cora.id)
        with store.session() as db:  # the first store still works
            persons.create_person(db, cora.id, persons.PersonFields(given_names="Amal", family_name="Haddad"))
    finally:
        other.close()
        store.close()
    assert _opens(target, None, OFFICE)
    assert not keyring.pending_path(target.path).exists()


def test_an_interrupted_rotation_is_finished_or_undone_at_the_next_unlock(
        office: tuple[Target, str]) -> None:
    target, _code = office
    store, _cora = _as(target, "cora", "cora's password")
    old_key = store.key
    store.close()
    ring = keyring.load(target.path)
    from app.store.keys import DatabaseKey

    new_key = DatabaseKey(secrets.token_bytes(32), old_key.salt)
    users = {"cora", "vera"}
    next_ring, _result = rotation.plan(ring, new_key.key, users)

    # Power lost after the next key file was written, before the rekey: the old one wins.
    keyring.save(target.path, next_ring, pending=True)
    assert _opens(target, "vera", "vera's password")
    assert not keyring.pending_path(target.path).exists()

    # Lost after the rekey, before the rename: the next key file wins.
    keyring.save(target.path, next_ring, pending=True)
    rotation._rekey(target.path, old_key, new_key)
    assert _opens(target, "cora", "cora's password")
    assert not keyring.pending_path(target.path).exists()
    unlock(target, OFFICE).close()


def test_a_key_file_of_the_first_format_is_upgraded_when_it_is_used(tmp_path: Path) -> None:
    """Entries written before sealing (the data key wrapped under the stretched passphrase)
    open as before, become sealed at their next use, and then rotate like the others; a
    recovery key that could not be re-sealed is replaced by a new one to print."""
    target = Target(path=tmp_path / "w.db")
    store = initialise_with_recovery(target)
    add_user(store, None, "cora", "Cora", UserRole.COORDINATOR, "cora's password")
    data_key = store.key.key
    store.close()
    _downgrade(target.path, {"office": OFFICE.encode(), "user:cora": b"cora's password",
                             "recovery": keyring.normalise_recovery_code(RECOVERY[target.path])},
               data_key)
    assert not any(e.sealed for e in keyring.load(target.path).entries)

    store, cora = _as(target, "cora", "cora's password")
    assert keyring.load(target.path).find("user:cora").sealed
    with pytest.raises(StoreError, match="older kind"):
        rotation.rotate(store, cora.id)  # the office entry cannot be re-sealed
    result = rotation.rotate(store, cora.id, office=rotation.CHANGE,
                             office_passphrase="a new office passphrase")
    store.close()
    assert result.recovery_code is not None
    unlock_with_recovery_key(target, result.recovery_code).close()
    with pytest.raises(WrongPassphrase):
        unlock_with_recovery_key(target, RECOVERY[target.path])
    assert _opens(target, "cora", "cora's password")


def _downgrade(database: Path, secrets_by_name: dict[str, bytes], data_key: bytes) -> None:
    """Rewrite the key file in the first format (as an older Wegwijs wrote it)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    entries = []
    for name, secret in secrets_by_name.items():
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        wrapped = AESGCM(keyring._kek(secret, salt)).encrypt(
            nonce, data_key, f"wegwijs-keyring/1:{name}".encode())
        entries.append({"name": name, **{k: base64.b64encode(v).decode() for k, v in
                                         (("salt", salt), ("nonce", nonce), ("wrapped", wrapped))}})
    keyring.keyring_path(database).write_text(json.dumps(
        {"format": "wegwijs-keyring/1", "entries": entries}))


def test_an_older_backup_keeps_the_ways_in_it_was_made_with(
        office: tuple[Target, str], tmp_path: Path) -> None:
    """What the README says about backups: a backup made before the rotation still opens with
    the passwords of its time, the deactivated user's included. Rotation cannot reach copies."""
    from app.privacy import backup

    target, _code = office
    store, cora = _as(target, "cora", "cora's password")
    made = backup.backup(store, tmp_path / "backups")
    set_user_active(store, cora.id, store_user_id(store, "vera"), False)
    rotation.rotate(store, cora.id)
    store.close()
    copy = tmp_path / "copy" / "w.db"
    copy.parent.mkdir()
    shutil.copy(made, copy)
    shutil.copy(keyring_of_backup(made), keyring.keyring_path(copy))
    assert _opens(Target(path=copy), "vera", "vera's password")
    assert not _opens(target, "vera", "vera's password")


def keyring_of_backup(made: Path) -> Path:
    assert keyring.keyring_path(made).exists(), "a backup carries its key file"
    return keyring.keyring_path(made)


def test_rotation_gives_the_office_a_new_exchange_key_unless_kept(
        office: tuple[Target, str], tmp_path: Path) -> None:
    """The exchange key changes with the data key (app.exchange.key_file), in the same
    rotation: a copy made before holds only the old one. The audit line says so, without
    the key."""
    from app.exchange import transfer

    target, _code = office
    store, cora = _as(target, "cora", "cora's password")

    def key() -> tuple[int, str]:
        with store.session(read_only=True) as db:
            return transfer.key_generation(db), transfer.office_key(db)[1].hex()

    first = key()
    result = rotation.rotate(store, cora.id)
    second = key()
    assert result.exchange_key and not result.other_laptops  # no laptop joined this one yet
    assert second[0] == first[0] + 1 and second[1] != first[1]
    result = rotation.rotate(store, cora.id, keep_exchange_key=True)
    assert not result.exchange_key and key() == second
    store.close()
    store, vera = _as(target, "vera", "vera's password")  # one's own password may be known
    assert rotation.rotate(store, vera.id, own_password=True).exchange_key
    assert key()[0] == second[0] + 1
    with store.session(read_only=True) as db:
        details = [e.detail for e in db.query(AuditEvent).filter(AuditEvent.entity == "data_key")
                   .order_by(AuditEvent.id)]
    store.close()
    assert ["exchange_key=new" in d for d in details] == [True, False, True]
    assert all(first[1] not in d and second[1] not in d for d in details)


def test_a_rotation_stopped_after_the_rekey_leaves_no_old_exchange_key_under_the_new_data_key(
        office: tuple[Target, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Power lost right after the rekey (before the key file is renamed and the audit line is
    written): the next unlock finishes the rotation, and the database under its new data key
    already holds the new exchange key."""
    from app.exchange import transfer

    target, _code = office
    store, cora = _as(target, "cora", "cora's password")
    with store.session(read_only=True) as db:
        before = transfer.office_key(db)[1]

    def power_lost(path: Path) -> None:
        raise KeyboardInterrupt  # what a kill leaves: the rekey done, nothing after it

    monkeypatch.setattr(keyring, "promote_pending", power_lost)
    with pytest.raises(KeyboardInterrupt):
        rotation.rotate(store, cora.id)
    monkeypatch.undo()
    store.engine.dispose()
    if store.open_lock is not None:
        store.open_lock.release()
    again, _cora = _as(target, "cora", "cora's password")  # settles the next key file
    with again.session(read_only=True) as db:
        assert transfer.office_key(db)[1] != before
    again.close()
