"""Reading questionnaire files: YAML, checked against ``schema.json`` and then for meaning.

The JSON schema checks the shape (keys, types, question types). The checks after it catch
what a schema cannot: duplicate ids, a choice question without choices, a condition that
reads a later or unknown question or compares with a value the question cannot have.
Every problem raises ``QuestionnaireFileError`` naming the file, the question and the path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence, Set
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import RESOURCES
from app.questionnaire import checked
from app.questionnaire.conditions import ConditionError, check, leaves
from app.questionnaire.errors import QuestionnaireFileError
from app.questionnaire.model import (
    CHOICE_TYPES,
    Choice,
    Question,
    Questionnaire,
    QuestionType,
    Section,
    fixed_values,
)

QUESTIONNAIRES = RESOURCES / "questionnaires"
SCHEMA_FILE = QUESTIONNAIRES / "schema.json"
FILE_NAME = re.compile(r"^(?P<id>[a-z][a-z0-9_]*)\.v(?P<version>\d+)\.ya?ml$")

# jsonschema and PyYAML load when a file is read, not with the package: the People list at
# start-up needs neither (issue 17).
if TYPE_CHECKING:
    import jsonschema


@cache
def _validator(schema_file: Path) -> jsonschema.Draft202012Validator:
    import jsonschema

    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def read_yaml(path: Path) -> Any:
    """The data in a YAML file, or ``QuestionnaireFileError`` when it cannot be read."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise QuestionnaireFileError(path, f"cannot be read: {err.strerror}") from None
    except UnicodeDecodeError:
        raise QuestionnaireFileError(path, "is not UTF-8 text") from None
    try:
        # libyaml's parser when PyYAML has it (ten times faster: the registry is read when
        # the first person window opens), else PyYAML's own; both give the same data.
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else None
        problem = getattr(err, "problem", None) or "is not valid YAML"
        raise QuestionnaireFileError(path, f"not valid YAML: {problem}", location=where) from None


def item_at(data: Any, path: Sequence[Any], *, key: str = "id") -> str | None:
    """The ``id`` of the innermost mapping along ``path`` that has one (a question's id)."""
    found: str | None = None
    node = data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, Mapping) and isinstance(node.get(key), str):
            found = node[key]
    return found


