"""The third-party licence list: made from the installed packages, naming each run-time
dependency and the fonts; Help → About reads it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from app import PROJECT_ROOT, licences

sys.path.insert(0, str(PROJECT_ROOT / "tools"))
import third_party_licences  # noqa: E402


def _direct_dependencies() -> list[str]:
    return third_party_licences.declared_dependencies()


def test_the_tool_lists_every_dependency_with_its_licence_text() -> None:
    text = third_party_licences.render()
    listed = {third_party_licences._key(d.metadata["Name"])
              for d in third_party_licences.runtime_distributions()}
    for name in _direct_dependencies():
        assert third_party_licences._key(name) in listed, name
    assert "pytest" not in listed and "hypothesis" not in listed  # test tools are not inside
    assert "== SQLAlchemy" in text and "Permission is hereby granted" in text
    assert "SIL OPEN FONT LICENSE" in text.upper()
    assert "HarfBuzz" in text and "SQLCipher" in text


def test_the_committed_list_names_every_dependency(tmp_path: Path) -> None:
    shipped = licences.third_party_text()
    for name in _direct_dependencies():
        assert re.search(rf"^{re.escape(name)}\s", shipped, re.I | re.M), name
    out = tmp_path / "list.txt"
    assert third_party_licences.main(["--out", str(out)]) == 0
    assert third_party_licences.main(["--check", "--out", str(out)]) == 0
    out.write_text("old", encoding="utf-8")
    assert third_party_licences.main(["--check", "--out", str(out)]) == 1


def test_version_line_names_the_version() -> None:
    from app import __version__

    assert __version__ in licences.version_line()
