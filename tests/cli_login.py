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