def schema_check(data: Any, path: Path, schema_file: Path, *, kind: str = "question") -> None:
    """Raise ``QuestionnaireFileError`` for the first schema problem (in file order).

    Data that passed the same schema before on this computer is not checked again
    (``app.questionnaire.checked``): jsonschema is then not even loaded.
    """
    key = checked.digest(data, schema_file)
    if key is not None and checked.already_checked(key):
        return
    errors = sorted(_validator(schema_file).iter_errors(data),
                    key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        err = errors[0]
        steps = list(err.absolute_path)
        raise QuestionnaireFileError(
            path, err.message, item=item_at(data, steps), kind=kind,
            location="/".join(str(s) for s in steps) or "top level")
    if key is not None:
        checked.remember(key)


def parse_questionnaire(data: Any, path: Path,
                        lists: Mapping[str, Set[str]] | None = None) -> Questionnaire:
    """Check ``data`` (read from ``path``) and build the ``Questionnaire``."""
    schema_check(data, path, SCHEMA_FILE)
    match = FILE_NAME.match(path.name)
    if match and (match["id"] != data["id"] or int(match["version"]) != data["version"]):
        raise QuestionnaireFileError(
            path, f"the file name says {match['id']} version {match['version']}, the file says "
                  f"{data['id']} version {data['version']}; make them agree", location="id")
    seen: dict[str, Question] = {}
    section_ids: set[str] = set()
    sections: list[Section] = []
    for s_index, raw_section in enumerate(data["sections"]):
        s_loc = f"sections/{s_index}"
        if raw_section["id"] in section_ids:
            raise QuestionnaireFileError(path, "this section id is used twice",
                                         item=raw_section["id"], kind="section", location=s_loc)
        section_ids.add(raw_section["id"])
        if "show_if" in raw_section:
            _check_condition(raw_section["show_if"], seen, lists, path, raw_section["id"],
                             f"{s_loc}/show_if", kind="section")
        questions: list[Question] = []
        for q_index, raw in enumerate(raw_section["questions"]):
            loc = f"{s_loc}/questions/{q_index}"
            question = _question(raw, raw_section["id"], path, loc)
            if question.id in seen:
                raise QuestionnaireFileError(path, "this question id is used twice",
                                             item=question.id, location=f"{loc}/id")
            if question.show_if is not None:
                _check_condition(question.show_if, seen, lists, path, question.id,
                                 f"{loc}/show_if")
            seen[question.id] = question
            questions.append(question)
        sections.append(Section(id=raw_section["id"], title=raw_section["title"],
                                questions=tuple(questions), help=raw_section.get("help"),
                                show_if=raw_section.get("show_if")))
    return Questionnaire(id=data["id"], version=data["version"], title=data["title"],
                         sections=tuple(sections), source=path.name,
                         country_lists=dict(lists or {}))


def _question(raw: Mapping[str, Any], section_id: str, path: Path, loc: str) -> Question:
    qtype = QuestionType(raw["type"])
    qid = raw["id"]

    def fail(problem: str, where: str = "") -> QuestionnaireFileError:
        return QuestionnaireFileError(path, problem, item=qid,
                                      location=f"{loc}/{where}" if where else loc)

    if qtype in CHOICE_TYPES and "choices" not in raw:
        raise fail(f"a {qtype} question needs 'choices'")
    if qtype not in CHOICE_TYPES and "choices" in raw:
        raise fail(f"a {qtype} question has no 'choices'", "choices")
    for key, allowed in (("min", {QuestionType.NUMBER}), ("max", {QuestionType.NUMBER}),
                         ("integer", {QuestionType.NUMBER}), ("not_in_future", {QuestionType.DATE}),
                         ("max_length", {QuestionType.TEXT, QuestionType.LONG_TEXT}),
                         ("allow_unknown", {QuestionType.DATE, QuestionType.COUNTRY})):
        if key in raw and qtype not in allowed:
            raise fail(f"'{key}' does not apply to a {qtype} question", key)
    if "min" in raw and "max" in raw and raw["min"] > raw["max"]:
        raise fail("'min' is larger than 'max'", "min")
    choices = tuple(Choice(c["value"], c["label"]) for c in raw.get("choices", ()))
    values = [c.value for c in choices]
    duplicates = sorted({v for v in values if values.count(v) > 1})
    if duplicates:
        raise fail(f"choice value '{duplicates[0]}' is used twice", "choices")
    return Question(
        id=qid, type=qtype, text=raw["text"], section_id=section_id,
        required=raw.get("required", False), help=raw.get("help"), show_if=raw.get("show_if"),
        choices=choices, minimum=raw.get("min"), maximum=raw.get("max"),
        integer=raw.get("integer", False), not_in_future=raw.get("not_in_future", False),
        allow_unknown=raw.get("allow_unknown", True), max_length=raw.get("max_length"))


def _check_condition(condition: Any, earlier: Mapping[str, Question],
                     lists: Mapping[str, Set[str]] | None, path: Path, item: str, loc: str,
                     *, kind: str = "question") -> None:
    try:
        check(condition)
    except ConditionError as err:
        where = f"{loc}/{err.location}" if err.location else loc
        raise QuestionnaireFileError(path, str(err), item=item, kind=kind, location=where) from None
    for sub, leaf in leaves(condition):
        where = f"{loc}/{sub}" if sub else loc
        problem = condition_problem(leaf, earlier, lists)
        if problem:
            raise QuestionnaireFileError(path, problem, item=item, kind=kind, location=where)


def condition_problem(leaf: Mapping[str, Any], known: Mapping[str, Question],
                      lists: Mapping[str, Set[str]] | None) -> str | None:
    """Why a simple condition cannot work with the questions in ``known``, or None."""
    target = known.get(leaf["question"])
    if target is None:
        return (f"the condition reads question '{leaf['question']}', which does not exist "
                "before this point")
    values = fixed_values(target)
    if "equals" in leaf or "in" in leaf:
        wanted = [leaf["equals"]] if "equals" in leaf else list(leaf["in"])
        if target.type is QuestionType.MULTIPLE_CHOICE:
            return f"'{target.id}' has several answers: use 'contains', not 'equals' or 'in'"
        if values is not None:
            wrong = [w for w in wanted if w not in values]
            if wrong:
                hint = ("; write \"yes\" and \"no\" in quotes, YAML reads them as true/false"
                        if isinstance(wrong[0], bool) else "")
                return (f"{wrong[0]!r} is not a possible answer of '{target.id}' "
                        f"(possible: {', '.join(values)}){hint}")
    if "contains" in leaf:
        if target.type is not QuestionType.MULTIPLE_CHOICE:
            return f"'contains' only works on a multiple_choice question, '{target.id}' is not one"
        if leaf["contains"] not in target.choice_values():
            return f"'{leaf['contains']}' is not a choice of '{target.id}'"
    if ("at_least" in leaf or "at_most" in leaf) and target.type is not QuestionType.NUMBER:
        return f"'at_least' and 'at_most' only work on a number question, '{target.id}' is not one"
    if "in_list" in leaf:
        if target.type is not QuestionType.COUNTRY:
            return f"'in_list' only works on a country question, '{target.id}' is not one"
        if lists is None or leaf["in_list"] not in lists:
            return f"there is no country list called '{leaf['in_list']}'"
    return None


def load_questionnaire_file(path: Path,
                            lists: Mapping[str, Set[str]] | None = None) -> Questionnaire:
    """Read, check and build the questionnaire in ``path``."""
    return parse_questionnaire(read_yaml(path), path, lists)
