"""The real ``wegwijs`` command reaches the first-start and unlock screens."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui


def _command() -> list[str]:
    script = shutil.which("wegwijs")
    return [script] if script else [sys.executable, "-m", "ui.session.command"]


def _start(data: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WEGWIJS_DATA_DIR=str(data),
               WEGWIJS_EXIT_AFTER_SHOWN="1")
    env.pop("WEGWIJS_DB", None)
    env.pop("WEGWIJS_PASSPHRASE", None)
    return subprocess.run(_command(), env=env, capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parents[3])


def test_fresh_folder_shows_first_start(tmp_path: Path) -> None:
    result = _start(tmp_path / "fresh")
    assert result.returncode == 0, result.stderr
    assert "wegwijs: shown setup" in result.stdout
    assert "Traceback" not in result.stderr


def test_existing_database_shows_unlock(tmp_path: Path, sqlite_template) -> None:  # noqa: ANN001
    data = tmp_path / "office"
    data.mkdir()
    shutil.copyfile(sqlite_template[0], data / "wegwijs.db")
    result = _start(data)
    assert result.returncode == 0, result.stderr
    assert "wegwijs: shown unlock" in result.stdout
