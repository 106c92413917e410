"""Files the volunteer asked for are written whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import WegwijsError
from app.files import write_atomic


def test_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "a" / "card.pdf"
    write_atomic(out, b"%PDF-1.4 new")
    assert out.read_bytes() == b"%PDF-1.4 new"
    assert not list(tmp_path.rglob("*.part"))


def test_failure_is_clear_and_keeps_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(WegwijsError, match="Cannot write"):
        write_atomic(blocker / "card.pdf", b"data")
    assert blocker.read_text() == "not a folder"
