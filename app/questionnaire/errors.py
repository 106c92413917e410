"""Errors of the questionnaire engine.

A broken questionnaire or rule file is a mistake in data that someone can fix, so it is a
``WegwijsError`` whose message names the file, the question (or rule) and the place in the file.
Problems with answers are ``app.errors.InvalidInput`` (one message per question id).
"""

from __future__ import annotations

from pathlib import Path

from app.errors import NotFound, WegwijsError


class QuestionnaireFileError(WegwijsError):
    """A questionnaire, rule set or list file cannot be used.

    Attributes:
        file: the file name (without folders, so the message stays short).
        item: the id of the question, rule or section the problem is in, if known.
        kind: what ``item`` is: "question", "section", "rule" or "list".
        location: the path inside the file, such as ``sections/0/questions/2/type``.
    """

    def __init__(self, file: Path | str, problem: str, *, item: str | None = None,
                 kind: str = "question", location: str | None = None) -> None:
        self.file = Path(file).name
        self.item = item
        self.location = location
        self.problem = problem
        where = self.file
        if item:
            where += f", {kind} '{item}'"
        if location:
            where += f" (at {location})"
        super().__init__(f"{where}: {problem}")


class UnknownQuestionnaire(NotFound):
    """No questionnaire with this id (and version) is installed."""
