"""Wegwijs: the product without a screen.

Everything a volunteer does in the window is a plain Python call in this package first.
Nothing here imports Qt.
"""

from pathlib import Path

__version__ = "0.1.0"

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESOURCES = PROJECT_ROOT / "resources"
TRANSLATIONS = PROJECT_ROOT / "translations"
