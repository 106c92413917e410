"""Interface catalogues: every string in the code is extracted, and Dutch, English and Arabic
are complete."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app import PROJECT_ROOT
from app.i18n import _, set_interface_language

FOLDER = PROJECT_ROOT / "translations" / "wegwijs"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def _catalog(lang: str):  # noqa: ANN202
    with (FOLDER / f"{lang}.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def _code_msgids() -> set[str]:
    ids: set[str] = set()
    for folder in ("app", "ui"):
        for _file, _line, message, _comments, _context in extract_from_dir(
                PROJECT_ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS):
            ids.add(message if isinstance(message, str) else message[0])
    return ids


def test_every_string_in_the_code_is_in_the_catalogues() -> None:
    missing = _code_msgids() - {m.id if isinstance(m.id, str) else m.id[0]
                                for m in _catalog("nl") if m.id}
    assert not missing, f"run tools/extract_messages.py; not extracted: {sorted(missing)[:5]}"


def test_dutch_english_and_arabic_are_complete() -> None:
    for lang in ("nl", "en", "ar"):
        untranslated = [m.id for m in _catalog(lang)
                        if m.id and (m.fuzzy or not (m.string if isinstance(m.string, str)
                                                     else all(m.string)))]
        assert not untranslated, f"{lang}: {untranslated[:5]}"


def test_dutch_is_used() -> None:
    set_interface_language("nl")
    assert _("Draft saved") == "Concept opgeslagen"
