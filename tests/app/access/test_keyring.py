"""The keyring: a random data key wrapped per user, for the office and for recovery."""

from __future__ import annotations

from pathlib import Path

import pytest
from acting import acting
from sqlalchemy import func, select

from app.access import keyring
from app.access.workspace import initialise, set_user_passphrase, unlock, unlock_with_recovery_key
from app.errors import StoreError, WrongPassphrase
from app.privacy import backup
from app.services import persons
from app.store import Target
from app.store.models import Person


@pytest.fixture
def office(tmp_path: Path):
    target = Target(path=tmp_path / "w.db")
    store = initialise(target, "office passphrase")
    with store.session() as db:
        persons.create_person(db, acting(db), persons.PersonFields(given_names="Amina"))
    code = store.recovery_code
    set_user_passphrase(store, "anna", "anna's own passphrase")
    store.close()
    return target, code


def _names(store) -> list[str]:
    with store.session() as db:
        return list(db.scalars(select(Person.given_names)))


def test_each_way_in_opens_the_same_data(office) -> None:
    target, code = office
    assert code and len(code.replace("-", "")) == 32
    for store in (unlock(target, "office passphrase"),
                  unlock(target, "anna's own passphrase", user="anna"),
                  unlock_with_recovery_key(target, code.lower().replace("-", " "))):
        assert _names(store) == ["Amina"]
        store.close()


def test_wrong_ways_in(office) -> None:
    target, code = office
    with pytest.raises(WrongPassphrase):
        unlock(target, "office passphrase", user="anna")
    with pytest.raises(WrongPassphrase):
        unlock(target, "anna's own passphrase", user="nobody")
    with pytest.raises(WrongPassphrase):
        unlock(target, code, user="recovery")
    with pytest.raises(WrongPassphrase):
        unlock_with_recovery_key(target, "AAAA-BBBB")


def test_changing_a_passphrase_does_not_reencrypt(office) -> None:
    target, _code = office
    before = target.path.read_bytes()
    store = unlock(target, "anna's own passphrase", user="anna")
    set_user_passphrase(store, "anna", "a brand new passphrase")
    store.close()
    assert target.path.read_bytes()[:4096] == before[:4096]
    with pytest.raises(WrongPassphrase):
        unlock(target, "anna's own passphrase", user="anna")
    unlock(target, "a brand new passphrase", user="anna").close()


def test_damaged_key_file(office) -> None:
    target, _code = office
    keyring.keyring_path(target.path).write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot be read"):
        unlock(target, "office passphrase")


def test_keyring_holds_no_key_in_clear(office) -> None:
    target, _code = office
    text = keyring.keyring_path(target.path).read_text(encoding="utf-8")
    store = unlock(target, "office passphrase")
    assert store.key.key.hex() not in text and "Amina" not in text
    store.close()


def test_backup_carries_the_key_file(office, tmp_path: Path) -> None:
    target, _code = office
    store = unlock(target, "office passphrase")
    made = backup.backup(store, tmp_path / "usb")
    store.close()
    assert keyring.keyring_path(made).is_file()
    kept = backup.restore(target.path, made, "anna's own passphrase", name="anna")
    assert kept.exists() and keyring.keyring_path(kept).is_file()
    store = unlock(target, "office passphrase")
    with store.session() as db:
        assert db.scalar(select(func.count()).select_from(Person)) == 1
    store.close()
