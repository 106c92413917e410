"""Questionnaire files: the shipped ones load, broken ones fail with file, question and path."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.questionnaire.country_lists import COUNTRY_LISTS_FILE, load_country_lists
from app.questionnaire.errors import QuestionnaireFileError, UnknownQuestionnaire
from app.questionnaire.model import QuestionType
from app.questionnaire.registry import Registry, default_registry, latest, load
from app.questionnaire.schema import load_questionnaire_file


def test_shipped_questionnaires_load() -> None:
    registry = default_registry()
    assert {"short_intake", "extended_screening"} <= set(registry.ids())
    short = latest("short_intake")
    assert load("short_intake", short.version) is short
    ids = {q.id for q in short.questions()}
    assert {"needs", "nationality", "status", "acute_medical", "acute_psychological"} <= ids


def test_shipped_question_ids_are_unique_across_intake_questionnaires() -> None:
    """Triage reads both questionnaires as one dict, so their ids must not collide."""
    short = {q.id for q in latest("short_intake").questions()}
    screening = {q.id for q in latest("extended_screening").questions()}
    assert not short & screening


def test_extended_screening_covers_the_topics() -> None:
    ids = {q.id for q in latest("extended_screening").questions()}
    for topic in ("doctor_statement", "protective_factors", "sleeping_place", "regional_ties",
                  "asylum_applied", "dublin_claim", "dublin_country", "has_v_number",
                  "willing_v_number", "other_provision", "has_lawyer", "children_count",
                  "health_general", "education_level", "work_fields", "interests",
                  "languages", "reads_latin_script", "perspective_wish",
                  "consent_data_exchange", "consent_insurance"):
        assert topic in ids


def test_every_question_type_is_used_by_the_shipped_questionnaires() -> None:
    used = {q.type for qid in ("short_intake", "extended_screening")
            for q in latest(qid).questions()}
    assert used == set(QuestionType)


def _broken(data: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    change(data)
    return data


def _q(data: dict[str, Any], section: int, index: int) -> dict[str, Any]:
    return data["sections"][section]["questions"][index]


BROKEN: list[tuple[str, Callable[[dict[str, Any]], None], str | None, str, str]] = [
    ("unknown type", lambda d: _q(d, 0, 3).update(type="datum"), "children",
     "sections/0/questions/3/type", "'datum' is not one of"),
    ("misspelt key", lambda d: _q(d, 0, 1).update(tekst="x"), "notes",
     "sections/0/questions/1", "'tekst' was unexpected"),
    ("missing text", lambda d: _q(d, 0, 1).pop("text"), "notes",
     "sections/0/questions/1", "'text' is a required property"),
    ("choice without choices", lambda d: _q(d, 1, 0).pop("choices"), "status",
     "sections/1/questions/0", "needs 'choices'"),
    ("choices on a text", lambda d: _q(d, 0, 0).update(choices=_q(d, 1, 0)["choices"]),
     "name", "sections/0/questions/0/choices", "has no 'choices'"),
    ("duplicate id", lambda d: _q(d, 0, 1).update(id="name"), "name",
     "sections/0/questions/1/id", "used twice"),
    ("duplicate choice", lambda d: _q(d, 1, 0)["choices"][1].update(value="a"), "status",
     "sections/1/questions/0/choices", "'a' is used twice"),
    ("min above max", lambda d: _q(d, 0, 3).update(min=30), "children",
     "sections/0/questions/3/min", "larger than 'max'"),
    ("min on a text", lambda d: _q(d, 0, 0).update(min=3), "name",
     "sections/0/questions/0/min", "does not apply"),
    ("condition on a later question",
     lambda d: _q(d, 0, 0).update(show_if={"question": "status", "equals": "a"}), "name",
     "sections/0/questions/0/show_if", "does not exist before this point"),
    ("condition on an unknown question",
     lambda d: _q(d, 1, 0).update(show_if={"question": "nope", "answered": True}), "status",
     "sections/1/questions/0/show_if", "'nope'"),
    ("condition with an impossible value",
     lambda d: _q(d, 1, 5).update(show_if={"any": [{"question": "name", "answered": True},
                                                  {"question": "status", "equals": "c"}]}),
     "languages", "sections/1/questions/5/show_if/any/1",
     "'c' is not a possible answer of 'status'"),
    ("contains on a single choice",
     lambda d: _q(d, 1, 2).update(show_if={"question": "status", "contains": "a"}),
     "needs_other", "sections/1/questions/2/show_if", "only works on a multiple_choice"),
    ("unknown country list",
     lambda d: _q(d, 1, 4).update(show_if={"question": "country", "in_list": "moon"}),
     "eu_reason", "sections/1/questions/4/show_if", "no country list called 'moon'"),
    ("malformed condition",
     lambda d: _q(d, 1, 4).update(show_if={"question": "country", "equals": "NL", "in": ["BE"]}),
     "eu_reason", "sections/1/questions/4/show_if", "exactly one operator"),
    ("nested malformed condition",
     lambda d: _q(d, 1, 4).update(show_if={"all": [{"question": "country", "answered": True},
                                                  {"not": {"question": "country"}}]}),
     "eu_reason", "sections/1/questions/4/show_if/all/1/not", "exactly one operator"),
    ("bad version", lambda d: d.update(version="one"), None, "version", "not of type 'integer'"),
]

@pytest.mark.parametrize(("case", "change", "item", "location", "words"), BROKEN,
                         ids=[b[0] for b in BROKEN])
def test_a_broken_file_names_file_question_and_path(
        case: str, change: Callable[[dict[str, Any]], None], item: str | None, location: str,
        words: str, small_data: dict[str, Any], write_yaml: Callable[[str, Any], Path]) -> None:
    path = write_yaml("small.v1.yaml", _broken(small_data, change))
    with pytest.raises(QuestionnaireFileError) as caught:
        load_questionnaire_file(path, load_country_lists())
    err = caught.value
    assert err.file == "small.v1.yaml"
    assert err.item == item
    assert err.location == location
    assert words in str(err)
    assert str(err).startswith("small.v1.yaml")
    if item:
        assert f"question '{item}'" in str(err)


def test_yaml_syntax_error_names_the_line(write_yaml: Callable[[str, Any], Path]) -> None:
    path = write_yaml("small.v1.yaml", "id: small\nversion: 1\nsections: [\n  - {id: x\n")
    with pytest.raises(QuestionnaireFileError, match=r"small\.v1\.yaml \(at line \d+\): not valid"):
        load_questionnaire_file(path)


def test_file_name_and_contents_must_agree(small_data: dict[str, Any],
                                           write_yaml: Callable[[str, Any], Path]) -> None:
    path = write_yaml("small.v2.yaml", small_data)
    with pytest.raises(QuestionnaireFileError, match="file name says small version 2"):
        load_questionnaire_file(path)


def test_a_badly_named_file_is_refused(tmp_path: Path, small_data: dict[str, Any],
                                       write_yaml: Callable[[str, Any], Path]) -> None:
    write_yaml("small.yaml", small_data)
    with pytest.raises(QuestionnaireFileError, match="<id>.v<version>.yaml"):
        Registry(tmp_path, lists={})


def test_norway_must_be_quoted_in_country_lists(write_yaml: Callable[[str, Any], Path]) -> None:
    path = write_yaml("country_lists.yaml", "lists:\n  nordic:\n    countries: [SE, NO]\n")
    with pytest.raises(QuestionnaireFileError) as caught:
        load_country_lists(path)
    assert caught.value.item == "nordic"
    assert caught.value.location == "lists/nordic/countries/1"
    assert "False is not an ISO 3166" in str(caught.value)


def test_old_versions_stay_loadable(tmp_path: Path, small_data: dict[str, Any],
                                    write_yaml: Callable[[str, Any], Path]) -> None:
    shutil.copy(COUNTRY_LISTS_FILE, tmp_path / COUNTRY_LISTS_FILE.name)
    write_yaml("small.v1.yaml", small_data)
    newer = dict(small_data, version=2, title="Small, second version")
    newer["sections"] = [small_data["sections"][1]]
    write_yaml("small.v2.yaml", newer)
    registry = Registry(tmp_path)
    assert registry.versions("small") == [1, 2]
    assert registry.latest("small").version == 2
    old = registry.load("small", 1)
    assert old.title == "Small" and old.question("name").required
    with pytest.raises(KeyError):
        registry.latest("small").question("name")
    with pytest.raises(UnknownQuestionnaire, match="version 3 is not installed"):
        registry.load("small", 3)
    with pytest.raises(UnknownQuestionnaire):
        registry.latest("nothing")


def test_the_package_loads_without_jsonschema_or_yaml() -> None:
    """Issue 17: the window's start (Today, the command line's parser) imports the
    questionnaire package; jsonschema and PyYAML load only when a file is read."""
    import subprocess
    import sys

    code = ("import sys, app.questionnaire, app.questionnaire.triage; "
            "print(sorted(m for m in ('jsonschema', 'yaml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.strip() == "[]"
