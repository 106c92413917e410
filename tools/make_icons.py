"""Render the program's icon (packaging/icons/wegwijs.svg) for each system's installer.

    python tools/make_icons.py

Writes ``wegwijs.png`` (256 px, Linux desktop entry and the window), ``wegwijs.ico``
(Windows, 16-256 px) and ``wegwijs.icns`` (macOS) beside the SVG. Qt draws the SVG, Pillow
writes the icon containers.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "packaging" / "icons"


def render(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - Qt needs one
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "wegwijs.svg")).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image

    big = Image.open(io.BytesIO(render(1024))).convert("RGBA")
    (ICONS / "wegwijs.png").write_bytes(render(256))
    big.save(ICONS / "wegwijs.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    big.save(ICONS / "wegwijs.icns")
    for name in ("wegwijs.png", "wegwijs.ico", "wegwijs.icns"):
        print(f"{ICONS / name}: {(ICONS / name).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
