"""Interface catalogues: every string in the code is extracted, and Dutch, English and Arabic
are complete; compiled catalogues are kept in the cache and compiled again when changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app import PROJECT_ROOT, i18n
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


PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Save"
msgstr "{text}"
'''


@pytest.fixture
def catalogue_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A translations folder of our own and an empty cache, with nothing compiled in memory."""
    monkeypatch.setattr(i18n, "TRANSLATIONS", tmp_path / "translations")
    monkeypatch.setenv("WEGWIJS_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "translations" / "demo").mkdir(parents=True)
    i18n.translations.cache_clear()
    yield tmp_path
    i18n.translations.cache_clear()


def _write(folder: Path, text: str) -> None:
    (folder / "translations" / "demo" / "nl.po").write_text(PO.format(text=text),
                                                             encoding="utf-8")


def _compiled(folder: Path) -> list[Path]:
    return sorted((folder / "cache" / "translations" / "demo").glob("*.mo"))


def test_a_compiled_catalogue_is_kept_and_a_changed_one_compiled_again(
        catalogue_folder: Path) -> None:
    _write(catalogue_folder, "Bewaren")
    assert i18n.translations("demo", "nl").gettext("Save") == "Bewaren"
    first = _compiled(catalogue_folder)
    assert len(first) == 1
    i18n.translations.cache_clear()
    assert i18n.translations("demo", "nl").gettext("Save") == "Bewaren"  # read from the cache
    assert _compiled(catalogue_folder) == first
    _write(catalogue_folder, "Opslaan")
    i18n.translations.cache_clear()
    assert i18n.translations("demo", "nl").gettext("Save") == "Opslaan"
    second = _compiled(catalogue_folder)
    assert len(second) == 1 and second != first  # the old compilation is gone


def test_a_damaged_or_unwritable_cache_only_costs_time(catalogue_folder: Path) -> None:
    _write(catalogue_folder, "Bewaren")
    i18n.translations("demo", "nl")
    (cached,) = _compiled(catalogue_folder)
    cached.write_bytes(b"\x00" * 10)
    i18n.translations.cache_clear()
    assert i18n.translations("demo", "nl").gettext("Save") == "Bewaren"
    assert cached.read_bytes() != b"\x00" * 10  # compiled again
    shutil.rmtree(catalogue_folder / "cache")
    (catalogue_folder / "cache").write_text("a file where the folder should be")
    i18n.translations.cache_clear()
    assert i18n.translations("demo", "nl").gettext("Save") == "Bewaren"
    assert i18n.translations("demo", "xx").gettext("Save") == "Save"  # no catalogue at all


def test_a_later_start_reads_the_compiled_catalogue_without_babel(tmp_path: Path) -> None:
    script = ("import sys\nfrom app.i18n import translations\n"
              "assert translations('documents', 'ar').gettext('card.title') != 'card.title'\n"
              "print('babel' in sys.modules)\n")
    env = dict(os.environ, WEGWIJS_CACHE_DIR=str(tmp_path / "cache"))
    runs = [subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, env=env,
                           capture_output=True, text=True, timeout=60) for _ in range(2)]
    assert [r.stdout.strip() for r in runs] == ["True", "False"], [r.stderr for r in runs]


def test_a_bundle_reads_the_catalogue_compiled_at_build_time(catalogue_folder: Path) -> None:
    """packaging/build.py ships each .po with its .mo named by the .po's hash: read first,
    nothing compiled into the cache; a .po changed after the build never meets a stale .mo."""
    _write(catalogue_folder, "Bewaren")
    po = catalogue_folder / "translations" / "demo" / "nl.po"
    shipped = i18n.shipped_mo_path(po, po.read_bytes())
    assert shipped.parent == po.parent and shipped.name.startswith("nl.")
    # a build-time compilation that differs from the .po's text proves which one is read
    shipped.write_bytes(i18n.compile_catalogue(PO.format(text="Opslaan (bundel)").encode(),
                                               "demo", "nl"))
    assert i18n.translations("demo", "nl").gettext("Save") == "Opslaan (bundel)"
    assert _compiled(catalogue_folder) == []  # nothing compiled at start
    _write(catalogue_folder, "Bewaren")  # the same bytes: same name
    _write(catalogue_folder, "Wegzetten")  # changed after the build: another hash
    i18n.translations.cache_clear()
    assert i18n.translations("demo", "nl").gettext("Save") == "Wegzetten"
