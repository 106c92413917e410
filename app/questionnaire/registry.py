"""Every installed questionnaire, every version: old intakes open with the version they used.

Files are named ``<id>.v<version>.yaml`` in ``resources/questionnaires/``. A version, once
shipped and used, is never edited: a change is a new file with the next version number.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from functools import cache
from pathlib import Path

from app.i18n import _
from app.questionnaire.country_lists import COUNTRY_LISTS_FILE, load_country_lists
from app.questionnaire.errors import QuestionnaireFileError, UnknownQuestionnaire
from app.questionnaire.model import Questionnaire
from app.questionnaire.schema import FILE_NAME, QUESTIONNAIRES, load_questionnaire_file


class Registry:
    """The questionnaires found in one folder, checked when the registry is made."""

    def __init__(self, folder: Path = QUESTIONNAIRES,
                 lists: Mapping[str, Set[str]] | None = None) -> None:
        self.folder = folder
        if lists is None:
            lists_file = folder / COUNTRY_LISTS_FILE.name
            lists = load_country_lists(lists_file) if lists_file.is_file() else {}
        self.lists: Mapping[str, Set[str]] = lists
        self._all: dict[tuple[str, int], Questionnaire] = {}
        for path in sorted(folder.glob("*.y*ml")):
            if path.name == COUNTRY_LISTS_FILE.name:
                continue
            if not FILE_NAME.match(path.name):
                raise QuestionnaireFileError(
                    path, "name questionnaire files <id>.v<version>.yaml, e.g. short_intake.v1.yaml")
            q = load_questionnaire_file(path, self.lists)
            self._all[q.key] = q

    def ids(self) -> list[str]:
        return sorted({qid for qid, _v in self._all})

    def versions(self, questionnaire_id: str) -> list[int]:
        return sorted(v for qid, v in self._all if qid == questionnaire_id)

    def load(self, questionnaire_id: str, version: int) -> Questionnaire:
        """Exactly this version (for a saved intake); ``UnknownQuestionnaire`` if missing."""
        try:
            return self._all[(questionnaire_id, int(version))]
        except (KeyError, TypeError, ValueError):
            raise UnknownQuestionnaire(_(
                "Questionnaire {id} version {version} is not installed; update Wegwijs to open "
                "this intake.").format(id=questionnaire_id, version=version)) from None

    def latest(self, questionnaire_id: str) -> Questionnaire:
        """The newest version, for a new intake."""
        versions = self.versions(questionnaire_id)
        if not versions:
            raise UnknownQuestionnaire(_("There is no questionnaire called {id}.")
                                       .format(id=questionnaire_id))
        return self._all[(questionnaire_id, versions[-1])]

    def all(self) -> list[Questionnaire]:
        return [self._all[k] for k in sorted(self._all)]


@cache
def default_registry() -> Registry:
    """The questionnaires shipped with Wegwijs (read once per process)."""
    return Registry()


def load(questionnaire_id: str, version: int) -> Questionnaire:
    return default_registry().load(questionnaire_id, version)


def latest(questionnaire_id: str) -> Questionnaire:
    return default_registry().latest(questionnaire_id)
