"""Module attributes imported on first use (PEP 562), for packages whose parts are costly to
load and not always needed (``app.store``, ``app.documents``)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def attributes(package: str, where: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that imports ``where[name]`` on first use and
    keeps the value as an ordinary module attribute afterwards."""

    def __getattr__(name: str) -> Any:  # noqa: ANN401, N807 - PEP 562 module attribute
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(importlib.import_module(package), name, value)
        return value

    return __getattr__
