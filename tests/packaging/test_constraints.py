"""constraints.txt pins every package Wegwijs and its tests install (issue 16): a dependency
added to pyproject.toml without a pin would come in at whatever version is newest that day."""

from __future__ import annotations

import re
import sys

from app import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "tools"))
from third_party_licences import (  # noqa: E402
    _key,
    declared_dependencies,
    runtime_distributions,
)

CONSTRAINTS = PROJECT_ROOT / "constraints.txt"


def pinned() -> dict[str, str]:
    found = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line.strip())
        if match:
            found[_key(match[1])] = match[2]
    return found


def test_every_dependency_and_test_tool_is_pinned() -> None:
    pins = pinned()
    wanted = {_key(d.metadata["Name"]) for d in runtime_distributions()}
    wanted |= {_key(name) for name in declared_dependencies() + declared_dependencies("test")}
    wanted |= {"pyinstaller", "pyinstaller-hooks-contrib"}
    missing = sorted(wanted - set(pins))
    assert not missing, (f"not in constraints.txt: {missing}; add the versions the tests passed "
                         "with (see its header)")


def test_only_exact_pins() -> None:
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            assert re.fullmatch(r"[A-Za-z0-9_.-]+==[A-Za-z0-9_.+!-]+", line), line
