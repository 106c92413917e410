"""What differs on Windows (and macOS), tested here on Linux as far as Linux can show it.

Each test names the difference it covers; docs/install.md lists them with what only a run on
Windows itself can show (the GitHub Actions workflow runs the whole suite there).
"""

from __future__ import annotations

import ntpath
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from acting import acting
from sqlalchemy import text

import app.files
from app import PROJECT_ROOT
from app.access import keyring, workspace
from app.errors import WegwijsError
from app.files import check_output, write_atomic
from app.privacy import backup, export
from app.services import persons
from app.store import Target

PASSPHRASE = "kantoor-geheim-2026"
# A Windows user name with letters outside ASCII, a space and Arabic script: the data folder
# lies under it (C:\Users\Zoë Ağaoğlu\AppData\Local\...).
USER_FOLDER = "Zoë Ağaoğlu بيانات"
NSIS = PROJECT_ROOT / "packaging" / "windows" / "wegwijs.nsi"


def test_database_backup_and_restore_under_a_non_ascii_user_folder(tmp_path: Path) -> None:
    home = tmp_path / USER_FOLDER / "AppData" / "Local" / "Stem in de Stad" / "Wegwijs"
    path = home / "wegwijs.db"
    store = workspace.initialise(Target(path=path), PASSPHRASE)
    try:
        with store.session() as db:
            persons.create_person(db, acting(db), persons.PersonFields(
                given_names="Ḥalīma", family_name="Ağaoğlu"))
        made = backup.backup(store, tmp_path / "USB-stick Zoë" / "back-ups")
    finally:
        store.close()
    assert keyring.keyring_path(made).exists()  # the key file travels with the backup
    kept = backup.restore(path, made, PASSPHRASE)
    assert kept.parent == home
    store = workspace.unlock(Target(path=path), PASSPHRASE)
    try:
        with store.session() as db:
            assert db.execute(text("SELECT family_name FROM persons")).scalars().all() == [
                "Ağaoğlu"]
    finally:
        store.close()


def test_the_command_line_under_a_non_ascii_user_folder(tmp_path: Path) -> None:
    data = tmp_path / USER_FOLDER / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEGWIJS_")}
    env.update(WEGWIJS_DATA_DIR=str(data), WEGWIJS_PASSPHRASE=PASSPHRASE,
               WEGWIJS_CACHE_DIR=str(tmp_path / USER_FOLDER / "cache"), PYTHONUTF8="0",
               LANG="C.UTF-8")
    command = [sys.executable, "-m", "ui.session.command"]
    made = subprocess.run([*command, "init"], env=env, capture_output=True, text=True,
                          cwd=PROJECT_ROOT, timeout=120)
    assert made.returncode == 0, made.stderr
    assert (data / "wegwijs.db").is_file()
    out = tmp_path / USER_FOLDER / "Documenten" / "kaart ትግርኛ.pdf"
    out.parent.mkdir()
    card = subprocess.run([*command, "card", "--blank", "--lang", "ti", "--out", str(out)],
                          env=env, capture_output=True, text=True, cwd=PROJECT_ROOT,
                          timeout=120)
    assert card.returncode == 0, card.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_replacing_a_file_open_in_another_program_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to replace a file another program holds open (an export open in
    Excel): WinError 32, a PermissionError. Linux lets the rename happen, so the refusal is
    raised here the way Windows raises it."""
    out = tmp_path / "export.csv"
    out.write_bytes(b"the export of last week")

    def sharing_violation(self: Path, target: Path) -> Path:
        raise PermissionError(13, "The process cannot access the file because it is being "
                              "used by another process", str(target), 32)

    monkeypatch.setattr(Path, "replace", sharing_violation)
    with pytest.raises(WegwijsError, match="open in another program") as refused:
        write_atomic(out, b"this week's export")
    assert "Close it there" in str(refused.value)
    assert out.read_bytes() == b"the export of last week"  # unchanged
    assert not list(tmp_path.glob("*.part"))  # nothing half-written left beside it


def test_csv_export_has_the_same_bytes_on_every_system(store, user, tmp_path: Path) -> None:  # noqa: ANN001
    """CRLF line ends (RFC 4180) written as bytes, never through a text-mode file that
    Windows would turn into CR CR LF; a BOM so that Excel reads UTF-8."""
    with store.session() as db:
        persons.create_person(db, user, persons.PersonFields(
            given_names="Selam", family_name="Tesfay", address="Straat 1\nHaarlem"))
    out = tmp_path / "mensen.csv"
    with store.session() as db:
        assert export.export(db, acting(db), "csv", out) == 1
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\r\n" not in data
    lines = data.split(b"\r\n")
    assert len(lines) == 3 and lines[-1] == b""  # header, one person, the final line end
    assert b'"Straat 1\nHaarlem"' in data  # a line break inside a cell stays inside its quotes


def test_windows_data_folder_is_local_and_apart_from_the_program(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs puts the data in %LOCALAPPDATA% (not the roaming profile, which would
    copy the database to a server at every log-off), outside the folder the installer owns."""
    from platformdirs.windows import Windows

    from app.locations import APP_AUTHOR, APP_NAME

    local = r"C:\Users\Zoë Ağaoğlu\AppData\Local"
    monkeypatch.setenv("LOCALAPPDATA", local)
    monkeypatch.setenv("APPDATA", r"C:\Users\Zoë Ağaoğlu\AppData\Roaming")
    monkeypatch.setattr("platformdirs.windows.get_win_folder",
                        lambda csidl: {"CSIDL_LOCAL_APPDATA": local}.get(csidl, "X:\\other"))
    folders = Windows(APP_NAME, APP_AUTHOR)
    data = ntpath.normpath(folders.user_data_dir)  # joined with "/" when run on Linux
    assert data == local + r"\Stem in de Stad\Wegwijs"
    program = local + r"\Programs\Wegwijs"  # the installer's InstallDir
    assert not data.lower().startswith(program.lower() + "\\")
    assert not program.lower().startswith(data.lower() + "\\")
    script = NSIS.read_text(encoding="utf-8")
    assert re.search(r'^InstallDir "\$LOCALAPPDATA\\Programs\\\$\{APP\}"$', script, re.M)


