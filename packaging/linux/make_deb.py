"""The ``.deb`` of the Linux bundle, made with Debian's ``dpkg-deb``.

The bundle (``dist/wegwijs``, from ``packaging/build.py``) goes to ``/opt/wegwijs``;
``/usr/bin/wegwijs`` is a link to its executable (the window without arguments, the
commands with them), with a desktop entry and the icon in the menu. The package holds no
data: each user's database stays in their own data folder, and removing the package never
touches it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

# The libraries the bundle takes from the system (ldd of every library in it, less those it
# carries): the C library, OpenGL/EGL and the X and Wayland client libraries, which belong
# to the system's graphics stack and must match it.
DEPENDS = "libc6 (>= 2.36), libegl1, libgl1, libxcb1, libdrm2, libwayland-client0"
RECOMMENDS = "fonts-noto-core, cups-client"
MAINTAINER = "Stem in de Stad <wegwijs@stemindestad.nl>"


def make_deb(bundle: Path, out: Path, *, arch: str = "amd64") -> Path:
    """Build ``wegwijs_<version>_<arch>.deb`` from ``bundle`` into ``out``; its path."""
    from app import __version__

    if not (bundle / "wegwijs").is_file():
        raise SystemExit(f"no bundle at {bundle}: run packaging/build.py first")
    root = out / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    opt = root / "opt" / "wegwijs"
    shutil.copytree(bundle, opt, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    os.symlink("/opt/wegwijs/wegwijs", root / "usr" / "bin" / "wegwijs")
    _put(HERE / "wegwijs.desktop", root / "usr/share/applications/wegwijs.desktop")
    _put(ROOT / "packaging/icons/wegwijs.png",
         root / "usr/share/icons/hicolor/256x256/apps/wegwijs.png")
    _put(ROOT / "packaging/icons/wegwijs.svg",
         root / "usr/share/icons/hicolor/scalable/apps/wegwijs.svg")
    doc = root / "usr/share/doc/wegwijs"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "Wegwijs, by Stem in de Stad (Haarlem). Licence: EUPL-1.2.\n"
        "The third-party software and fonts inside, with their licences:\n"
        "/opt/wegwijs/_internal/resources/licences/third-party.txt\n", encoding="utf-8")
    size_kib = sum(f.stat().st_size for f in root.rglob("*") if f.is_file()
                   and not f.is_symlink()) // 1024
    control = root / "DEBIAN"
    control.mkdir()
    (control / "control").write_text(
        f"Package: wegwijs\nVersion: {__version__}\nArchitecture: {arch}\n"
        f"Maintainer: {MAINTAINER}\nInstalled-Size: {size_kib}\nDepends: {DEPENDS}\n"
        f"Recommends: {RECOMMENDS}\nSection: misc\nPriority: optional\n"
        "Homepage: https://stemindestad.nl/\n"
        "Description: case files, bilingual contact cards and perspective plans\n"
        " Wegwijs keeps the case files of newcomers on an office laptop, encrypted\n"
        " (SQLCipher), and prints contact cards in Dutch beside the newcomer's own\n"
        " language. Everything it needs is inside /opt/wegwijs; the data stays in\n"
        " each user's own data folder and is never removed with the package.\n",
        encoding="utf-8")
    for path in root.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)
    deb = out / f"wegwijs_{__version__}_{arch}.deb"
    deb.unlink(missing_ok=True)
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zzstd", "-z3", "--build", str(root),
                    str(deb)], check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(root)
    return deb


def _put(source: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, dest)
