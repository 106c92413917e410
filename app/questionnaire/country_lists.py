"""Named lists of countries (``resources/questionnaires/country_lists.yaml``).

Conditions read them with ``{question: nationality, in_list: eu_eea}``; the triage rules use
the same lists, so changing a list changes both the questions shown and the advice.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from app.countries import is_iso_country as is_country
from app.questionnaire.errors import QuestionnaireFileError
from app.questionnaire.schema import QUESTIONNAIRES, read_yaml

COUNTRY_LISTS_FILE = QUESTIONNAIRES / "country_lists.yaml"


def load_country_lists(path: Path = COUNTRY_LISTS_FILE) -> dict[str, frozenset[str]]:
    """Every list in ``path`` by name; ``QuestionnaireFileError`` when one is malformed."""
    data = read_yaml(path)
    if not isinstance(data, Mapping) or not isinstance(data.get("lists"), Mapping):
        raise QuestionnaireFileError(path, "needs a mapping 'lists' of named country lists",
                                     location="lists")
    result: dict[str, frozenset[str]] = {}
    for name, entry in data["lists"].items():
        loc = f"lists/{name}/countries"
        codes = entry.get("countries") if isinstance(entry, Mapping) else None
        if not isinstance(codes, list) or not codes:
            raise QuestionnaireFileError(path, "a list needs a non-empty 'countries'",
                                         item=str(name), kind="list", location=loc)
        for i, code in enumerate(codes):
            if not isinstance(code, str) or not is_country(code):
                raise QuestionnaireFileError(
                    path, f"{code!r} is not an ISO 3166 two-letter country code",
                    item=str(name), kind="list", location=f"{loc}/{i}")
        result[str(name)] = frozenset(codes)
    return result
