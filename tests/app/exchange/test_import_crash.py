"""SIGKILL during an exchange import, 100 times: the database stays as it was (or, when the
kill came after the commit, holds the whole file), and both integrity checks pass.

1,000 kills: ``python bench/bench_exchange.py --kills 1000``.
"""

from __future__ import annotations

from pathlib import Path

import exchange_crash
import pytest
from acting import acting
from exchange_replicas import first_laptop, join_from

from app import demo
from app.exchange import transfer


@pytest.mark.slow
def test_a_hundred_kills_during_import(tmp_path: Path) -> None:
    a = first_laptop(tmp_path / "a.db")
    b = join_from(a, tmp_path / "b.db")
    demo.generate(a, 150, seed=3)
    with a.session() as db:
        data, _counts = transfer.export_bytes(db, acting(db))
    key = b.key
    a.close()
    b.close()
    (tmp_path / "work").mkdir()
    result = exchange_crash.run(tmp_path / "b.db", key, data, rounds=100, seed=13,
                                work=tmp_path / "work")
    assert result.rounds == 100
    assert result.before >= 30, result  # most kills land inside the import
