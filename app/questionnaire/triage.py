"""Triage advice from rules that are data (``resources/questionnaires/triage/*.v<N>.yaml``).

A rule set reads the answers of the short intake and the extended screening (one merged
dict: question ids are unique across both) plus three facts::

    person.age          whole years on the day of the advice (from a partial date of birth,
                        unknown parts counted as early as possible), absent when unknown
    person.sex          "female", "male", "other" or "unknown"
    screening.complete  "yes" once the extended screening is complete, else "no"

Every rule whose ``when`` holds (and whose ``unless`` does not) gives an ``AdviceItem`` with
the rule id, an outcome and a msgid to translate. The advised outcome is the one of the first
applying decisive rule, or the rule set's default. The volunteer decides (see ``decision``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from app.dates import PartialDate
from app.i18n import _
from app.questionnaire.conditions import ConditionError, check, evaluate, leaves
from app.questionnaire.country_lists import load_country_lists
from app.questionnaire.errors import QuestionnaireFileError, UnknownQuestionnaire
from app.questionnaire.model import Choice, Question, QuestionType
from app.questionnaire.registry import Registry, default_registry
from app.questionnaire.schema import (
    FILE_NAME,
    QUESTIONNAIRES,
    condition_problem,
    read_yaml,
    schema_check,
)

TRIAGE = QUESTIONNAIRES / "triage"
TRIAGE_SCHEMA = TRIAGE / "schema.json"
DEFAULT_RULE_SET = "amsterdam_flow"
INTAKE_QUESTIONNAIRES = ("short_intake", "extended_screening")


class Outcome(StrEnum):
    REFER_MEDICAL = "refer_medical"
    NO_ADMISSION = "no_admission"
    REFERRAL = "referral"
    SCREENING = "screening"
    VULNERABILITY_CHECK = "vulnerability_check"
    ADMIT = "admit"
    ADMIT_SHORT = "admit_short"


def _fact(qid: str, qtype: QuestionType, choices: Iterable[str] = ()) -> Question:
    return Question(id=qid, type=qtype, text=qid, section_id="facts",
                    choices=tuple(Choice(c, c) for c in choices))


FACTS: dict[str, Question] = {
    "person.age": _fact("person.age", QuestionType.NUMBER),
    "person.sex": _fact("person.sex", QuestionType.SINGLE_CHOICE,
                        ("female", "male", "other", "unknown")),
    "screening.complete": _fact("screening.complete", QuestionType.YES_NO_UNKNOWN),
}


@dataclass(frozen=True)
class Rule:
    id: str
    when: Mapping[str, Any]
    outcome: Outcome
    advice: str
    unless: Mapping[str, Any] | None = None
    decisive: bool = True
    source: str = ""
    reference: Reference | None = None


@dataclass(frozen=True)
class Reference:
    """The sentence of a source document a rule rests on (seed number, section, quote)."""

    seed: str
    quote: str
    section: str = ""

    @classmethod
    def read(cls, raw: Mapping[str, Any] | None) -> Reference | None:
        return (cls(str(raw["seed"]), str(raw["quote"]), str(raw.get("section", "")))
                if raw else None)


@dataclass(frozen=True)
class RuleSet:
    id: str
    version: int
    title: str
    rules: tuple[Rule, ...]
    default_outcome: Outcome
    default_advice: str
    country_lists: Mapping[str, Set[str]]
    default_reference: Reference | None = None

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


@dataclass(frozen=True)
class AdviceItem:
    """One applying rule: its id, outcome, advice msgid (translate with ``texts.bilingual``)."""

    rule_id: str
    outcome: Outcome
    advice: str
    decisive: bool

    def to_dict(self) -> dict[str, Any]:
        return {"rule_id": self.rule_id, "outcome": str(self.outcome), "advice": self.advice,
                "decisive": self.decisive}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AdviceItem:
        return cls(str(data["rule_id"]), Outcome(data["outcome"]), str(data["advice"]),
                   bool(data["decisive"]))


DEFAULT_RULE_ID = "default"


@dataclass(frozen=True)
class Advice:
    """The advice for one intake: every applying rule, and the advised outcome."""

    rule_set_id: str
    rule_set_version: int
    outcome: Outcome
    items: tuple[AdviceItem, ...]

    @property
    def main(self) -> AdviceItem:
        """The item that gives the advised outcome (the default as a pseudo-rule)."""
        return next(i for i in self.items if i.decisive)

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(i.rule_id for i in self.items)

    def to_dict(self) -> dict[str, Any]:
        return {"rule_set_id": self.rule_set_id, "rule_set_version": self.rule_set_version,
                "outcome": str(self.outcome), "items": [i.to_dict() for i in self.items]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Advice:
        return cls(str(data["rule_set_id"]), int(data["rule_set_version"]),
                   Outcome(data["outcome"]),
                   tuple(AdviceItem.from_dict(i) for i in data["items"]))


def parse_rule_set(data: Any, path: Path, known: Mapping[str, Question],
                   lists: Mapping[str, Set[str]]) -> RuleSet:
    """Check ``data`` read from ``path`` and build the ``RuleSet``.

    ``known`` holds every question a rule may read (facts included).
    """
    schema_check(data, path, TRIAGE_SCHEMA, kind="rule")
    match = FILE_NAME.match(path.name)
    if match and (match["id"] != data["id"] or int(match["version"]) != data["version"]):
        raise QuestionnaireFileError(path, "the file name and the id or version in it differ",
                                     location="id")
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["rules"]):
        loc = f"rules/{index}"
        if raw["id"] in seen or raw["id"] == DEFAULT_RULE_ID:
            raise QuestionnaireFileError(path, "this rule id is used twice or is reserved",
                                         item=raw["id"], kind="rule", location=f"{loc}/id")
        seen.add(raw["id"])
        for key in ("when", "unless"):
            if key in raw:
                _check_rule_condition(raw[key], known, lists, path, raw["id"], f"{loc}/{key}")
        rules.append(Rule(id=raw["id"], when=raw["when"], unless=raw.get("unless"),
                          outcome=Outcome(raw["outcome"]), advice=raw["advice"],
                          decisive=raw.get("decisive", True), source=raw.get("source", ""),
                          reference=Reference.read(raw.get("reference"))))
    return RuleSet(id=data["id"], version=data["version"], title=data["title"],
                   rules=tuple(rules), default_outcome=Outcome(data["default"]["outcome"]),
                   default_advice=data["default"]["advice"], country_lists=dict(lists),
                   default_reference=Reference.read(data["default"].get("reference")))


def _check_rule_condition(condition: Any, known: Mapping[str, Question],
                          lists: Mapping[str, Set[str]], path: Path, rule_id: str,
                          loc: str) -> None:
    try:
        check(condition)
    except ConditionError as err:
        where = f"{loc}/{err.location}" if err.location else loc
        raise QuestionnaireFileError(path, str(err), item=rule_id, kind="rule",
                                     location=where) from None
    for sub, leaf in leaves(condition):
        problem = condition_problem(leaf, known, lists)
        if problem:
            raise QuestionnaireFileError(path, problem.replace(" before this point", ""),
                                         item=rule_id, kind="rule",
                                         location=f"{loc}/{sub}" if sub else loc)


def readable_questions(registry: Registry,
                       questionnaire_ids: Iterable[str] = INTAKE_QUESTIONNAIRES
                       ) -> dict[str, Question]:
    """Every question rules may read: all versions of the intake questionnaires, and facts."""
    known: dict[str, Question] = {}
    for qid in questionnaire_ids:
        for version in registry.versions(qid):
            for question in registry.load(qid, version).questions():
                known.setdefault(question.id, question)
    known.update(FACTS)
    return known


class RuleSets:
    """Every rule set version in a folder, checked against the questionnaires of a registry."""

    def __init__(self, folder: Path = TRIAGE, registry: Registry | None = None) -> None:
        registry = registry or default_registry()
        lists = registry.lists or load_country_lists()
        known = readable_questions(registry)
        self._all: dict[tuple[str, int], RuleSet] = {}
        for path in sorted(folder.glob("*.y*ml")):
            if not FILE_NAME.match(path.name):
                raise QuestionnaireFileError(
                    path, "name rule files <id>.v<version>.yaml, e.g. amsterdam_flow.v1.yaml")
            rule_set = parse_rule_set(read_yaml(path), path, known, lists)
            self._all[(rule_set.id, rule_set.version)] = rule_set

    def load(self, rule_set_id: str, version: int) -> RuleSet:
        try:
            return self._all[(rule_set_id, int(version))]
        except (KeyError, TypeError, ValueError):
            raise UnknownQuestionnaire(_("Rule set {id} version {version} is not installed.")
                                       .format(id=rule_set_id, version=version)) from None

    def latest(self, rule_set_id: str = DEFAULT_RULE_SET) -> RuleSet:
        versions = sorted(v for i, v in self._all if i == rule_set_id)
        if not versions:
            raise UnknownQuestionnaire(_("There is no rule set called {id}.").format(id=rule_set_id))
        return self._all[(rule_set_id, versions[-1])]

    def all(self) -> list[RuleSet]:
        return [self._all[k] for k in sorted(self._all)]


@cache
def default_rule_sets() -> RuleSets:
    return RuleSets()


def facts(*, birth_date: PartialDate | str | None = None, sex: str | None = None,
          screening_complete: bool = False, today: date | None = None) -> dict[str, Any]:
    """The fact values rules can read, from the person's record."""
    result: dict[str, Any] = {"screening.complete": "yes" if screening_complete else "no",
                              "person.sex": sex or "unknown"}
    born = PartialDate.from_iso(birth_date) if isinstance(birth_date, str) else birth_date
    if born is not None:
        result["person.age"] = born.age_on(today or date.today())
    return result