def test_the_windows_uninstaller_removes_only_what_it_installed() -> None:
    """Every Delete and RMDir of the uninstaller names a file or folder under $INSTDIR (only
    _internal recursively, the folder itself only when empty) or a shortcut; nothing in the
    data folder; per-user, without administrator rights."""
    script = NSIS.read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in script
    assert "$SMPROGRAMS" in script and "CreateShortcut" in script
    uninstall = script[script.index('Section "Uninstall"'):]
    uninstall = uninstall[:uninstall.index("SectionEnd")]
    removals = re.findall(r"^\s*(Delete|RMDir)\s+(/r\s+)?\"([^\"]+)\"", uninstall, re.M)
    assert removals
    for command, recursive, target in removals:
        if recursive:
            assert target == r"$INSTDIR\_internal", target
        elif command == "RMDir":
            assert target == "$INSTDIR", target
        else:
            assert target.startswith(("$INSTDIR\\", "$SMPROGRAMS\\", "$DESKTOP\\")), target
    assert "Stem in de Stad" not in "".join(t for _c, _r, t in removals)
    assert "$APPDATA" not in uninstall and "RMDir /r \"$INSTDIR\"" not in uninstall


@pytest.mark.skipif(not __import__("shutil").which("makensis"),
                    reason="makensis is not installed (Debian: nsis)")
def test_the_windows_installer_script_compiles(tmp_path: Path) -> None:
    """makensis (Debian's nsis) builds the installer from a stand-in of the bundle: the
    script's syntax, its pages and its three languages are checked here; running it needs
    Windows."""
    dist = tmp_path / "dist" / "wegwijs"
    (dist / "_internal").mkdir(parents=True)
    for name in ("Wegwijs.exe", "wegwijs-cmd.exe", "_internal/base_library.zip"):
        (dist / name).write_bytes(b"stand-in")
    out = tmp_path / "Wegwijs-setup.exe"
    icon = PROJECT_ROOT / "packaging" / "icons" / "wegwijs.ico"
    result = subprocess.run(["makensis", "-V2", "-WX", "-DVERSION=0.1.0", f"-DDIST={dist}",
                             f"-DOUT={out}", f"-DICON={icon}", str(NSIS)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_bytes()[:2] == b"MZ"  # a Windows program


def test_key_file_is_refused_as_an_output_whatever_its_case_on_windows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows and macOS ignore case in file names: WEGWIJS.DB.KEYRING is the key file."""
    database = tmp_path / "wegwijs.db"
    database.write_bytes(b"")
    keyring.keyring_path(database).write_bytes(b"wegwijs-keyring/1\n")
    monkeypatch.setattr(app.files.sys, "platform", "win32")
    with pytest.raises(WegwijsError, match="will not write"):
        check_output(tmp_path / "WEGWIJS.DB.KEYRING", database)
    with pytest.raises(WegwijsError, match="will not write"):
        check_output(tmp_path / "Wegwijs.DB", database)
    assert check_output(tmp_path / "kaart.pdf", database) == tmp_path / "kaart.pdf"
