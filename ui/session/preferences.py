"""What this computer remembers apart from the office data: window sizes, last language.

Kept in an ini file next to the database (so ``WEGWIJS_DATA_DIR`` isolates it too). No
personal data goes here.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.locations import data_dir


def local_settings() -> QSettings:
    return QSettings(str(data_dir() / "window.ini"), QSettings.Format.IniFormat)


def remembered_language() -> str:
    value = local_settings().value("interface_language", "nl")
    return str(value) if value else "nl"


def remember_language(lang: str) -> None:
    settings = local_settings()
    settings.setValue("interface_language", lang)
    settings.sync()


def remembered_username() -> str:
    return str(local_settings().value("last_username", "") or "")


def remember_username(name: str) -> None:
    settings = local_settings()
    settings.setValue("last_username", name)
    settings.sync()
