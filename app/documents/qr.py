"""The QR code on the back of the card: the card's contacts as one vCard, drawn as vectors.

One vCard (3.0) with a telephone entry per contact, each labelled with its kind in Dutch
(``itemN.X-ABLabel``, read by Android and iOS contacts), so a phone saves all numbers at once
under the office's name. It holds only the contacts' own details: never the person's name,
record number or anything about their status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import segno
from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True)
class Entry:
    label: str
    phone: str


def _escape(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r", " ").replace("\n", " "))


def dialable(phone: str) -> str:
    """The number as a phone dials it: digits, with a leading + kept."""
    digits = re.sub(r"[^\d+]", "", phone.split("/")[-1])
    return ("+" + digits.replace("+", "")) if digits.startswith("+") else digits.replace("+", "")


def vcard(title: str, entries: list[Entry], note: str = "") -> str:
    """A vCard 3.0 holding every entry with a phone number (kept short: a smaller QR code
    scans more reliably from a worn card)."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{_escape(title)};;;;", f"FN:{_escape(title)}"]
    n = 0
    for entry in entries:
        number = dialable(entry.phone)
        if not number:
            continue
        n += 1
        lines.append(f"item{n}.TEL:{number}")
        lines.append(f"item{n}.X-ABLabel:{_escape(entry.label)}")
    if note:
        lines.append(f"NOTE:{_escape(note)}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


@lru_cache(maxsize=256)
def _code(payload: str) -> tuple[int, tuple[tuple[int, int, int], ...], int]:
    """QR version, dark runs (row, first column, length) and modules per side; cached, since
    choosing the best mask is the slowest step of a card and offices print the same contacts
    often."""
    code = segno.make(payload, error="m", micro=False)
    runs = []
    for row, cells in enumerate(code.matrix):
        col = 0
        modules = len(cells)
        while col < modules:
            if cells[col]:
                start = col
                while col < modules and cells[col]:
                    col += 1
                runs.append((row, start, col - start))
            else:
                col += 1
    return int(code.version), tuple(runs), len(code.matrix)


def draw(canvas: Canvas, payload: str, x: float, y: float, size: float) -> int:
    """Draw ``payload`` as a QR code filling a ``size`` square (quiet zone included) at (x, y);
    dark modules are filled rectangles, one per horizontal run. Returns the QR version."""
    version, runs, modules = _code(payload)
    quiet = 2
    unit = size / (modules + 2 * quiet)
    ops = ["q 0 g"]
    for row, start, length in runs:
        top = y + size - (quiet + row + 1) * unit
        ops.append(f"{x + (quiet + start) * unit:.3f} {top:.3f} {length * unit:.3f} "
                   f"{unit:.3f} re")
    ops.append("f Q")
    canvas.addLiteral("\n".join(ops))
    return version
