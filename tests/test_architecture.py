"""The layer rules of ARCHITECTURE.md, checked by walking every import of app/ and ui/.

Each rule names a folder, and the modules it must never import. An import inside
``if TYPE_CHECKING:`` is for the type checker only and does not count.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Rule:
    folder: str  # a dotted package: the rule holds for every module in it
    never: tuple[str, ...]  # dotted prefixes it must not import
    why: str
    allow: tuple[str, ...] = ()  # named exceptions to ``never``
    exempt: tuple[str, ...] = ()  # modules of the folder the rule does not bind


RULES = (
    Rule("app", ("PySide6", "shiboken6", "ui"), "app/ is the product without a screen"),
    Rule("app.store", ("app.services", "app.access", "app.privacy", "app.printing",
                       "app.documents", "app.questionnaire", "app.cli"),
         "the store is the bottom layer: it knows keys and tables, nothing above"),
    Rule("app.documents", ("app.store", "app.services", "app.access", "app.privacy",
                           "app.printing", "sqlalchemy", "app.cli"),
         "documents take plain data and return PDF bytes"),
    Rule("app.questionnaire", ("app.store", "app.services", "app.access", "app.privacy",
                               "app.printing", "app.documents", "sqlalchemy", "app.cli"),
         "the questionnaire engine is pure"),
    Rule("app.services", ("app.privacy", "app.printing", "app.cli"),
         "services are the one write path; the tools above them call them, not the reverse",
         allow=("app.printing.card_contents",)),  # pure merge rules, no store, no services
    Rule("app.exchange", ("app.privacy", "app.printing", "app.documents", "app.questionnaire",
                          "app.cli"),
         "the exchange moves rows between laptops; the tools above it call it, not the reverse"),
    Rule("app.printing.quick_card", ("sqlalchemy", "app.store.models", "app.services"),
         "the card command reads its rows without the ORM"),
    Rule("app.store.people_reader", ("sqlalchemy", "app.store.models", "app.services",
                                     "app.access"),
         "the People list at start-up is read before the ORM is imported"),
    Rule("app.search_words", ("sqlalchemy", "app.store", "app.services", "app.access"),
         "what a query means is shared with the ORM-free People reader"),
    Rule("app.access.quick_start", ("sqlalchemy", "app.store.models", "app.services"),
         "the main window's first data is read before the ORM is imported"),
    Rule("app.cli_options", ("sqlalchemy", "app.store", "app.services", "app.access", "app.cli"),
         "the window's arguments are parsed without the commands and the database layer"),
    Rule("ui", ("sqlalchemy", "app.store.models"),
         "screens hold no SQL; they call services through ui.session.operations"),
    Rule("ui", ("app.cli",), "only the wegwijs command and the window's start use the CLI",
         exempt=("ui.session.command", "ui.session.start")),
    Rule("ui.widgets", ("ui.session", "ui.office", "ui.person", "ui.settings"),
         "building blocks know no screen (only the write path's bridge, ui.session.operations)",
         allow=("ui.session.operations",)),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, dotted name) of every import that runs, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module_name(path) if path.name == "__init__.py" else \
        module_name(path).rpartition(".")[0]
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.extend((child.lineno, alias.name) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                # "from x import y" imports x.y (or the name y of x: under x either way)
                found.extend((child.lineno, f"{base}.{alias.name}") for alias in child.names)
            visit(child)

    visit(tree)
    return found


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def violations(root: Path = ROOT, rules: tuple[Rule, ...] = RULES) -> list[str]:
    out = []
    for top in ("app", "ui"):
        for path in sorted((root / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(
                ".__init__")
            for rule in rules:
                if name != rule.folder and not name.startswith(rule.folder + "."):
                    continue
                if name in rule.exempt:
                    continue
                seen: set[int] = set()
                for line, imported in imports_at(path, root):
                    if line not in seen and _within(imported, rule.never) \
                            and not _within(imported, rule.allow):
                        seen.add(line)  # one line, one finding ("from x import y" is x and x.y)
                        out.append(f"{path.relative_to(root)}:{line} imports {imported}: "
                                   f"{rule.why}")
    return sorted(out)


def imports_at(path: Path, root: Path) -> list[tuple[int, str]]:
    global ROOT  # noqa: PLW0603 - module_name works relative to the tree being checked
    saved, ROOT = ROOT, root
    try:
        return imports(path)
    finally:
        ROOT = saved


def test_every_layer_rule_holds() -> None:
    assert violations() == []


def test_a_wrong_import_is_caught(tmp_path: Path) -> None:
    for folder, text in (
            ("app", ""), ("app/store", "from app.services import persons\n"),
            ("app/documents", "import sqlalchemy\n"),
            ("ui", ""), ("ui/widgets", "from ui.person import person_window\n")):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "__init__.py").write_text("")
        if text:
            (tmp_path / folder / "wrong.py").write_text(text)
    (tmp_path / "app" / "screen.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import ui.forms\n"
        "def f():\n    from PySide6.QtWidgets import QLabel\n")
    (tmp_path / "ui" / "sql.py").write_text("from . import widgets\nimport sqlalchemy.orm\n")
    found = violations(tmp_path)
    assert len(found) == 5, found
    assert any("app/screen.py:5 imports PySide6.QtWidgets" in v for v in found)
    assert not any("ui.forms" in v for v in found)  # only for the type checker
    assert any("app/store/wrong.py:1 imports app.services" in v for v in found)
    assert any("app/documents/wrong.py:1 imports sqlalchemy" in v for v in found)
    assert any("ui/widgets/wrong.py:1 imports ui.person" in v for v in found)
    assert any("ui/sql.py:2 imports sqlalchemy.orm" in v for v in found)
