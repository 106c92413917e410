"""The window draws Tigrinya and Pashto with the bundled fonts, not as empty boxes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from ui.session import fonts

pytestmark = pytest.mark.gui


def test_the_bundled_fonts_cover_ethiopic_and_arabic_script(qapp) -> None:  # noqa: ANN001
    families = fonts.register()
    assert {"Noto Sans Ethiopic", "Noto Naskh Arabic", "Noto Sans"} <= set(families)
    assert {"Noto Sans Ethiopic", "Noto Naskh Arabic"} <= set(QFontDatabase.families())
    for family, text in (("Noto Sans Ethiopic", "ትግርኛ ሰላም"), ("Noto Naskh Arabic", "پښتو سلام")):
        metrics = QFontMetrics(QFont(family))
        assert all(metrics.inFontUcs4(ord(c)) for c in text if not c.isspace()), family

