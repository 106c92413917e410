"""Which questionnaire data already passed its JSON schema on this computer.

Checking the shipped questionnaires against their JSON schema (jsonschema) costs about a tenth
of a second of every start, for files that do not change between starts (issue 17). A check
that passes leaves an empty file named after the SHA-256 of the schema and the data in the
user's cache folder; the same schema with the same data is not checked again. Changed data or a
changed schema have another digest and are checked; a problem is never recorded, so it is
reported every time. Nothing personal is kept: digests of questionnaire files only. An
unwritable cache folder only costs the time of the check.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any


def digest(data: Any, schema_file: Path) -> str | None:  # noqa: ANN401 - parsed YAML
    """The digest of ``data`` checked against ``schema_file``; None when it has none (data
    JSON cannot write, such as mixed key types: then it is simply checked)."""
    try:
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=repr)
        schema = schema_file.read_bytes()
    except (TypeError, ValueError, OSError):
        return None
    found = hashlib.sha256(schema)
    found.update(b"\0")
    found.update(text.encode("utf-8", "surrogatepass"))
    return found.hexdigest()


def _mark(key: str) -> Path:
    from app.locations import cache_dir

    return cache_dir() / "questionnaires" / f"{key}.checked"


def already_checked(key: str) -> bool:
    try:
        return _mark(key).is_file()
    except OSError:
        return False


def remember(key: str) -> None:
    """Record that the data with this digest passed its schema."""
    try:
        path = _mark(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    except OSError:
        pass  # an unwritable cache only costs time
