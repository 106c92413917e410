"""Data that passed its JSON schema is not checked again; a problem is never recorded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.questionnaire import checked, schema
from app.questionnaire.errors import QuestionnaireFileError
from app.questionnaire.schema import SCHEMA_FILE, read_yaml, schema_check

SHIPPED = sorted(SCHEMA_FILE.parent.glob("short_intake.v*.yaml"))[-1]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WEGWIJS_CACHE_DIR", str(tmp_path))
    return tmp_path / "questionnaires"


def _no_validator(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(schema_file: Path):  # noqa: ANN202
        raise AssertionError("checked again")

    monkeypatch.setattr(schema, "_validator", refuse)


def test_passed_data_is_not_checked_again(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = read_yaml(SHIPPED)
    schema_check(data, SHIPPED, SCHEMA_FILE)
    assert len(list(cache.glob("*.checked"))) == 1
    _no_validator(monkeypatch)
    schema_check(data, SHIPPED, SCHEMA_FILE)  # the record stands for the check


def test_changed_data_or_schema_is_checked(cache: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    data = read_yaml(SHIPPED)
    schema_check(data, SHIPPED, SCHEMA_FILE)
    other_schema = tmp_path / "schema.json"
    other_schema.write_text(SCHEMA_FILE.read_text() + "\n")
    changed = dict(data, title={"en": "Another title"})
    _no_validator(monkeypatch)
    for d, s in ((changed, SCHEMA_FILE), (data, other_schema)):
        with pytest.raises(AssertionError, match="checked again"):
            schema_check(d, SHIPPED, s)


def test_a_problem_is_never_recorded(cache: Path) -> None:
    data = dict(read_yaml(SHIPPED))
    del data["sections"]
    for _ in range(2):
        with pytest.raises(QuestionnaireFileError):
            schema_check(data, SHIPPED, SCHEMA_FILE)
    assert not cache.exists() or not list(cache.glob("*.checked"))


def test_data_json_cannot_write_is_simply_checked(cache: Path) -> None:
    assert checked.digest({1: "a", "b": 2}, SCHEMA_FILE) is None
    with pytest.raises(QuestionnaireFileError):
        schema_check({1: "a", "b": 2}, SHIPPED, SCHEMA_FILE)


def test_a_second_start_reads_the_questionnaires_without_jsonschema(tmp_path: Path) -> None:
    """Issue 17: from the second start on, jsonschema is not loaded to read them."""
    code = ("import sys; from app.questionnaire.registry import default_registry; "
            "default_registry(); print('jsonschema' in sys.modules)")
    env = {"WEGWIJS_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           timeout=120, check=True, env=env).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"]
