"""The command line: same services, clear one-line errors, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main

PASS = "a 'quoted\" ; passphrase"
CORA = "Cora's own password ; 'quoted\""


def _init(env: Path, monkeypatch: pytest.MonkeyPatch, *db: str) -> None:
    """``wegwijs init``, its first coordinator added with the office passphrase (as the set-up
    does), then every command run as her, with her own password."""
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", PASS)
    monkeypatch.delenv("WEGWIJS_USER", raising=False)
    assert main([*db, "init"]) == 0
    (env / "cora.pw").write_text(CORA + "\n", encoding="utf-8")
    assert main([*db, "users", "add", "cora", "--role", "coordinator",
                 "--password-file", str(env / "cora.pw")]) == 0
    monkeypatch.setenv("WEGWIJS_USER", "cora")
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", CORA)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WEGWIJS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WEGWIJS_PASSPHRASE", PASS)
    monkeypatch.delenv("WEGWIJS_DB", raising=False)
    monkeypatch.delenv("WEGWIJS_USER", raising=False)
    return tmp_path


def test_init_demo_and_list(env: Path, capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    _init(env, monkeypatch)
    assert (env / "data" / "wegwijs.db").is_file()
    assert main(["demo", "--persons", "30", "--seed", "7"]) == 0
    capsys.readouterr()
    assert main(["persons"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 30
    code, names, born, nationality, status = lines[0].split("\t")
    assert code.startswith("W-") and names and nationality and status


def test_demo_is_deterministic(env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    outputs = []
    for name in ("a.db", "b.db"):
        db = str(tmp_path / name)
        _init(env, monkeypatch, "--db", db)
        assert main(["--db", db, "demo", "--persons", "20", "--seed", "3"]) == 0
        capsys.readouterr()
        assert main(["--db", db, "persons"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]


def test_search_from_the_command_line(env: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _init(env, monkeypatch)
    main(["demo", "--persons", "200", "--seed", "1"])
    capsys.readouterr()
    assert main(["persons", "Mohamed"]) == 0
    out = capsys.readouterr().out
    # Transliteration-tolerant: Mahmoud shares the skeleton m-h-m-d and may show up too.
    assert out and all(any(n in line for n in ("Moh", "Muh", "Mahm"))
                       for line in out.splitlines())
    assert any("Mohammed" in line for line in out.splitlines())


def test_passphrase_file(env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
    _init(env, monkeypatch)
    monkeypatch.delenv("WEGWIJS_PASSPHRASE")
    secret = tmp_path / "secret.txt"
    secret.write_text(CORA + "\n", encoding="utf-8")
    assert main(["--passphrase-file", str(secret), "persons"]) == 0
    secret.write_text("wrong passphrase\n", encoding="utf-8")
    assert main(["--passphrase-file", str(secret), "persons"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "passphrase does not open" in err
    assert main(["--passphrase-file", str(tmp_path / "missing.txt"), "persons"]) == 1
    assert "cannot be read" in capsys.readouterr().err


@pytest.mark.parametrize("argv, message", [
    (["persons"], "no database"),
    (["--db", "mysql://x@y/z", "persons"], "not in mysql"),
    (["card", "W-00001", "--lang", "nl", "--out", "x.pdf", "--blank"], "Name a person"),
])
def test_errors_are_one_line(env: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                             message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEGWIJS_USER", "cora")
    assert main(argv) != 0
    err = capsys.readouterr().err
    assert err.startswith("wegwijs: ") and err.count("\n") == 1
    assert message in err


def test_init_twice_changes_nothing(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init"]) == 0
    before = (env / "data" / "wegwijs.db").read_bytes()
    assert main(["init"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (env / "data" / "wegwijs.db").read_bytes() == before


def test_bad_numbers_are_usage_errors(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for bad in ("-5", "lots", "99999999999"):
        with pytest.raises(SystemExit) as exit_:
            main(["demo", "--persons", bad])
        assert exit_.value.code == 2


def test_no_passphrase_without_a_terminal(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _init(env, monkeypatch)
    monkeypatch.delenv("WEGWIJS_PASSPHRASE")
    result = subprocess.run([sys.executable, "-m", "app.cli", "persons"], capture_output=True,
                            text=True, stdin=subprocess.DEVNULL, env=os.environ.copy(), timeout=60)
    assert result.returncode == 1
    assert "WEGWIJS_PASSPHRASE" in result.stderr


def test_postgresql_url(pg_server_url: str, env: Path, capsys: pytest.CaptureFixture[str],
                       monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(pg_server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS wegwijs_cli WITH (FORCE)"))
        conn.execute(text("CREATE DATABASE wegwijs_cli"))
    url = make_url(pg_server_url).set(database="wegwijs_cli").render_as_string(False)
    _init(env, monkeypatch, "--db", url)
    assert main(["--db", url, "demo", "--persons", "15"]) == 0
    capsys.readouterr()
    assert main(["--db", url, "persons"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 15
    card = env / "card.pdf"  # a server goes through the store, not the SQLite short path
    assert main(["--db", url, "card", "W-00003", "--lang", "ar", "--out", str(card)]) == 0
    assert card.read_bytes().startswith(b"%PDF")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE wegwijs_cli WITH (FORCE)"))
    admin.dispose()


def test_backup_restore_export(env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    _init(env, monkeypatch)
    main(["demo", "--persons", "5"])
    capsys.readouterr()
    assert main(["backup", "--to", str(tmp_path / "usb")]) == 0
    made = Path(capsys.readouterr().out.strip())
    assert made.is_file() and made.parent == tmp_path / "usb"
    assert main(["restore", str(made)]) == 0
    assert "previous database was kept" in capsys.readouterr().out
    assert main(["restore", str(tmp_path / "nope.db")]) == 1
    assert main(["export", "--format", "xlsx", "--out", str(tmp_path / "all.xlsx")]) == 0
    assert (tmp_path / "all.xlsx").is_file()
