"""What every PyInstaller bundle of Wegwijs holds, shared by the spec of each system.

A spec file (``packaging/<system>/wegwijs.spec``) calls :func:`analysis` and then makes its
executables. Data files are placed where the code looks for them: ``app/__init__.py`` finds
``resources/`` and ``translations/`` beside the ``app`` package, and Alembic reads the
migration scripts as files from ``app/store/migrations``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PyInstaller.building.build_main import Analysis
from PyInstaller.utils.hooks import collect_data_files, collect_submodules

ROOT = Path(__file__).resolve().parents[1]
STAGING = ROOT / "build" / "staging"  # compiled catalogues and the licence list (build.py)

# Qt modules Wegwijs never loads: kept out of the bundle (PySide6 ships them all).
QT_UNUSED = [
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel", "PySide6.QtWebSockets", "PySide6.QtQml", "PySide6.QtQuick",
    "PySide6.QtQuickWidgets", "PySide6.QtQuick3D", "PySide6.QtQuickControls2",
    "PySide6.Qt3DCore", "PySide6.Qt3DRender", "PySide6.Qt3DInput", "PySide6.Qt3DLogic",
    "PySide6.Qt3DAnimation", "PySide6.Qt3DExtras", "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets", "PySide6.QtCharts", "PySide6.QtDataVisualization",
    "PySide6.QtGraphs", "PySide6.QtBluetooth", "PySide6.QtNfc", "PySide6.QtPositioning",
    "PySide6.QtLocation", "PySide6.QtSensors", "PySide6.QtSerialPort", "PySide6.QtSerialBus",
    "PySide6.QtSpatialAudio", "PySide6.QtTextToSpeech", "PySide6.QtRemoteObjects",
    "PySide6.QtScxml", "PySide6.QtStateMachine", "PySide6.QtSql", "PySide6.QtTest",
    "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtSvgWidgets", "PySide6.QtHttpServer",
    "PySide6.QtNetworkAuth", "PySide6.QtConcurrent", "PySide6.QtAxContainer",
]
# Test and development tools that are installed beside Wegwijs but never part of it.
DEV_ONLY = ["pytest", "_pytest", "pytestqt", "hypothesis", "pdfplumber", "pypdfium2",
            "pdfminer", "ruff", "tkinter", "PyInstaller", "IPython", "numpy", "matplotlib"]


def version() -> str:
    """The version of Wegwijs being bundled (``app.__version__``, read without importing)."""
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.M)[1]


def version_file() -> str:
    """A Windows version resource for the executables (Explorer's Properties → Details)."""
    numbers = tuple(int(n) for n in re.findall(r"\d+", version())[:3]) + (0,)
    numbers = (numbers + (0, 0, 0, 0))[:4]
    path = STAGING / "windows-version.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}),
  kids=[StringFileInfo([StringTable('041304B0', [
    StringStruct('CompanyName', 'Stem in de Stad'),
    StringStruct('FileDescription', 'Wegwijs'),
    StringStruct('FileVersion', '{version()}'),
    StringStruct('ProductName', 'Wegwijs'),
    StringStruct('ProductVersion', '{version()}'),
    StringStruct('LegalCopyright', 'EUPL-1.2')])]),
    VarFileInfo([VarStruct('Translation', [1043, 1200])])])
""", encoding="utf-8")
    return str(path)


def datas() -> list[tuple[str, str]]:
    """(source, folder in the bundle) of every data file."""
    found = [
        (str(ROOT / "resources"), "resources"),
        (str(STAGING / "translations"), "translations"),
        (str(ROOT / "app" / "store" / "migrations"), "app/store/migrations"),
    ]
    found += collect_data_files("anyascii")  # its transliteration tables
    found += collect_data_files("reportlab")  # standard fonts' metrics, rl_config data
    return found


def hidden_imports() -> list[str]:
    """Modules loaded by name (app.lazy, ui.session.preload, Alembic's migration scripts)."""
    return (collect_submodules("app", filter=lambda name: ".migrations" not in name)
            + collect_submodules("ui")
            + ["alembic.op", "alembic.context", "sqlalchemy.dialects.sqlite",
               "sqlalchemy.dialects.postgresql", "psycopg_binary", "_rl_accel"])


# The virtual keyboard's input plugin pulls in Qt Quick and QML (about 30 MB) for nothing
# Wegwijs uses; tests/packaging/test_deb.py checks that every library left finds its own.
UNUSED_PLUGINS = ("libqtvirtualkeyboardplugin", "libQt6VirtualKeyboard", "libQt6Quick",
                  "libQt6Qml")


def _wanted(entry: tuple) -> bool:
    dest = str(entry[0]).replace("\\", "/")
    return not any(part in dest for part in UNUSED_PLUGINS)


def analysis() -> Analysis:
    if not (STAGING / "translations").is_dir():
        sys.exit("run packaging/build.py, not pyinstaller directly: the compiled catalogues "
                 "are missing from build/staging")
    a = Analysis(
        [str(ROOT / "packaging" / "wegwijs_main.py")],
        pathex=[str(ROOT)],
        datas=datas(),
        hiddenimports=hidden_imports(),
        excludes=QT_UNUSED + DEV_ONLY,
        noarchive=False,
    )
    a.binaries = [entry for entry in a.binaries if _wanted(entry)]
    a.datas = [entry for entry in a.datas if _wanted(entry)]
    return a
