"""Fixtures for the questionnaire engine: small questionnaires written to a temporary folder."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.questionnaire.country_lists import load_country_lists
from app.questionnaire.model import Questionnaire
from app.questionnaire.schema import parse_questionnaire

SMALL: dict[str, Any] = {
    "id": "small",
    "version": 1,
    "title": "Small",
    "sections": [
        {"id": "one", "title": "One", "questions": [
            {"id": "name", "type": "text", "text": "Name", "required": True},
            {"id": "notes", "type": "long_text", "text": "Notes"},
            {"id": "born", "type": "date", "text": "Born", "not_in_future": True,
             "required": True},
            {"id": "children", "type": "number", "text": "Children", "integer": True,
             "min": 0, "max": 20},
            {"id": "kids_here", "type": "yes_no_unknown", "text": "Kids here?",
             "required": True, "show_if": {"question": "children", "at_least": 1}},
        ]},
        {"id": "two", "title": "Two", "questions": [
            {"id": "status", "type": "single_choice", "text": "Status", "required": True,
             "choices": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]},
            {"id": "needs", "type": "multiple_choice", "text": "Needs",
             "choices": [{"value": "food", "label": "Food"}, {"value": "bed", "label": "Bed"},
                         {"value": "other", "label": "Other"}]},
            {"id": "needs_other", "type": "text", "text": "Other need", "required": True,
             "show_if": {"question": "needs", "contains": "other"}},
            {"id": "country", "type": "country", "text": "Country", "required": True},
            {"id": "eu_reason", "type": "long_text", "text": "Why?",
             "show_if": {"question": "country", "in_list": "eu_eea"}},
            {"id": "languages", "type": "language_with_reading", "text": "Languages"},
        ]},
    ],
}


@pytest.fixture
def small_data() -> dict[str, Any]:
    return copy.deepcopy(SMALL)


@pytest.fixture
def small(small_data: dict[str, Any]) -> Questionnaire:
    return parse_questionnaire(small_data, Path("small.v1.yaml"), load_country_lists())


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, Any], Path]:
    def write(name: str, data: Any) -> Path:
        path = tmp_path / name
        text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
        return path
    return write
