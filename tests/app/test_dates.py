"""Partial dates as volunteers type them."""

from __future__ import annotations

from datetime import date

import pytest

from app.dates import PartialDate, add_months, parse_partial_date
from app.errors import InvalidInput

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize("text, iso", [
    ("17-05-1990", "1990-05-17"), ("17/5/1990", "1990-05-17"), ("1990-05-17", "1990-05-17"),
    ("05-1990", "1990-05"), ("1990", "1990"), ("", None), ("onbekend", None), ("29-02-2024", "2024-02-29"),
    ("٢٠٠٠", "2000"),  # Arabic-Indic digits, as an interpreter may type them
])
def test_parse(text: str, iso: str | None) -> None:
    got = parse_partial_date(text, today=TODAY)
    assert (got.iso() if got else None) == iso


@pytest.mark.parametrize("text", ["29-02-2023", "00-01-1990", "1990-13", "23-11-2026", "2027",
                                  "12.12", "1-1-1-1990"])
def test_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_partial_date(text, today=TODAY)


def test_display_and_age() -> None:
    assert PartialDate(1990, 5).display() == "05-1990"
    assert PartialDate(2008, 11, 23).age_on(TODAY) == 17
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
