"""The review state of each language's intake questions (``translations/questionnaire``):
how much is translated, whether a native speaker reviewed it, and whether it is a machine
draft. ``translations/questionnaire/review.json`` says so per language (kept beside the
catalogues, since rewriting a ``.po`` file with Babel drops unknown header fields);
``wegwijs translations`` lists it per language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.i18n import catalogue_path
from app.questionnaire.texts import DOMAIN


@dataclass(frozen=True)
class ReviewState:
    lang: str
    translated: float  # fraction of the questionnaire's texts
    reviewed: bool  # read by a native speaker
    machine_draft: bool  # drafted by a machine translation, not yet reviewed


def review_state(lang: str) -> ReviewState:
    """The state of ``lang``'s intake questions (nothing translated when no catalogue)."""
    from babel.messages.pofile import read_po

    from app.questionnaire.extract import msgids

    wanted = msgids()
    if lang in ("en",):  # the source language: the msgids themselves
        return ReviewState(lang, 1.0, True, False)
    path = catalogue_path(DOMAIN, lang)
    if not path.is_file():
        return ReviewState(lang, 0.0, False, False)
    noted = _noted().get(lang, {})
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    done = sum(1 for m in wanted if (found := catalog.get(m)) is not None and found.string
               and not found.fuzzy)
    return ReviewState(lang, done / len(wanted) if wanted else 0.0,
                       bool(noted.get("reviewed")), bool(noted.get("machine_draft")))


@cache
def _noted() -> dict[str, Any]:
    path = catalogue_path(DOMAIN, "nl").with_name("review.json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
