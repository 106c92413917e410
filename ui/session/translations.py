"""The interface language: our gettext catalogue, Qt's own translations, locale and direction.

Qt's dialogs (print, file, message boxes) are translated by loading ``qtbase_<lang>.qm`` from
PySide6's translations folder; ``QLocale`` follows, and a right-to-left language mirrors the
whole layout.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.i18n import is_rtl, set_interface_language

LANGUAGES = ("nl", "en", "ar")
# The names of the languages in themselves: what a volunteer looks for in a list.
NATIVE_NAMES = {"nl": "Nederlands", "en": "English", "ar": "العربية"}
_QT_LOCALES = {"nl": "nl_NL", "en": "en_GB", "ar": "ar"}

_installed: list[QTranslator] = []


def qt_translations_folder() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def apply_language(lang: str) -> bool:
    """Switch the interface to ``lang``; True when Qt's own translation was found too."""
    if lang not in LANGUAGES:
        lang = "nl"
    set_interface_language(lang)
    app = QCoreApplication.instance()
    QLocale.setDefault(QLocale(_QT_LOCALES[lang]))
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    loaded = lang == "en"
    if app is not None and lang != "en":
        for name in ("qtbase", "qt"):
            translator = QTranslator(app)
            if translator.load(f"{name}_{lang}", qt_translations_folder()):
                QCoreApplication.installTranslator(translator)
                _installed.append(translator)
                loaded = True
                break
    if isinstance(app, QApplication) and (is_rtl(lang) or app.isRightToLeft()):
        # Left to right is Qt's own default: only a switch to or from a right-to-left language
        # uses Qt's enums (their first use costs about 20 ms, issue 17).
        from PySide6.QtCore import Qt

        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl(lang)
                               else Qt.LayoutDirection.LeftToRight)
    return loaded
