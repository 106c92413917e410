"""Opening Wegwijs as a user: one's own password, the office passphrase, and keeping them in step."""

from __future__ import annotations

from pathlib import Path

import pytest
from acting import acting_in

from app.access import keyring
from app.access.workspace import (
    add_user,
    change_password,
    has_own_passphrase,
    initialise,
    log_in,
    open_for,
    set_user_active,
    unlock,
)
from app.errors import InvalidInput, WrongPassphrase
from app.store import Target
from app.vocabulary import UserRole


@pytest.fixture
def target(tmp_path: Path) -> Target:
    target = Target(path=tmp_path / "w.db")
    store = initialise(target, "office passphrase")
    add_user(store, None, "anna", "Anna", UserRole.COORDINATOR, "anna's password")
    store.close()
    return target


def test_a_new_user_opens_and_logs_in_with_one_password(target: Target) -> None:
    assert has_own_passphrase(target, "Anna ")
    opened = open_for(target, "anna", "anna's password")
    try:
        assert opened.user is not None and opened.user.username == "anna"
    finally:
        opened.store.close()


def test_the_office_passphrase_still_opens_then_asks_who(target: Target) -> None:
    opened = open_for(target, "anna", "office passphrase")
    assert opened.user is None
    opened.store.close()
    opened = open_for(target, "", "office passphrase")
    assert opened.user is None
    opened.store.close()


def test_a_wrong_password_opens_nothing(target: Target) -> None:
    with pytest.raises(WrongPassphrase):
        open_for(target, "anna", "not it")
    with pytest.raises(WrongPassphrase):
        open_for(target, "nobody", "anna's password")


def test_users_named_like_keyring_entries_cannot_take_them_over(target: Target) -> None:
    store = unlock(target, "office passphrase")
    add_user(store, acting_in(store), "office", "Office", UserRole.VOLUNTEER, "another password")
    store.close()
    assert unlock(target, "office passphrase") is not None  # the office entry is untouched
    names = keyring.load(target.path).names()
    assert {"office", "recovery", "user:anna", "user:office"} <= set(names)


def test_first_login_after_the_office_passphrase_gives_a_way_in(tmp_path: Path) -> None:
    target = Target(path=tmp_path / "w.db")
    store = initialise(target, "office passphrase")
    from app.services import users
    with store.session() as db:
        users.create_user(db, None, "bram", "Bram", UserRole.VOLUNTEER, "bram's password")
    assert not has_own_passphrase(target, "bram")
    with pytest.raises(WrongPassphrase):
        log_in(store, "bram", "wrong")
    assert not has_own_passphrase(target, "bram")
    assert log_in(store, "bram", "bram's password").username == "bram"
    store.close()
    assert open_for(target, "bram", "bram's password").user is not None


def test_changing_a_password_changes_the_way_in(target: Target) -> None:
    opened = open_for(target, "anna", "anna's password")
    with pytest.raises(InvalidInput) as err:
        change_password(opened.store, opened.user.id, "wrong", "a new password")
    assert "old" in err.value.problems
    with pytest.raises(InvalidInput) as err:
        change_password(opened.store, opened.user.id, "anna's password", "")
    assert "new" in err.value.problems
    change_password(opened.store, opened.user.id, "anna's password", "a new password")
    opened.store.close()
    with pytest.raises(WrongPassphrase):
        open_for(target, "anna", "anna's password")
    again = open_for(target, "anna", "a new password")
    assert again.user is not None
    again.store.close()


def test_a_deactivated_user_loses_their_way_in(target: Target) -> None:
    opened = open_for(target, "anna", "anna's password")
    bram = add_user(opened.store, opened.user.id, "bram", "Bram", UserRole.VOLUNTEER, "bram pw 123")
    set_user_active(opened.store, opened.user.id, bram.id, False)
    opened.store.close()
    assert not has_own_passphrase(target, "bram")
    with pytest.raises(WrongPassphrase):
        open_for(target, "bram", "bram pw 123")


def test_ones_own_password_is_derived_once_not_checked_again(
        target: Target, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 17: the password that unwrapped the user's own keyring entry is proven; the
    Argon2 hash in the users table is not verified a second time (same parameters, one run)."""
    import argon2

    runs: list[str] = []
    derive, verify = keyring.hash_secret_raw, argon2.PasswordHasher.verify

    def counted_derive(**kwargs):  # noqa: ANN003, ANN202
        runs.append("keyring entry")
        return derive(**kwargs)

    def counted_verify(self, *args):  # noqa: ANN001, ANN002, ANN202
        runs.append("password hash")
        return verify(self, *args)

    monkeypatch.setattr(keyring, "hash_secret_raw", counted_derive)
    monkeypatch.setattr(argon2.PasswordHasher, "verify", counted_verify)
    opened = open_for(target, "anna", "anna's password")
    try:
        assert opened.user is not None and opened.user.username == "anna"
    finally:
        opened.store.close()
    assert runs == ["keyring entry"]


def test_a_deactivated_user_with_a_way_in_left_is_asked_to_log_in(target: Target) -> None:
    """Deactivated in the table while their keyring entry stayed (a key file put back from
    elsewhere): their password opens the data, as that entry always did, but logs nobody in."""
    from sqlalchemy import update

    from app.store.models import User

    opened = open_for(target, "anna", "anna's password")
    with opened.store.session() as db:
        db.execute(update(User).where(User.username == "anna").values(active=False))
    opened.store.close()
    assert has_own_passphrase(target, "anna")
    again = open_for(target, "anna", "anna's password")
    try:
        assert again.user is None
    finally:
        again.store.close()


def test_loaded_is_called_after_the_key_derivation_before_the_store_opens(
        target: Target, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window waits for its background loading in ``loaded``: after Argon2, before the
    database layer is needed."""
    steps: list[str] = []
    derive = keyring.hash_secret_raw

    def counted_derive(**kwargs):  # noqa: ANN003, ANN202
        steps.append("derive")
        return derive(**kwargs)

    monkeypatch.setattr(keyring, "hash_secret_raw", counted_derive)
    for who, secret in (("anna", "anna's password"), ("anna", "office passphrase"),
                        ("", "office passphrase")):
        steps.clear()
        opened = open_for(target, who, secret, loaded=lambda: steps.append("loaded"))
        opened.store.close()
        assert steps[-1] == "loaded" and steps.count("loaded") == 1 and "derive" in steps
