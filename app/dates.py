"""Partial dates: a date of birth is often known only as a year, or a year and month.

Stored as ISO text of 4, 7 or 10 characters ("1990", "1990-05", "1990-05-17"); unknown is None.
Volunteers type Dutch order ("17-05-1990", "05-1990") or ISO; both are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.errors import InvalidInput
from app.i18n import _

_DUTCH = re.compile(r"^(?:(\d{1,2})[-/. ])?(?:(\d{1,2})[-/. ])?(\d{4})$")
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
EARLIEST_YEAR = 1900


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date of which the month and the day may be unknown."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        month = 1 if self.month is None else self.month
        day = 1 if self.day is None else self.day
        date(self.year, month, day)  # raises ValueError when impossible

    @property
    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def display(self) -> str:
        """Dutch order, as volunteers write it: 17-05-1990, 05-1990 or 1990."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.month:02d}-{self.year:04d}"
        return f"{self.day:02d}-{self.month:02d}-{self.year:04d}"

    def age_on(self, today: date) -> int:
        """Age in whole years on ``today``, counting unknown parts as early as possible."""
        born = self.earliest
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    @classmethod
    def from_iso(cls, text: str | None) -> PartialDate | None:
        if not text:
            return None
        m = _ISO.match(text)
        if not m:
            raise ValueError(f"not a partial ISO date: {text!r}")
        y, mo, d = m.groups()
        return cls(int(y), int(mo) if mo else None, int(d) if d else None)


def parse_partial_date(
    text: str | None, *, field: str = "birth_date", today: date | None = None,
    allow_future: bool = False,
) -> PartialDate | None:
    """Read a date typed by a volunteer; empty or "unknown" means unknown (None).

    Raises:
        InvalidInput: the text is not a date, the date does not exist, or it lies in the
            future (unless ``allow_future``).
    """
    raw = (text or "").strip()
    if raw.lower() in {"", "?", "onbekend", "unknown", "-"}:
        return None
    m = _ISO.match(raw)
    if m:
        y, mo, d = m.groups()
    else:
        m = _DUTCH.match(raw)
        if not m:
            raise InvalidInput({field: _(
                "Write the date as day-month-year (17-05-1990), month-year (05-1990) "
                "or only the year (1990)."
            )})
        first, second, y = m.groups()
        if second is None:
            d, mo = None, first
        else:
            d, mo = first, second
    try:
        value = PartialDate(int(y), int(mo) if mo else None, int(d) if d else None)
    except ValueError:
        raise InvalidInput({field: _("This date does not exist: {text}").format(text=raw)}) from None
    today = today or date.today()
    if value.year < EARLIEST_YEAR:
        raise InvalidInput({field: _("The year must be {year} or later.").format(year=EARLIEST_YEAR)})
    if not allow_future and value.earliest > today:
        raise InvalidInput({field: _("This date lies in the future.")})
    return value


def parse_date(text: str | None, *, field: str, required: bool = False) -> date | None:
    """Read a full date (17-05-2026 or 2026-05-17); empty gives None unless required."""
    raw = (text or "").strip()
    if not raw:
        if required:
            raise InvalidInput({field: _("Fill in a date.")})
        return None
    value = parse_partial_date(raw, field=field, allow_future=True)
    if value is None or value.day is None:
        raise InvalidInput({field: _("Write a full date: day-month-year, for example 17-05-2026.")})
    return value.earliest


def add_months(start: date, months: int) -> date:
    """``start`` plus ``months`` calendar months, clamped to the month's last day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")
