"""Logging without personal data.

Wegwijs logs what happened (an operation, a record id, an error type), never what a person
typed. Libraries that would log SQL parameters are held at WARNING, and the engines are made
with ``hide_parameters`` so not even an error message repeats a stored value.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

QUIET_LIBRARIES = ("sqlalchemy", "alembic", "fontTools", "PIL", "reportlab")


def configure(level: str | None = None, file: Path | None = None) -> None:
    """Set up logging for the command line or the window (``WEGWIJS_LOG_LEVEL``)."""
    level = (level or os.environ.get("WEGWIJS_LOG_LEVEL") or "WARNING").upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        level = "WARNING"
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if file is not None:
        handlers.append(logging.FileHandler(file, encoding="utf-8"))
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        handlers=handlers, force=True)
    quiet()


def quiet() -> None:
    """Keep libraries that could log stored values (SQL parameters) at WARNING."""
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
