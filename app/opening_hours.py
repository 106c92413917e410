"""Opening hours as data: which days, from when to when; read from what volunteers type.

An office or a card contact keeps the hours as typed ("ma-do 9:00-17:00") and, when that
text is one of the common forms, also as data: a list of :class:`Slot` (days of the week,
Monday = 0, with one time range). The card prints the data with the day names of its
language (Babel/CLDR) and falls back to the typed text when the text was not understood
("17:00-08:00, weekend" stays as typed).

Understood forms (Dutch and English day names, full or short, any case):

- days: ``ma``, ``maandag``, ``mon``; ranges ``ma-do``, ``ma t/m vr``; lists ``di, do`` or
  ``di en do``; ``dagelijks``, ``elke dag``, ``daily``, ``werkdagen``, ``weekdays``,
  ``weekend``;
- times: ``9``, ``9:00``, ``9.00``, ``09u``, ``9-17``, ``9:00 - 17:00``, ``9-12 en 13-17``;
- several groups separated by ``;``, a new line, or a comma before the next day name:
  ``ma-vr 10-16; za 10-12``. A range past midnight (``21:00-09:00``) is kept as given;
  times without days are every day, days without times all day: the GP post's
  ``17:00-08:00, weekend`` is "ma–zo 17:00–8:00 · za–zo 0:00–24:00".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

DAYS: dict[str, int] = {}
for _i, _names in enumerate((
        ("ma", "maa", "maan", "maandag", "mo", "mon", "monday"),
        ("di", "din", "dins", "dinsdag", "tu", "tue", "tues", "tuesday"),
        ("wo", "woe", "woens", "woensdag", "we", "wed", "wednesday"),
        ("do", "don", "dond", "donderdag", "th", "thu", "thur", "thurs", "thursday"),
        ("vr", "vrij", "vrijdag", "fr", "fri", "friday"),
        ("za", "zat", "zaterdag", "sa", "sat", "saturday"),
        ("zo", "zon", "zondag", "su", "sun", "sunday"))):
    for _name in _names:
        DAYS[_name] = _i
ALL_WEEK = tuple(range(7))
GROUPS = {"dagelijks": tuple(range(7)), "elke dag": tuple(range(7)), "daily": tuple(range(7)),
          "every day": tuple(range(7)), "werkdagen": tuple(range(5)),
          "weekdays": tuple(range(5)), "weekend": (5, 6), "weekends": (5, 6)}

_TIME = r"(\d{1,2})(?:[:.](\d{2}))?\s*(?:u|uur|h)?"
_RANGE = re.compile(rf"^{_TIME}\s*(?:-|–|—|tot|to|until)\s*{_TIME}$")
_DAY_WORD = "|".join(sorted(list(DAYS) + list(GROUPS), key=len, reverse=True))
_GROUP_SPLIT = re.compile(rf"\s*[;\n]\s*|(?<=\d)\s*,\s*(?=(?:{_DAY_WORD})\b)", re.I)
_DAY_RANGE = re.compile(r"^(\w+)\.?\s*(?:-|–|t/m|tot en met|through|to)\s*(\w+)\.?$")


@dataclass(frozen=True)
class Slot:
    """Open on ``days`` (Monday = 0) from ``start`` to ``end`` ("HH:MM", 24-hour clock)."""

    days: tuple[int, ...]
    start: str
    end: str

    def as_json(self) -> dict[str, Any]:
        return {"days": list(self.days), "from": self.start, "to": self.end}


def to_json(slots: list[Slot] | None) -> list[dict[str, Any]] | None:
    return None if slots is None else [s.as_json() for s in slots]


def from_json(value: Any) -> list[Slot] | None:  # noqa: ANN401 - stored JSON
    """Slots from their stored form; None for nothing stored or a form not understood."""
    if not value or not isinstance(value, list):
        return None
    try:
        slots = [Slot(tuple(int(d) for d in v["days"]), _clock(v["from"]), _clock(v["to"]))
                 for v in value]
    except (KeyError, TypeError, ValueError):
        return None
    if any(not s.days or any(not 0 <= d <= 6 for d in s.days) for s in slots):
        return None
    return slots


def _clock(text: str) -> str:
    hours, _, minutes = str(text).partition(":")
    h, m = int(hours), int(minutes or 0)
    if not (0 <= h <= 24 and 0 <= m < 60) or (h == 24 and m):
        raise ValueError(text)
    return f"{h:02d}:{m:02d}"


def _time(hours: str, minutes: str | None) -> str:
    return _clock(f"{hours}:{minutes or '00'}")


def _days(text: str) -> tuple[int, ...] | None:
    text = text.strip().lower().rstrip(":").strip()
    if text in GROUPS:
        return GROUPS[text]
    days: list[int] = []
    for part in re.split(r"\s*(?:,|&|\ben\b|\band\b|/(?!m))\s*", text):
        part = part.strip().rstrip(".")
        if not part:
            continue
        if part in GROUPS:
            days.extend(GROUPS[part])
            continue
        if part in DAYS:
            days.append(DAYS[part])
            continue
        match = _DAY_RANGE.match(part)
        if not match or match.group(1) not in DAYS or match.group(2) not in DAYS:
            return None
        first, last = DAYS[match.group(1)], DAYS[match.group(2)]
        if last < first:
            return None
        days.extend(range(first, last + 1))
    if not days:
        return None
    return tuple(sorted(set(days)))


def _group(text: str) -> list[Slot] | None:
    match = re.match(r"^(.*?)\s*(\d.*)$", text.strip(), re.S)
    if not match:  # days without times: open all day ("weekend")
        days = _days(text)
        return None if days is None else [Slot(days, "00:00", "24:00")]
    days = _days(match.group(1)) if match.group(1).strip() else ALL_WEEK
    if days is None:
        return None
    slots = []
    for part in re.split(r"\s*(?:,|\ben\b|\band\b|&)\s*", match.group(2).strip()):
        timed = _RANGE.match(part.strip())
        if not timed:
            return None
        try:
            start, end = _time(timed.group(1), timed.group(2)), _time(timed.group(3),
                                                                       timed.group(4))
        except ValueError:
            return None
        if start == end:
            return None
        slots.append(Slot(days, start, end))
    return slots or None


def parse(text: str) -> list[Slot] | None:
    """The slots ``text`` names, or None when it is empty or not one of the understood forms
    (the typed text is then printed as it is)."""
    text = text.strip()
    if not text:
        return None
    slots: list[Slot] = []
    for group in _GROUP_SPLIT.split(text):
        if not group.strip():
            continue
        found = _group(group)
        if found is None:
            return None
        slots.extend(found)
    if all(s.start == "00:00" and s.end == "24:00" for s in slots):
        return None  # "ma-do" alone names days, not that one is open all day
    return slots or None


@cache
def day_names(lang: str) -> tuple[str, ...]:
    """Monday to Sunday in ``lang``: CLDR's full stand-alone names (short ones such as
    Tigrinya's two letters or Somali's "Tldo" are hard to read), the short ones for Dutch,
    whose "ma–vr" every sign in the Netherlands uses."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_day_names

    for code in (lang, {"kmr": "ku", "ckb": "ckb", "prs": "fa"}.get(lang, lang), "nl"):
        try:
            locale = Locale.parse(code)
            break
        except (UnknownLocaleError, ValueError):
            continue
    width = "abbreviated" if lang == "nl" else "wide"
    names = get_day_names(width, context="stand-alone", locale=locale)
    return tuple(str(names[i]).rstrip(".") for i in range(7))


def _day_span(days: tuple[int, ...], names: tuple[str, ...]) -> str:
    parts: list[str] = []
    i = 0
    while i < len(days):
        j = i
        while j + 1 < len(days) and days[j + 1] == days[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{names[days[i]]}–{names[days[j]]}")
        else:
            parts.extend(names[d] for d in days[i:j + 1])
        i = j + 1
    return ", ".join(parts)


def _short(clock: str) -> str:
    hours, minutes = clock.split(":")
    return f"{int(hours)}:{minutes}"


def describe(slots: list[Slot], lang: str) -> list[str]:
    """One text per group of days in ``lang``: "ma–do 9:00–17:00". Times keep the digits and
    order they are dialled and read on a clock (0–9, earliest first) in every language;
    several ranges of the same days share one group ("di 9:00–12:00, 13:00–17:00")."""
    names = day_names(lang)
    groups: dict[tuple[int, ...], list[str]] = {}
    for slot in slots:
        groups.setdefault(slot.days, []).append(f"{_short(slot.start)}–{_short(slot.end)}")
    return [f"{_day_span(days, names)} {', '.join(times)}" for days, times in groups.items()]
