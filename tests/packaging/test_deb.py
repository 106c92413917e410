"""The Linux bundle as a coordinator gets it: the ``.deb`` installed on this machine, run with
no Python of the project anywhere on the path.

``packaging/build.py --deb`` makes the package; ``.ci/run`` builds it before the tests and
names it in ``WEGWIJS_DEB``. Without that variable the test is skipped (a build takes about
a minute); installing needs root (``dpkg -i``), as CI runs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

import tests.end2end.conftest as e2e
from tests.end2end.conftest import Program, display  # noqa: F401 - the X server fixture
from tests.end2end.test_first_day import MAIN, OFFICE_PASSPHRASE, PASSWORD, UNLOCK, still_up

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

INSTALLED = Path("/opt/wegwijs")
COMMAND = Path("/usr/bin/wegwijs")
CLEAN_PATH = "/usr/local/bin:/usr/bin:/bin"


@pytest.fixture(scope="module")
def installed() -> Iterator[Path]:
    """The .deb in ``WEGWIJS_DEB``, installed with dpkg; removed again afterwards."""
    deb = os.environ.get("WEGWIJS_DEB")
    if not deb:
        pytest.skip("set WEGWIJS_DEB to a .deb made by packaging/build.py --deb (.ci/run does)")
    if not Path(deb).is_file():
        pytest.fail(f"WEGWIJS_DEB names {deb}, which does not exist")
    if os.geteuid() != 0 or shutil.which("dpkg") is None:
        pytest.skip("installing a .deb needs root and dpkg")
    result = subprocess.run(["dpkg", "-i", deb], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    try:
        yield Path(deb)
    finally:
        subprocess.run(["dpkg", "-r", "wegwijs"], capture_output=True, timeout=300)


def clean_env(home: Path) -> dict[str, str]:
    """A user's environment: no virtual environment, no PYTHONPATH, only the system's path."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "VIRTUAL_ENV", "WEGWIJS_", "QT_"))}
    env.update(PATH=CLEAN_PATH, HOME=str(home), LANG="nl_NL.UTF-8",
               WEGWIJS_DATA_DIR=str(home / "data"), WEGWIJS_CACHE_DIR=str(home / "cache"))
    return env


def test_the_package_holds_everything_the_program_needs(installed: Path) -> None:
    listing = subprocess.run(["dpkg", "-L", "wegwijs"], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    assert str(COMMAND) in listing
    assert "/usr/share/applications/wegwijs.desktop" in listing
    assert "/usr/share/icons/hicolor/256x256/apps/wegwijs.png" in listing
    assert COMMAND.resolve() == INSTALLED / "wegwijs"
    inside = INSTALLED / "_internal"
    for part in (
            "sqlcipher3", "uharfbuzz", "PySide6/Qt/lib/libQt6Pdf.so.6",
            "PySide6/Qt/lib/libQt6PrintSupport.so.6",
            "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
            "PySide6/Qt/plugins/platforms/libqxcb.so",
            "resources/fonts/NotoNaskhArabic-Regular.ttf", "resources/fonts/OFL.txt",
            "resources/pictograms/doctor.svg", "resources/licences/third-party.txt",
            "app/store/migrations/env.py", "app/store/migrations/versions/0001_initial_schema.py"):
        assert (inside / part).exists(), part
    # the catalogues arrive compiled, each under the hash of its .po
    for domain in ("wegwijs", "documents", "questionnaire"):
        assert list((inside / "translations" / domain).glob("ar.*.mo")), domain
    desktop = Path("/usr/share/applications/wegwijs.desktop").read_text(encoding="utf-8")
    assert "Exec=wegwijs" in desktop and "Terminal=false" in desktop
    # every library in the bundle finds the libraries it links to (inside it, or the system's
    # graphics stack that the package depends on); the Wayland plugins need Wayland's own
    # libraries, which a Wayland desktop has and this machine does not
    missing = set()
    for library in inside.rglob("*.so*"):
        if "wayland" in str(library).lower() or library.name.startswith("libqgtk3"):
            continue
        out = subprocess.run(["ldd", str(library)], capture_output=True, text=True,
                             env={"LD_LIBRARY_PATH": f"{inside}:{inside}/PySide6/Qt/lib"}).stdout
        missing |= {f"{library.name}: {line.split()[0]}" for line in out.splitlines()
                    if "not found" in line and "wayland" not in line}
    assert not missing, sorted(missing)


def test_installed_command_runs_without_the_projects_python(installed: Path,
                                                            tmp_path: Path) -> None:
    home = tmp_path / "Zoë Ağaoğlu"  # a user name outside ASCII
    env = clean_env(home)
    (home / "data").mkdir(parents=True)

    def run(*args: str, extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(["wegwijs", *args], env=dict(env, **(extra or {})),
                              cwd=home, capture_output=True, text=True, timeout=120)

    from app import __version__

    version = run("--version")
    assert version.returncode == 0 and __version__ in version.stdout, version
    made = run("init", extra={"WEGWIJS_PASSPHRASE": OFFICE_PASSPHRASE})
    assert made.returncode == 0, made.stderr
    assert (home / "data" / "wegwijs.db").stat().st_size > 0
    card = run("card", "--blank", "--lang", "ar", "--out", "x.pdf")
    assert card.returncode == 0, card.stderr
    text = "".join(page.extract_text() for page in PdfReader(home / "x.pdf").pages)
    assert "Contactkaart" in text
    assert re.search("[\u0600-\u06ff]", text), "no Arabic on the card"
    # every font on the card is one of the bundle's own, embedded: the same card on every
    # system, whatever fonts it has
    fonts = subprocess.run(["pdffonts", str(home / "x.pdf")], capture_output=True,
                           text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all("Noto" in line and " yes " in line for line in fonts), fonts


def test_installed_window_opens_through_unlock_and_stays_up(
        installed: Path, display: str, tmp_path: Path,  # noqa: F811 - the fixture
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(e2e, "wegwijs_command", lambda: COMMAND)
    data = tmp_path / "data"
    data.mkdir()
    shots = tmp_path / "shots"
    shots.mkdir()
    program = Program(display, data, shots)
    program.env = dict(clean_env(tmp_path), DISPLAY=display, QT_QPA_PLATFORM="xcb")
    try:
        made = program.run("init", extra_env={"WEGWIJS_PASSPHRASE": OFFICE_PASSPHRASE})
        assert made.returncode == 0, made.stderr
        program.start()
        program.wait_window(UNLOCK, timeout=60)
        program.key("Tab")  # no user yet: past the user name, the office passphrase
        program.type(OFFICE_PASSPHRASE)
        program.key("Return")
        time.sleep(2)  # the first-user page of the same window
        program.type("anna")
        program.key("Tab")
        program.type("Anna de Vries")
        program.key("Tab")
        program.type(PASSWORD)
        program.key("Tab")
        program.type(PASSWORD)
        program.key("Return")
        program.wait_window(MAIN, timeout=60)
        program.wait_gone(UNLOCK)
        still_up(program, 5)
        program.key("ctrl+q")
        assert program.wait_exit() == 0, program.output()
        assert "Traceback" not in program.output()
    except BaseException:
        keep = Path(os.environ.get("WEGWIJS_E2E_ARTEFACTS", e2e.ROOT / "e2e-artefacts"))
        shutil.copytree(shots, keep / "test_deb_window", dirs_exist_ok=True)
        raise
    finally:
        program.kill()
