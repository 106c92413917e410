"""The Unicode bidirectional algorithm for printed lines: embedding levels and visual order.

Levels come from python-bidi (0.6, a wrapper of the Rust ``unicode-bidi`` crate, which
implements UAX #9 with isolates). Its public API returns only the reordered string, or with
``debug=True`` the crate's ``BidiInfo`` including the resolved level of every UTF-8 byte; we read
the levels from there (and check their count), because line breaking needs levels *before*
reordering: the paragraph is resolved once, broken into lines, and each line is reordered on
its own (rules L1 and L2), so the first logical line of a right-to-left paragraph is the top one.

Phone numbers, dates, codes, e-mail addresses and web addresses are wrapped in a
left-to-right isolate (U+2066 ... U+2069) first: the plain algorithm turns "0900-8844" after
Arabic letters into "8844-0900" (digits after Arabic letters become Arabic numbers, the hyphen
between them is neutral); inside an isolate they keep the order in which they are dialled.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bidi import get_display

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
BIDI_CONTROLS = frozenset("\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e"
                          "\u200e\u200f\u061c")

_LTR_ISLAND = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"                      # e-mail address
    r"|(?:https?://|www\.)[\w./?=&%#~:-]*[\w/]"          # web address
    r"|[A-Za-z]+[-/]?\d[\w/-]*"                          # codes: W-0012, A12
    r"|\+?\(?\d(?:[\d ().:/\u00a0\u2013-]*[\d)])?"       # phone numbers, dates, times, 112
)
_LEVELS_SECTION = re.compile(r"levels: \[(.*?)\],\s*paragraphs", re.S)
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def protect(text: str) -> str:
    """Wrap numbers, dates, codes and addresses in a left-to-right isolate."""
    return _LTR_ISLAND.sub(_isolate, text)


def _isolate(match: re.Match[str]) -> str:
    island = match.group(0)
    tail = ""
    while island.endswith(")") and island.count(")") > island.count("("):
        island, tail = island[:-1], ")" + tail
    return f"{LRI}{island}{PDI}{tail}"


@lru_cache(maxsize=4096)
def levels(text: str, rtl: bool) -> tuple[int, ...]:
    """The resolved embedding level of each character of one paragraph (no line breaks)."""
    if not text:
        return ()
    info = get_display(text, base_dir="R" if rtl else "L", debug=True)
    section = _LEVELS_SECTION.search(info)
    byte_levels = [int(v) for v in _LEVEL.findall(section.group(1))] if section else []
    encoded_length = len(text.encode("utf-8"))
    if len(byte_levels) != encoded_length:
        raise RuntimeError("python-bidi returned levels in an unexpected form")
    result = []
    offset = 0
    for char in text:
        result.append(byte_levels[offset])
        offset += len(char.encode("utf-8"))
    return tuple(result)


def line_levels(text: str, para_levels: tuple[int, ...] | list[int], rtl: bool) -> list[int]:
    """Rule L1 for one line: trailing whitespace and separators go back to the base level."""
    base = 1 if rtl else 0
    result = list(para_levels)
    trailing = True
    for i in range(len(text) - 1, -1, -1):
        kind = unicodedata.bidirectional(text[i])
        if kind in ("S", "B"):
            result[i] = base
            trailing = True
        elif trailing and (kind in ("WS", "BN", "LRI", "RLI", "FSI", "PDI")):
            result[i] = base
        else:
            trailing = False
    return result


def visual_order(line_lvls: list[int] | tuple[int, ...]) -> list[int]:
    """Rule L2: indices of the line's items in the order they are drawn, left to right."""
    order = list(range(len(line_lvls)))
    if not order:
        return order
    highest = max(line_lvls)
    lowest_odd = min(level for level in line_lvls) | 1
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if line_lvls[order[i]] >= level:
                j = i
                while j < len(order) and line_lvls[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order
