"""Build the Wegwijs bundle for this system with PyInstaller (and on Linux its ``.deb``).

    python packaging/build.py          # dist/wegwijs/ (Windows, Linux) or dist/Wegwijs.app
    python packaging/build.py --deb    # Linux: also dist/wegwijs_<version>_<arch>.deb
    python packaging/build.py --installer   # also the system's installer: the .deb on
                                            # Linux, Wegwijs-<version>-setup.exe (NSIS) on
                                            # Windows, Wegwijs-<version>.dmg on macOS

Run it with the Python of a virtual environment made from ``constraints.txt``:

    PIP_CONSTRAINT=constraints.txt pip install -e . pyinstaller pyinstaller-hooks-contrib

Before PyInstaller runs, the catalogues are compiled (``build/staging/translations``: each
``.po`` with its ``.mo`` under the hash of the ``.po``, see ``app.i18n.shipped_mo_path``) and
the third-party licence list is made again from the environment being bundled.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STAGING = ROOT / "build" / "staging"
DIST = ROOT / "dist"
SPECS = {"linux": "linux/wegwijs.spec", "win32": "windows/wegwijs.spec",
         "darwin": "macos/wegwijs.spec"}


def stage_catalogues() -> int:
    """Copy every ``.po`` into the staging folder with its compiled ``.mo``; returns how many."""
    from app.i18n import compile_catalogue, shipped_mo_path

    target = STAGING / "translations"
    shutil.rmtree(target, ignore_errors=True)
    count = 0
    for po in sorted((ROOT / "translations").glob("*/*.po")):
        domain, lang = po.parent.name, po.stem
        dest = target / domain / po.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        source = po.read_bytes()
        dest.write_bytes(source)
        shipped_mo_path(dest, source).write_bytes(compile_catalogue(source, domain, lang))
        count += 1
    return count


def licences() -> None:
    subprocess.run([sys.executable, str(ROOT / "tools" / "third_party_licences.py")],
                   check=True)


def pyinstaller(spec: str) -> None:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "--distpath", str(DIST),
                    "--workpath", str(ROOT / "build" / "pyinstaller"),
                    str(ROOT / "packaging" / spec)], check=True, cwd=ROOT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deb", action="store_true", help="Linux: also make the .deb")
    parser.add_argument("--installer", action="store_true",
                        help="also make this system's installer (.deb, NSIS setup, .dmg)")
    parser.add_argument("--skip-bundle", action="store_true",
                        help="reuse dist/wegwijs as it is (only make the .deb)")
    args = parser.parse_args(argv)
    system = "linux" if sys.platform.startswith("linux") else sys.platform
    if system not in SPECS:
        parser.error(f"no bundle recipe for {sys.platform}")
    started = time.monotonic()
    if not args.skip_bundle:
        print(f"catalogues compiled: {stage_catalogues()}")
        licences()
        pyinstaller(SPECS[system])
        print(f"bundle: {DIST / ('Wegwijs.app' if system == 'darwin' else 'wegwijs')} "
              f"({time.monotonic() - started:.0f} s)")
    if args.installer and system == "win32":
        print(f"installer: {nsis_installer()}")
    if args.installer and system == "darwin":
        subprocess.run(["sh", str(ROOT / "packaging" / "macos" / "make_dmg.sh")], check=True)
    if args.deb or (args.installer and system == "linux"):
        if system != "linux":
            parser.error("--deb is for Linux")
        sys.path.insert(0, str(ROOT / "packaging" / "linux"))
        from make_deb import make_deb

        deb = make_deb(DIST / "wegwijs", DIST, arch=_deb_arch())
        print(f"package: {deb} ({deb.stat().st_size / 2**20:.0f} MiB)")
    return 0


def nsis_installer() -> Path:
    """Windows: dist/Wegwijs-<version>-setup.exe from packaging/windows/wegwijs.nsi."""
    sys.path.insert(0, str(ROOT / "packaging"))
    from bundle_spec import version

    makensis = shutil.which("makensis") or r"C:\Program Files (x86)\NSIS\makensis.exe"
    out = DIST / f"Wegwijs-{version()}-setup.exe"
    subprocess.run([makensis, "/V2", f"/DVERSION={version()}", f"/DDIST={DIST / 'wegwijs'}",
                    f"/DOUT={out}", f"/DICON={ROOT / 'packaging' / 'icons' / 'wegwijs.ico'}",
                    str(ROOT / "packaging" / "windows" / "wegwijs.nsi")], check=True)
    return out


def _deb_arch() -> str:
    if shutil.which("dpkg"):
        return subprocess.run(["dpkg", "--print-architecture"], capture_output=True,
                              text=True, check=True).stdout.strip()
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")  # the same bytes from the same sources
    sys.exit(main())
