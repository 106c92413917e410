"""Extract the interface strings into translations/wegwijs/wegwijs.pot and update the catalogues.

    python tools/extract_messages.py          # extract, then merge into nl.po, en.po, ar.po
    python tools/extract_messages.py --check  # fail when a catalogue misses a translation

It runs ``pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 -o translations/wegwijs/wegwijs.pot
app ui`` and ``pybabel update`` for each language. The ``.po`` files are compiled in memory at
start-up (``app.i18n``), so there is no build step.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "translations" / "wegwijs"
POT = FOLDER / "wegwijs.pot"
LANGUAGES = ("nl", "en", "ar")
COMPLETE = ("nl", "en", "ar")  # must have every string


def extract() -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    "babel.cfg", "-k", "N_", "-k", "ngettext:1,2", "--no-wrap",
                    "--sort-by-file", "--project", "Wegwijs", "--copyright-holder",
                    "Stem in de Stad", "-o", str(POT), "app", "ui"], cwd=ROOT, check=True)
    for lang in LANGUAGES:
        po = FOLDER / f"{lang}.po"
        command = "update" if po.exists() else "init"
        subprocess.run([sys.executable, "-m", "babel.messages.frontend", command, "-D",
                        "wegwijs", "-i", str(POT), "-o", str(po), "-l", lang, "--no-wrap"]
                       + (["--ignore-obsolete"] if command == "update" else []),
                       cwd=ROOT, check=True)


def missing(lang: str) -> list[str]:
    with (FOLDER / f"{lang}.po").open("rb") as fh:
        catalog = read_po(fh)
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if not args.check:
        extract()
    status = 0
    for lang in LANGUAGES:
        gaps = missing(lang)
        print(f"{lang}: {len(gaps)} untranslated")
        if gaps and lang in COMPLETE:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
