"""Access can be taken away (issue 12, point 2), replayed from the command line: an older key
file beside today's database, with a deactivated user's password, a replaced password or the
office passphrase that was changed, opens nothing after ``users deactivate`` or ``keys …``.

Each test first shows the break (the older key file *does* open the database before the key
changes), so it fails if rotation is taken out.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_login import CORA, new_office

from app.access import keyring
from app.cli import main

OFFICE = "the office passphrase of revocation"
VERA = "Vera's own password"


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """cora (coordinator) and vera (volunteer), a person, and a copy of today's key file."""
    new_office(monkeypatch, tmp_path, OFFICE)
    (tmp_path / "vera.pw").write_text(VERA + "\n", encoding="utf-8")
    assert main(["users", "add", "vera", "--role", "volunteer", "--password-file",
                 str(tmp_path / "vera.pw")]) == 0
    assert main(["demo", "--persons", "2", "--seed", "3"]) == 0
    db = tmp_path / "data" / "wegwijs.db"
    shutil.copy(keyring.keyring_path(db), tmp_path / "old.keyring")
    return db


def _with_old_key_file(db: Path, old: Path, monkeypatch: pytest.MonkeyPatch, user: str | None,
                       secret: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """``persons`` on today's database with the older key file put beside it."""
    live = keyring.keyring_path(db)
    kept = live.with_name("kept")
    shutil.copy(live, kept)
    shutil.copy(old, live)
    try:
        if user is None:  # the office passphrase: what a script importing app could do
            return _office_opens(db, secret)
        monkeypatch.setenv("WEGWIJS_USER", user)
        monkeypatch.setenv("WEGWIJS_PASSPHRASE", secret)
        capsys.readouterr()
        code = main(["--lang", "en", "persons"])
        return code, capsys.readouterr().err
    finally:
        shutil.copy(kept, live)
        kept.unlink()
        monkeypatch.setenv("WEGWIJS_USER", "cora")
        monkeypatch.setenv("WEGWIJS_PASSPHRASE", CORA)


def _office_opens(db: Path, secret: str) -> tuple[int, str]:
    from app.access.workspace import unlock
    from app.errors import WrongPassphrase
    from app.store import Target

    try:
        unlock(Target(path=db), secret).close()
    except WrongPassphrase as err:
        return 1, str(err)
    return 0, ""


def test_a_deactivated_volunteer_with_an_older_key_file_is_refused(
        office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.keyring"
    assert main(["users", "deactivate", "vera", "--keep-data-key"]) == 0
    # The break: the older key file still holds vera's way in to the same data key. The
    # database opens (the login is then refused as deactivated, but the data key is hers).
    code, err = _with_old_key_file(office, old, monkeypatch, "vera", VERA, capsys)
    assert "deactivated" in err
    assert main(["keys", "rotate", "--reason", "vera left"]) == 0
    code, err = _with_old_key_file(office, old, monkeypatch, "vera", VERA, capsys)
    assert code == 1 and "does not open" in err, err


def test_deactivating_changes_the_key_at_once(
        office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.keyring"
    capsys.readouterr()
    assert main(["users", "deactivate", "vera"]) == 0
    assert "data key was changed" in capsys.readouterr().out
    code, err = _with_old_key_file(office, old, monkeypatch, "vera", VERA, capsys)
    assert code == 1 and "does not open" in err, err
    assert main(["persons"]) == 0  # cora still works


def test_an_office_passphrase_everyone_knew_is_changed(
        office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.keyring"
    code, err = _with_old_key_file(office, old, monkeypatch, None, OFFICE, capsys)
    assert code == 0  # the break: the passphrase every user typed once opens the data key
    new = tmp_path / "new-office.pw"
    new.write_text("a new office passphrase\n", encoding="utf-8")
    assert main(["keys", "rotate", "--office", "change", "--new-passphrase-file", str(new)]) == 0
    code, err = _with_old_key_file(office, old, monkeypatch, None, OFFICE, capsys)
    assert code == 1 and "does not open" in err, err
    assert _office_opens(office, OFFICE)[0] == 1
    assert _office_opens(office, "a new office passphrase")[0] == 0


def test_a_password_that_may_be_known(
        office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.keyring"
    monkeypatch.setenv("WEGWIJS_USER", "vera")
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", VERA)
    new = tmp_path / "vera-new.pw"
    new.write_text("Vera's new password\n", encoding="utf-8")
    assert main(["keys", "password", "--password-file", str(new), "--known"]) == 0
    code, err = _with_old_key_file(office, old, monkeypatch, "vera", VERA, capsys)
    assert code == 1 and "does not open" in err, err
    monkeypatch.setenv("WEGWIJS_USER", "vera")
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", "Vera's new password")
    assert main(["persons"]) == 0
    # A volunteer may not touch the office passphrase or the recovery key.
    capsys.readouterr()
    assert main(["--lang", "en", "keys", "rotate"]) == 1
    assert "may not manage users" in capsys.readouterr().err


def test_retiring_the_office_passphrase(office: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--lang", "en", "keys", "rotate", "--office", "retire"]) == 1
    assert "Still without one: demo1" in capsys.readouterr().err  # the demo users have none
    assert "office" in keyring.load(office).names()
    for n in range(1, 5):
        assert main(["users", "deactivate", f"demo{n}", "--keep-data-key"]) == 0
    assert main(["keys", "rotate", "--office", "retire"]) == 0
    assert "office" not in keyring.load(office).names()
    assert _office_opens(office, OFFICE)[0] == 1
    assert main(["persons"]) == 0  # cora's own password still opens it
