"""Extract every msgid of the questionnaires and rule sets into the "questionnaire" catalogue.

    python -m app.questionnaire.extract           write translations/questionnaire/questionnaire.pot
                                                  and add new msgids (untranslated) to each .po
    python -m app.questionnaire.extract --check   list msgids missing in the complete languages;
                                                  exit status 1 when any is missing
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from app import TRANSLATIONS
from app.questionnaire.registry import Registry, default_registry
from app.questionnaire.texts import COMPLETE_LANGUAGES, DOMAIN, ENGINE_MSGIDS
from app.questionnaire.triage import RuleSets, default_rule_sets

FOLDER = TRANSLATIONS / DOMAIN
POT = FOLDER / f"{DOMAIN}.pot"


def messages(registry: Registry | None = None,
             rule_sets: RuleSets | None = None) -> Iterator[tuple[str, str, str]]:
    """(msgid, file, where in the file) for every text to translate, in file order."""
    registry = registry or default_registry()
    rule_sets = rule_sets or default_rule_sets()
    for msgid in ENGINE_MSGIDS:
        yield msgid, "app/questionnaire/texts.py", "engine"
    for q in registry.all():
        file = f"resources/questionnaires/{q.source}"
        yield q.title, file, "title"
        for section in q.sections:
            yield section.title, file, f"section {section.id}"
            if section.help:
                yield section.help, file, f"section {section.id} help"
            for question in section.questions:
                yield question.text, file, f"question {question.id}"
                if question.help:
                    yield question.help, file, f"question {question.id} help"
                for choice in question.choices:
                    yield choice.label, file, f"question {question.id} choice {choice.value}"
    for rs in rule_sets.all():
        file = f"resources/questionnaires/triage/{rs.id}.v{rs.version}.yaml"
        yield rs.title, file, "title"
        yield rs.default_advice, file, "default advice"
        for rule in rs.rules:
            yield rule.advice, file, f"rule {rule.id}"


def msgids() -> list[str]:
    """Every distinct msgid, in order of first appearance."""
    return list(dict.fromkeys(m for m, _f, _w in messages()))


def template() -> Catalog:
    catalog = Catalog(domain=DOMAIN, project="Wegwijs", charset="utf-8")
    for msgid, file, where in messages():
        if msgid in catalog:
            entry = catalog[msgid]
            entry.locations.append((file, None))
            entry.auto_comments.append(where)
        else:
            catalog.add(msgid, locations=[(file, None)], auto_comments=[where])
    return catalog


def write_template(path: Path = POT) -> Catalog:
    catalog = template()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False, sort_output=False)
    return catalog


def update_catalogues(catalog: Catalog, folder: Path = FOLDER) -> None:
    """Merge the template into each existing ``.po`` (new msgids appear untranslated)."""
    for po in sorted(folder.glob("*.po")):
        with po.open("rb") as fh:
            existing = read_po(fh, locale=po.stem, domain=DOMAIN)
        existing.update(catalog, no_fuzzy_matching=True)
        with po.open("wb") as fh:
            write_po(fh, existing, width=100, sort_output=False, ignore_obsolete=True)


def missing(lang: str, folder: Path = FOLDER) -> list[str]:
    """The msgids without a translation in ``lang`` (all of them if there is no catalogue)."""
    wanted = msgids()
    path = folder / f"{lang}.po"
    if not path.is_file():
        return wanted
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    return [m for m in wanted
            if m not in catalog or not catalog[m].string or catalog[m].fuzzy]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.questionnaire.extract",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="report missing translations instead of writing files")
    args = parser.parse_args(argv)
    if args.check:
        bad = 0
        for lang in COMPLETE_LANGUAGES:
            gaps = missing(lang)
            bad += len(gaps)
            for msgid in gaps:
                print(f"{lang}: {msgid}")
        return 1 if bad else 0
    catalog = write_template()
    update_catalogues(catalog)
    print(f"{POT}: {len(catalog)} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
