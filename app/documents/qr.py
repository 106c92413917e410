"""The QR code on the card: the card's contacts as one vCard, drawn as vectors.

One vCard (3.0) with a telephone entry per number, each labelled in the card's language
(``a.X-ABLabel``, grouped with its ``a.TEL``: read by Android and iOS contacts), so a phone
saves all numbers at once under the office's name. Numbers are written as a phone dials them
from anywhere: E.164 (``+31235324567``, the Dutch trunk "(0)" removed), short emergency
numbers (112) as they are. It holds only the contacts' own details: never the person's name,
record number or anything about their status.

A phone camera at arm's length and a cheap printer need modules of at least 0.5 mm:
:func:`encode` picks the highest error-correction level whose code still has modules that
large in the room given, and says when there is no such level (the card then gives the code
more room).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
import segno
from phonenumbers import shortnumberinfo
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

REGION = "NL"
MIN_MODULE = 0.5 * mm
PREFERRED_MODULE = 0.55 * mm
QUIET = 0  # no white drawn around the code: the panel's margin (over 4 modules) is its quiet zone
LEVELS = ("q", "m", "l")  # tried from the most robust down


@dataclass(frozen=True)
class Entry:
    label: str
    phone: str


@dataclass(frozen=True)
class Code:
    version: int
    error: str
    runs: tuple[tuple[int, int, int], ...]
    modules: int  # per side, without the quiet zone

    def side(self, module: float = MIN_MODULE) -> float:
        """The printed side (quiet zone included) at ``module`` per module."""
        return (self.modules + 2 * QUIET) * module


def _escape(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r", " ").replace("\n", " "))


@lru_cache(maxsize=1024)  # a card asks for each number several times; a batch, for the same
def dialable(phone: str) -> str:
    """The number as a phone dials it from anywhere: E.164 for a Dutch or international
    number ("+31 (0)23 123 45 67" -> "+31231234567"), the digits of a short emergency
    number ("112"); "" when the text holds no number a phone can dial. Of several numbers
    ("113 / 0800-0113") the first full number is taken (a short line like 113 works only on
    a Dutch SIM)."""
    parts = [p for p in re.split(r"\s*/\s*|\s+of\s+|\s+or\s+", phone) if p.strip()]
    for part in parts:
        cleaned = part.replace("(0)", "")
        try:
            number = phonenumbers.parse(cleaned, REGION)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    for part in parts:
        digits = re.sub(r"\D", "", part)
        if digits and shortnumberinfo.is_emergency_number(digits, REGION):
            return digits
    return ""


def vcard(title: str, entries: list[Entry]) -> str:
    """A vCard 3.0 holding every entry with a number a phone can dial, each once (short
    group names and no empty fields: a smaller code scans more reliably from a worn card).
    "" when there is no such entry: then there is nothing to save and no code to print."""
    lines: list[str] = []
    seen: set[str] = set()
    for entry in entries:
        number = dialable(entry.phone)
        if not number or number in seen:
            continue
        seen.add(number)
        group = _group(len(seen) - 1)
        lines.append(f"{group}.TEL:{number}")
        lines.append(f"{group}.X-ABLabel:{_escape(entry.label)}")
    if not lines:
        return ""
    head = ["BEGIN:VCARD", "VERSION:3.0", f"N:{_escape(title)}", f"FN:{_escape(title)}"]
    return "\r\n".join([*head, *lines, "END:VCARD"]) + "\r\n"


def _group(index: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]


def _make(payload: str, error: str, mask: int | None = None) -> segno.QRCode:
    # UTF-8 said so (ECI): readers that guess the encoding of non-ASCII bytes (zbar takes
    # Turkish labels for Shift JIS) read the labels right
    return segno.make(payload, error=error, micro=False, boost_error=False, mask=mask,
                      encoding="utf-8", eci=not payload.isascii())


@lru_cache(maxsize=1024)
def _modules(payload: str, error: str) -> int:
    """Modules per side of ``payload``'s code at ``error``, from segno's capacity tables
    (without placing and masking the modules: that is the slow part)."""
    try:
        from segno import consts, encoder

        level = {"l": consts.ERROR_LEVEL_L, "m": consts.ERROR_LEVEL_M,
                 "q": consts.ERROR_LEVEL_Q}[error]
        segments = encoder.prepare_data(payload, None, "utf-8")
        version = encoder.find_version(segments, level, not payload.isascii(), False)
        return 17 + 4 * int(version)
    except (ImportError, AttributeError, TypeError, KeyError):  # another segno: the long way
        return len(_make(payload, error, mask=0).matrix)


@lru_cache(maxsize=256)
def _code(payload: str, error: str) -> Code:
    try:  # segno's choice of mask, made quickly (app.documents.qr_mask)
        from app.documents.qr_mask import best_masked

        zero = _make(payload, error, mask=0)
        _mask, matrix = best_masked([bytes(r) for r in zero.matrix], int(zero.version),
                                    str(zero.error))
        version = int(zero.version)
    except (ImportError, AttributeError, TypeError, KeyError, ValueError):  # another segno
        code = _make(payload, error)
        matrix, version = [bytearray(r) for r in code.matrix], int(code.version)
    modules = len(matrix)
    runs = []
    for row, cells in enumerate(matrix):
        col = 0
        while col < modules:
            if cells[col]:
                start = col
                while col < modules and cells[col]:
                    col += 1
                runs.append((row, start, col - start))
            else:
                col += 1
    return Code(version, error, tuple(runs), modules)


def encode(payload: str, max_side: float) -> Code | None:
    """The code for ``payload`` in a square of ``max_side`` points: the highest
    error-correction level whose modules are at least 0.55 mm, else the highest whose modules
    are at least 0.5 mm (a dense code of tiny modules is harder for a camera than a little
    less redundancy), or None when even the lowest level is too fine."""
    for least in (PREFERRED_MODULE, MIN_MODULE):
        for error in LEVELS:
            if (_modules(payload, error) + 2 * QUIET) * least <= max_side + 0.01:
                return _code(payload, error)
    return None


def draw(canvas: Canvas, code: Code, x: float, y: float, size: float) -> None:
    """Draw ``code`` filling a ``size`` square (quiet zone included) at (x, y); dark modules
    are filled rectangles, one per horizontal run."""
    unit = size / (code.modules + 2 * QUIET)
    ops = ["q 0 g"]
    for row, start, length in code.runs:
        top = y + size - (QUIET + row + 1) * unit
        ops.append(f"{x + (QUIET + start) * unit:.3f} {top:.3f} {length * unit:.3f} "
                   f"{unit:.3f} re")
    ops.append("f Q")
    canvas.addLiteral("\n".join(ops))
