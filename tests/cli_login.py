"""Command-line tests work as a user: the office passphrase alone opens nothing personal."""

from __future__ import annotations

from pathlib import Path

import pytest

CORA = "Cora's own password"


def first_coordinator(mp: pytest.MonkeyPatch, folder: Path, *db: str) -> None:
    """Add the first coordinator, cora, to a database ``wegwijs init`` just made (with the office
    passphrase in WEGWIJS_PASSPHRASE, as the set-up does), then run every following command as
    her: WEGWIJS_USER=cora and her own password in WEGWIJS_PASSPHRASE."""
    from app.cli import main

    password = folder / "cora.pw"
    password.write_text(CORA + "\n", encoding="utf-8")
    assert main([*db, "users", "add", "cora", "--role", "coordinator",
                 "--password-file", str(password)]) == 0
    mp.setenv("WEGWIJS_USER", "cora")
    mp.setenv("WEGWIJS_PASSPHRASE", CORA)


def new_office(mp: pytest.MonkeyPatch, folder: Path, passphrase: str,
               persons: int = 0) -> None:
    """A fresh office in ``folder/data`` (``wegwijs init`` with ``passphrase``), its first
    coordinator (see :func:`first_coordinator`), and ``persons`` demo people (seed 3)."""
    from app.cli import main

    mp.setenv("WEGWIJS_DATA_DIR", str(folder / "data"))
    mp.setenv("WEGWIJS_PASSPHRASE", passphrase)
    mp.delenv("WEGWIJS_DB", raising=False)
    mp.delenv("WEGWIJS_USER", raising=False)
    assert main(["init"]) == 0
    first_coordinator(mp, folder)
    if persons:
        assert main(["demo", "--persons", str(persons), "--seed", "3"]) == 0


def lines(capsys: pytest.CaptureFixture[str], argv: list[str], code: int = 0) -> list[str]:
    """Run ``wegwijs argv`` in English; the lines it printed (stdout, or stderr when ``code``
    is not 0), after checking its exit code."""
    from app.cli import main

    capsys.readouterr()
    assert main(["--lang", "en", *argv]) == code
    captured = capsys.readouterr()
    return (captured.out if code == 0 else captured.err).splitlines()
