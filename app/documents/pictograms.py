"""Pictograms: small SVG files from ``resources/pictograms`` drawn as PDF vector paths.

Someone who cannot read finds the right number by its picture, so every kind of contact has
one. The files use a deliberately small SVG subset (see the README there); this module reads
them once and draws them on a ReportLab canvas on a rounded, coloured square.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache

from reportlab.lib.colors import HexColor, white
from reportlab.pdfgen.canvas import Canvas

from app import RESOURCES

PICTOGRAM_DIR = RESOURCES / "pictograms"
_SVG = "{http://www.w3.org/2000/svg}"
_TOKEN = re.compile(r"[MmLlHhVvCcQqZz]|-?(?:\d+\.?\d*|\.\d+)(?:[eE]-?\d+)?")
_ROTATE = re.compile(r"rotate\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*\)")

ROLE_PICTOGRAM = {
    "office": "house",
    "case_manager": "person",
    "legal_aid": "lawyer",
    "gp": "doctor",
    "gp_post": "doctor_night",
    "pharmacy": "pharmacy",
    "shelter": "shelter",
    "municipality": "townhall",
    "refugee_council": "people",
    "social_team": "team",
    "police_officer": "police",
    "civic_integration": "talk",
    "domestic_violence": "domestic",
    "other": "info",
    # the national numbers
    "emergency": "emergency",
    "police": "police",
    "domestic": "domestic",
    "suicide": "talk",
}


@dataclass(frozen=True)
class Shape:
    """One drawing operation in the 24 x 24 grid (y pointing down, as in SVG)."""

    segments: tuple[tuple[str, tuple[float, ...]], ...]
    fill: str | None
    stroke: str | None
    stroke_width: float
    round_cap: bool
    rotate: tuple[float, float, float] | None


@dataclass(frozen=True)
class Pictogram:
    name: str
    colour: str
    shapes: tuple[Shape, ...]


def _path_segments(d: str) -> list[tuple[str, tuple[float, ...]]]:
    """Absolute M/L/C/Z segments from an SVG path (relative forms, H, V and Q converted)."""
    tokens = _TOKEN.findall(d)
    out: list[tuple[str, tuple[float, ...]]] = []
    x = y = start_x = start_y = 0.0
    i = 0
    command = "M"
    counts = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "Q": 4, "Z": 0}
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz":
                out.append(("Z", ()))
                x, y = start_x, start_y
                continue
        upper = command.upper()
        relative = command.islower()
        n = counts[upper]
        values = [float(v) for v in tokens[i:i + n]]
        i += n
        if upper == "H":
            x = values[0] + (x if relative else 0)
            out.append(("L", (x, y)))
        elif upper == "V":
            y = values[0] + (y if relative else 0)
            out.append(("L", (x, y)))
        else:
            points = []
            for k in range(0, n, 2):
                px, py = values[k], values[k + 1]
                if relative:
                    px, py = px + x, py + y
                points.extend((px, py))
            if upper == "Q":
                qx, qy, ex, ey = points
                points = [x + 2 / 3 * (qx - x), y + 2 / 3 * (qy - y),
                          ex + 2 / 3 * (qx - ex), ey + 2 / 3 * (qy - ey), ex, ey]
                upper = "C"
            out.append((upper, tuple(points)))
            x, y = points[-2], points[-1]
            if upper == "M":
                start_x, start_y = x, y
                command = "l" if relative else "L"
    return out


def _rect(el: ET.Element) -> list[tuple[str, tuple[float, ...]]]:
    x, y = float(el.get("x", 0)), float(el.get("y", 0))
    w, h = float(el.get("width", 0)), float(el.get("height", 0))
    r = min(float(el.get("rx", 0)), w / 2, h / 2)
    if not r:
        return [("M", (x, y)), ("L", (x + w, y)), ("L", (x + w, y + h)), ("L", (x, y + h)),
                ("Z", ())]
    k = r * 0.5523
    return [("M", (x + r, y)), ("L", (x + w - r, y)),
            ("C", (x + w - r + k, y, x + w, y + r - k, x + w, y + r)),
            ("L", (x + w, y + h - r)),
            ("C", (x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h)),
            ("L", (x + r, y + h)),
            ("C", (x + r - k, y + h, x, y + h - r + k, x, y + h - r)),
            ("L", (x, y + r)),
            ("C", (x, y + r - k, x + r - k, y, x + r, y)), ("Z", ())]


def _circle(el: ET.Element) -> list[tuple[str, tuple[float, ...]]]:
    cx, cy, r = float(el.get("cx", 0)), float(el.get("cy", 0)), float(el.get("r", 0))
    k = r * 0.5523
    return [("M", (cx + r, cy)), ("C", (cx + r, cy + k, cx + k, cy + r, cx, cy + r)),
            ("C", (cx - k, cy + r, cx - r, cy + k, cx - r, cy)),
            ("C", (cx - r, cy - k, cx - k, cy - r, cx, cy - r)),
            ("C", (cx + k, cy - r, cx + r, cy - k, cx + r, cy)), ("Z", ())]


def _shapes(el: ET.Element, rotate: tuple[float, float, float] | None) -> list[Shape]:
    shapes: list[Shape] = []
    for child in el:
        tag = child.tag.replace(_SVG, "")
        if tag == "g":
            match = _ROTATE.search(child.get("transform", ""))
            inner = tuple(float(v) for v in match.groups()) if match else rotate
            shapes.extend(_shapes(child, inner))  # type: ignore[arg-type]
            continue
        builders = {"rect": _rect, "circle": _circle,
                    "path": lambda e: _path_segments(e.get("d", ""))}
        if tag not in builders:
            raise ValueError(f"pictogram element <{tag}> is not supported")
        fill = child.get("fill", "#000")
        stroke = child.get("stroke")
        shapes.append(Shape(tuple(builders[tag](child)), None if fill == "none" else fill,
                            stroke, float(child.get("stroke-width", 1)),
                            child.get("stroke-linecap") == "round", rotate))
    return shapes


@cache
def load(name: str) -> Pictogram:
    """The pictogram ``name`` (file ``resources/pictograms/<name>.svg``), parsed once."""
    root = ET.parse(PICTOGRAM_DIR / f"{name}.svg").getroot()
    return Pictogram(name, root.get("data-colour", "#333333"), tuple(_shapes(root, None)))


def names() -> list[str]:
    return sorted(p.stem for p in PICTOGRAM_DIR.glob("*.svg"))


def for_role(role: str) -> Pictogram:
    return load(ROLE_PICTOGRAM.get(role, "info"))


def draw(canvas: Canvas, pictogram: Pictogram, x: float, y: float, size: float) -> None:
    """Draw ``pictogram`` in a ``size`` square whose lower left corner is at (x, y)."""
    canvas.saveState()
    canvas.setFillColor(HexColor(pictogram.colour))
    canvas.roundRect(x, y, size, size, size * 0.18, stroke=0, fill=1)
    canvas.translate(x, y + size)
    scale = size / 24
    canvas.scale(scale, -scale)
    for shape in pictogram.shapes:
        canvas.saveState()
        if shape.rotate:
            angle, cx, cy = shape.rotate
            canvas.translate(cx, cy)
            canvas.rotate(angle)
            canvas.translate(-cx, -cy)
        path = canvas.beginPath()
        for op, values in shape.segments:
            if op == "M":
                path.moveTo(*values)
            elif op == "L":
                path.lineTo(*values)
            elif op == "C":
                path.curveTo(*values)
            else:
                path.close()
        if shape.fill:
            canvas.setFillColor(white if shape.fill == "#fff" else HexColor(shape.fill))
        if shape.stroke:
            canvas.setStrokeColor(white if shape.stroke == "#fff" else HexColor(shape.stroke))
            canvas.setLineWidth(shape.stroke_width)
            canvas.setLineCap(1 if shape.round_cap else 0)
        canvas.drawPath(path, stroke=1 if shape.stroke else 0, fill=1 if shape.fill else 0)
        canvas.restoreState()
    canvas.restoreState()
