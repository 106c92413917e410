"""Record numbers that never clash between the office's laptops.

The office's first laptop numbers from 1 (W-00001); each laptop that joins gets its own block
of a million from the join file (the second W-1000001, the third W-2000001, ...). The block is
where the laptop's record counter starts, so every way a number is given out (registering,
the demo) stays inside it. Numbers are never changed by an exchange: a card printed before it
still finds the person after it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select, update

from app.store.models import Counter

BLOCK = 1_000_000
RECORD_COUNTER = "person_record"  # app.services.persons.RECORD_COUNTER


def first_number(series: int) -> int:
    return series * BLOCK + 1


def start_series(conn: Any, series: int) -> None:
    """Let this laptop's record counter start at the beginning of its block."""
    t = Counter.__table__
    start = series * BLOCK
    current = conn.execute(select(t.c.value).where(t.c.name == RECORD_COUNTER)).scalar()
    if current is None:
        conn.execute(insert(t).values(name=RECORD_COUNTER, value=start))
    elif current < start:
        conn.execute(update(t).where(t.c.name == RECORD_COUNTER).values(value=start))
