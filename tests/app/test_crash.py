"""SIGKILL at random moments while saving: nothing acknowledged is lost, nothing damaged.

A longer run of 2,000 kills: ``python bench/bench_crash.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import crash_harness
import pytest


@pytest.mark.slow
def test_two_hundred_kills(sqlite_template, tmp_path: Path) -> None:
    src, key = sqlite_template
    path = tmp_path / "crash.db"
    shutil.copyfile(src, path)
    result = crash_harness.run(path, key, rounds=200, seed=42)
    assert result.rounds == 200
    assert result.acknowledged >= 200
