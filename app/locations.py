"""Where Wegwijs keeps its data on this computer, and which database ``--db`` names.

Free of SQLAlchemy, so that the card command can find its file before deciding whether it
needs the store at all.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Wegwijs"
APP_AUTHOR = "Stem in de Stad"


def data_dir() -> Path:
    """The user's data folder (``WEGWIJS_DATA_DIR`` overrides it, for tests and portable use)."""
    override = os.environ.get("WEGWIJS_DATA_DIR")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME, APP_AUTHOR)


def cache_dir() -> Path:
    """Where Wegwijs keeps what it can make again (compiled translations); never personal
    data. ``WEGWIJS_CACHE_DIR`` overrides it."""
    override = os.environ.get("WEGWIJS_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_cache_path(APP_NAME, APP_AUTHOR)


def default_database() -> Path:
    """The embedded default: one encrypted SQLite file in the user's data folder."""
    return data_dir() / "wegwijs.db"


def chosen_database(value: str | None) -> str | None:
    """``--db`` if given, else ``WEGWIJS_DB``, else None (the default file)."""
    return value or os.environ.get("WEGWIJS_DB") or None


def plain_file(value: str | None) -> Path | None:
    """The SQLite file ``--db`` names as a plain path (or the default file); None for any
    address with "://" (a server, or an sqlite:// URL), which the store reads."""
    value = chosen_database(value)
    if value is None:
        return default_database()
    text = value.strip()
    if not text or "://" in text:
        return None
    return Path(text).expanduser()