def merge_answers(*answer_sets: Mapping[str, Any] | None) -> dict[str, Any]:
    """One dict of the answers of several questionnaires (later ones win on equal ids)."""
    merged: dict[str, Any] = {}
    for answers in answer_sets:
        merged.update(answers or {})
    return merged


def advise(answers: Mapping[str, Any], *, birth_date: PartialDate | str | None = None,
           sex: str | None = None, screening_complete: bool = False,
           today: date | None = None, rule_set: RuleSet | None = None) -> Advice:
    """The triage advice for the (merged, normalised) ``answers`` of one person."""
    rules = rule_set or default_rule_sets().latest()
    context = {**answers, **facts(birth_date=birth_date, sex=sex,
                                  screening_complete=screening_complete, today=today)}
    lists = rules.country_lists
    items = [AdviceItem(r.id, r.outcome, r.advice, r.decisive) for r in rules.rules
             if evaluate(r.when, context, lists)
             and not (r.unless is not None and evaluate(r.unless, context, lists))]
    decisive = next((i for i in items if i.decisive), None)
    if decisive is None:
        decisive = AdviceItem(DEFAULT_RULE_ID, rules.default_outcome, rules.default_advice, True)
        items.insert(0, decisive)
    return Advice(rules.id, rules.version, decisive.outcome, tuple(items))
