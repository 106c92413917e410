"""The Noto fonts Wegwijs ships, registered with Qt for the window.

A laptop without Ethiopic or Arabic-script fonts would draw a Tigrinya or Pashto name, a
language menu or the intake in the person's language as empty boxes. The same fonts that
print the card (``resources/fonts``, OFL) are given to Qt once, while the unlock window
waits for the passphrase, so the first screen is not slower for it.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from app import RESOURCES

FONT_DIR = RESOURCES / "fonts"


def register() -> list[str]:
    """Add every bundled font to the application's fonts; returns the families added."""
    families: list[str] = []
    for path in sorted(FONT_DIR.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += [f for f in QFontDatabase.applicationFontFamilies(font_id)
                         if f not in families]
    return families
