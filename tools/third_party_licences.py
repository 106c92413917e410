"""Write the list of third-party licences shipped with Wegwijs (Help → About shows it).

Made from the installed packages' own metadata (``importlib.metadata``): every distribution
Wegwijs needs at run time, followed through their requirements, with its version, its licence
and the licence files it ships; then the C libraries those wheels carry inside them, and the
fonts in ``resources/fonts``. The bundle build (``packaging/build.py``) runs it on the
environment it bundles, so the list names exactly the versions inside.

    python tools/third_party_licences.py            # writes resources/licences/third-party.txt
    python tools/third_party_licences.py --check    # exit 1 if the file is not up to date
"""

from __future__ import annotations

import argparse
import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "resources" / "licences" / "third-party.txt"
FONT_LICENCE = ROOT / "resources" / "fonts" / "OFL.txt"
LICENCE_FILE = re.compile(r"(^|/)(LICEN[CS]E|COPYING|NOTICE)[^/]*$", re.I)
# Test tools and distributions that are installed beside Wegwijs but not bundled.
NOT_BUNDLED = {"pyside6-webengine"}

# Libraries compiled into the wheels above, which their metadata does not list separately.
EMBEDDED = [
    ("Python", "the interpreter inside the bundle", "PSF-2.0 (Python Software Foundation "
     "License)", "https://docs.python.org/3/license.html"),
    ("Qt 6", "inside PySide6-Essentials, PySide6-Addons and PySide6-Pdf (widgets, printing, "
     "the PDF preview)", "LGPL-3.0-only (text under psycopg below); Wegwijs links it "
     "dynamically, so it can be replaced", "https://www.qt.io/licensing/open-source-lgpl-obligations"),
    ("SQLCipher and SQLite", "compiled into sqlcipher3", "BSD-3-Clause (SQLCipher, Zetetic "
     "LLC); SQLite is in the public domain", "https://www.zetetic.net/sqlcipher/license/"),
    ("OpenSSL libcrypto", "compiled into sqlcipher3 for SQLCipher's encryption",
     "Apache-2.0", "https://www.openssl.org/source/license.html"),
    ("HarfBuzz", "compiled into uharfbuzz (text shaping)", "MIT (\"Old MIT\")",
     "https://github.com/harfbuzz/harfbuzz/blob/main/COPYING"),
    ("libargon2", "compiled into argon2-cffi-bindings", "CC0-1.0 or Apache-2.0",
     "https://github.com/P-H-C/phc-winner-argon2/blob/master/LICENSE"),
    ("libpq", "inside psycopg-binary (PostgreSQL client)", "PostgreSQL License",
     "https://www.postgresql.org/about/licence/"),
]


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared_dependencies(extra: str | None = None) -> list[str]:
    """The names pyproject.toml lists (its run-time dependencies, or those of ``extra``), read
    from the file: an editable install's metadata keeps the list of when it was installed."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return [re.split(r"[\s;<>=!\[~(]", r, maxsplit=1)[0] for r in listed]


def runtime_distributions(root: str = "wegwijs") -> list[metadata.Distribution]:
    """``root``'s distribution's run-time requirements, followed to the end, without extras."""
    seen: dict[str, metadata.Distribution] = {}

    def follow(name: str) -> None:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            return  # a requirement for another system (e.g. pywin32 on Linux)
        key = _key(dist.metadata["Name"])
        if key in seen:
            return
        seen[key] = dist
        for requirement in dist.requires or []:
            if "extra ==" in requirement:
                continue
            follow(re.split(r"[\s;<>=!\[~(]", requirement, maxsplit=1)[0])

    follow(root)
    for name in declared_dependencies():
        follow(name)
    seen.pop(_key(root), None)
    for key in NOT_BUNDLED:
        seen.pop(key, None)
    return [seen[k] for k in sorted(seen)]


def licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) < 80:
        return text
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    return "; ".join(classifiers) or "see its licence text below"


def licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    """(file name, text) of the licence files the distribution ships."""
    texts = []
    for file in dist.files or []:
        if LICENCE_FILE.search(str(file)) and not str(file).endswith((".py", ".pyc")):
            try:
                texts.append((Path(str(file)).name, file.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError):
                continue
    return texts


def render() -> str:
    from app import __version__

    dists = runtime_distributions()
    lines = [
        f"Wegwijs {__version__}: third-party software and fonts",
        "=" * 60,
        "",
        "Wegwijs itself is licensed under the EUPL-1.2. It contains the following software and",
        "fonts, each under its own licence. This list is made by tools/third_party_licences.py",
        "from the installed packages' metadata.",
        "",
        "Python packages",
        "---------------",
    ]
    width = max(len(d.metadata["Name"]) for d in dists)
    for dist in dists:
        lines.append(f"{dist.metadata['Name']:<{width}}  {dist.version:<12}  {licence_of(dist)}")
    lines += ["", "Libraries compiled into those packages", "-" * 38]
    for name, where, licence, url in EMBEDDED:
        lines.append(f"{name}: {where}. Licence: {licence}. {url}")
    lines += ["", "Fonts", "-----",
              "Noto Sans, Noto Naskh Arabic and Noto Sans Ethiopic (resources/fonts), SIL Open "
              "Font License 1.1:", "", FONT_LICENCE.read_text(encoding="utf-8").strip(), "",
              "Pictograms (resources/pictograms): made for Wegwijs, under its own licence "
              "(EUPL-1.2).", "", "Licence texts", "-------------"]
    for dist in dists:
        for file_name, text in licence_texts(dist):
            lines += ["", f"== {dist.metadata['Name']} {dist.version}: {file_name} ==", "",
                      text.strip()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when the file differs from what would be written")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is not up to date: run tools/third_party_licences.py")
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
