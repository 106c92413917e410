"""Drawing shaped lines on a ReportLab canvas as real, selectable PDF text.

Each glyph run becomes one ``TJ`` operator in its font subset; HarfBuzz's advances and offsets
are kept exactly with ``TJ`` adjustments, mark offsets with the text rise (``Ts``). The text
colour is the canvas fill colour at the time of drawing.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.pdfgen.canvas import Canvas

from app.documents.shaping import Line, Style, layout

START, END, CENTRE = "start", "end", "centre"


def _escape(data: bytes) -> str:
    out = []
    for b in data:
        if b in (0x28, 0x29, 0x5C):
            out.append("\\" + chr(b))
        elif 32 <= b < 127:
            out.append(chr(b))
        else:
            out.append(f"\\{b:03o}")
    return "".join(out)


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def line_x(line: Line, left: float, right: float, align: str = START) -> float:
    """Where a line starts: ``start`` is the left edge for left-to-right lines and the right
    edge for right-to-left lines."""
    if align == CENTRE:
        return left + (right - left - line.width) / 2
    at_right = (align == START) == line.rtl
    return right - line.width if at_right else left


def draw_line(canvas: Canvas, line: Line, x: float, y: float) -> None:
    """Draw ``line`` with its left end at ``x`` and its baseline at ``y``."""
    if not line.runs:
        return
    doc = canvas._doc  # noqa: SLF001 - ReportLab's font subsets are kept per document
    size = line.size
    ops = ["BT"]
    cursor = x
    for run in line.runs:
        font = run.face.rl
        ops.append(f"1 0 0 1 {_num(cursor)} {_num(y)} Tm")
        index = 0
        rise = 0.0
        for subset, chunk in font.splitString(run.codes, doc):
            ops.append(f"{font.getSubsetInternalName(subset, doc)} {_num(size)} Tf")
            parts: list[str] = []
            for byte in chunk:
                code = run.codes[index]
                width = font.face.getCharWidth(ord(code))
                x_offset = run.x_offsets[index]
                glyph_rise = run.y_offsets[index] * size / 1000
                if glyph_rise != rise:
                    if parts:
                        ops.append(f"[{' '.join(parts)}] TJ")
                        parts = []
                    ops.append(f"{_num(glyph_rise)} Ts")
                    rise = glyph_rise
                if x_offset:
                    parts.append(_num(-x_offset))
                parts.append(f"({_escape(bytes((byte,)))})")
                adjust = width - run.advances[index] + x_offset
                if abs(adjust) > 0.0005:
                    parts.append(_num(adjust))
                index += 1
            if parts:
                ops.append(f"[{' '.join(parts)}] TJ")
        if rise:
            ops.append("0 Ts")
        cursor += run.width_em * size / 1000
    ops.append("ET")
    canvas.addLiteral("\n".join(ops))


def draw_lines(canvas: Canvas, lines: Iterable[Line], left: float, right: float, top: float,
               leading: float, align: str = START) -> float:
    """Draw lines from ``top`` (the first baseline is one ascent below it) downwards;
    returns the y below the last line."""
    y = top
    for line in lines:
        y -= line.size * 1.0
        draw_line(canvas, line, line_x(line, left, right, align), y)
        y -= leading - line.size
    return y


def text_height(lines: tuple[Line, ...] | list[Line], leading_factor: float = 1.25) -> float:
    return sum(line.size * leading_factor for line in lines)


def draw_text(canvas: Canvas, text: str, style: Style, left: float, right: float,
              top: float, align: str = START, leading_factor: float = 1.25) -> float:
    """Lay out ``text`` in the box from ``left`` to ``right`` and draw it from ``top`` down."""
    lines = layout(text, style, right - left)
    return draw_lines(canvas, lines, left, right, top, style.size * leading_factor, align)
