"""Choosing the QR code's data mask quickly: the same choice segno makes, in a tenth of the time.

ISO/IEC 18004 asks for the mask (of eight) whose symbol has the lowest penalty (runs of one
colour, 2x2 blocks, finder-like patterns, dark share). segno scores each mask module by module
in Python: about 80 ms for the version-20 code of a full card, most of a card's rendering
time. Here the rows are Python integers with one byte per module, so applying a mask is one
XOR per row and the penalties are counted by C code (``re``, ``bytes.find``). The scores are
segno's own (``segno.encoder.mask_scores``), which a test checks; with another segno than the
one this was written against the choice falls back to segno's.
"""

from __future__ import annotations

import re
from functools import cache

_RUN = re.compile(rb"\x00{5,}|\x01{5,}")
_BLOCK = re.compile(rb"(?=\x00\x00|\x03\x03)")
_N3 = bytes((1, 0, 1, 1, 1, 0, 1))


@cache
def _layout(width: int) -> tuple[tuple[int, ...], tuple[int, ...], tuple[tuple[int, ...], ...]]:
    """Per row: the encoding region (1 per data module), the function patterns as segno has
    them while it scores masks (format and version areas still 0), and each mask's pattern
    inside the region; rows as integers, one byte per module."""
    from segno import encoder

    matrix = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(matrix, width, width)
    encoder.add_alignment_patterns(matrix, width, width)
    # as scored: the dark module is not there yet (segno adds it with the format)
    fixed = tuple(int.from_bytes(bytes(v if v <= 1 else 0 for v in row), "big")
                  for row in matrix)
    matrix[-8][8] = 0x1
    region = tuple(int.from_bytes(bytes(1 if v > 1 else 0 for v in row), "big")
                   for row in matrix)
    patterns = tuple(
        tuple(int.from_bytes(bytes(1 if (matrix[i][j] > 1 and fn(i, j)) else 0
                                   for j in range(width)), "big") for i in range(width))
        for fn in encoder.get_data_mask_functions(False))
    return region, fixed, patterns


def _n3(seq: bytes, size: int) -> int:
    count = 0
    idx = seq.find(_N3)
    while idx != -1:
        offset = idx + 7
        if (idx in (0, size - 7) or not any(seq[max(idx - 4, 0):min(idx, size)])
                or not any(seq[max(offset, 0):min(offset + 4, size)])):
            count += 40
        else:
            offset = idx + 4
        idx = seq.find(_N3, offset)
    return count


def score(rows: list[bytes]) -> int:
    """segno's penalty score (N1 + N2 + N3 + N4) of a square matrix given as rows of 0/1
    bytes."""
    size = len(rows)
    columns = [bytes(col) for col in zip(*rows, strict=True)]
    n1 = sum(len(m.group()) - 2 for line in (*rows, *columns) for m in _RUN.finditer(line))
    n2 = 0
    for upper, lower in zip(rows, rows[1:], strict=False):
        pair = ((int.from_bytes(upper, "big") << 1) | int.from_bytes(lower, "big")).to_bytes(
            size, "big")
        n2 += 3 * len(_BLOCK.findall(pair))
    n3 = sum(_n3(line, size) for line in (*rows, *columns))
    dark = sum(row.count(1) for row in rows)
    n4 = 10 * int(abs(dark / size ** 2 * 100 - 50) / 5)
    return n1 + n2 + n3 + n4


def best_masked(masked_with_zero: list[bytes], version: int,
                error: str) -> tuple[int, list[bytearray]]:
    """The mask segno would choose and the code's modules masked with it (format and version
    information written), from the modules as masked with mask 0."""
    from segno import consts, encoder

    width = len(masked_with_zero)
    region, fixed, patterns = _layout(width)
    data = [(int.from_bytes(row, "big") ^ patterns[0][i]) & region[i]
            for i, row in enumerate(masked_with_zero)]
    best, best_score, best_rows = 0, None, []
    for number, pattern in enumerate(patterns):
        rows = [(fixed[i] | (data[i] ^ pattern[i])).to_bytes(width, "big")
                for i in range(width)]
        value = score(rows)
        if best_score is None or value < best_score:
            best, best_score, best_rows = number, value, rows
    matrix = [bytearray(row) for row in best_rows]
    level = {"L": consts.ERROR_LEVEL_L, "M": consts.ERROR_LEVEL_M, "Q": consts.ERROR_LEVEL_Q,
             "H": consts.ERROR_LEVEL_H}[error.upper()]
    encoder.add_format_info(matrix, version, level, best)
    encoder.add_version_info(matrix, version)
    return best, matrix
