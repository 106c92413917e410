"""Fill interface translations from a JSON file after ``extract_messages.py``.

    python tools/fill_translations.py strings.json

The file maps each msgid (a plural entry: the singular msgid) to its translations::

    {"Save": {"nl": "Opslaan", "ar": "حفظ"},
     "{n} page": {"nl": ["{n} pagina", "{n} pagina's"], "ar": ["..."]}}

English takes the msgid itself unless given. A plural entry gets a list: one string per plural
form of the language, or one string used for every form. Fuzzy marks on the filled entries
are removed; entries not named in the file are left as they are.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

FOLDER = Path(__file__).resolve().parent.parent / "translations" / "wegwijs"


def fill(strings: dict[str, dict[str, str | list[str]]], lang: str) -> int:
    path = FOLDER / f"{lang}.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    done = 0
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        given = strings.get(key, {}).get(lang)
        if given is None and lang == "en" and key in strings:
            given = list(message.id) if isinstance(message.id, tuple) else key
        if given is None:
            continue
        if isinstance(message.id, tuple):
            forms = catalog.num_plurals
            values = given if isinstance(given, list) else [given]
            if len(values) == 2 and forms != 2:  # singular, then plural for every other form
                values = [values[0]] + [values[1]] * (forms - 1)
            if len(values) == 1:
                values = values * forms
            message.string = tuple(values[:forms])
        else:
            message.string = given if isinstance(given, str) else given[0]
        message.flags.discard("fuzzy")
        done += 1
    with path.open("wb") as fh:
        write_po(fh, catalog, width=0, include_previous=False)
    return done


def main() -> int:
    strings = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    for lang in ("nl", "en", "ar"):
        print(f"{lang}: {fill(strings, lang)} filled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
