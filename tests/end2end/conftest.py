"""The real program: the installed ``wegwijs`` command in a real X window (Xvfb), driven by
keyboard and mouse with xdotool, as a volunteer starts and uses it.

In-process widget tests never run the program's own event loop, start-up and quit rules;
these do. Each step's screen is photographed; when a test fails, its photos are kept in
``e2e-artefacts/<test>/`` (or ``$WEGWIJS_E2E_ARTEFACTS``); with ``WEGWIJS_E2E_SCREENSHOTS=DIR``
every test's photos are kept in ``DIR/<test>/`` (how README's real-window screenshots are made).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("Xvfb", "xdotool", "import")
SCREEN = "1366x768x24"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):  # noqa: ANN001, ANN201
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def wegwijs_command() -> Path:
    """The command pip installed beside this Python (what the README runs)."""
    script = Path(sys.executable).parent / "wegwijs"
    if not script.exists():
        pytest.fail(f"the wegwijs command is not installed beside {sys.executable}; "
                    "run pip install -e . first")
    return script


@pytest.fixture(scope="session")
def display() -> Iterator[str]:
    """A real X server for the session's windows."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        message = (f"end-to-end tests need {', '.join(missing)} (Debian: xvfb xdotool "
                   "imagemagick; .ci/run installs them)")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN,
                               "-nolisten", "tcp", "-noreset"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as fh:
        number = fh.readline().strip()
    if not number:
        server.kill()
        pytest.fail("Xvfb did not start")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


class Program:
    """One ``wegwijs`` process on the test's X display, and the hands that use it."""

    def __init__(self, display: str, data: Path, shots: Path) -> None:
        self.display = display
        self.data = data
        self.shots = shots
        self.process: subprocess.Popen | None = None
        self.log = None
        self._step = 0
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("QT_QPA_PLATFORM", "WEGWIJS_DB", "WEGWIJS_PASSPHRASE",
                                 "WEGWIJS_USER", "WEGWIJS_EXIT_AFTER_SHOWN")}
        self.env.update(DISPLAY=display, WEGWIJS_DATA_DIR=str(data),
                        QT_QPA_PLATFORM="xcb", LANG="nl_NL.UTF-8")

    # the process

    def start(self, *args: str) -> None:
        self.close_log()
        self.log = (self.shots / f"wegwijs-{self._step:02d}.log").open("w")
        self.process = subprocess.Popen([str(wegwijs_command()), *args], env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT,
                                        cwd=self.data)

    def run(self, *args: str, input_text: str | None = None,
            extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """A command-line call of the same installed command (not a window)."""
        env = dict(self.env, **(extra_env or {}))
        return subprocess.run([str(wegwijs_command()), *args], env=env, input=input_text,
                              capture_output=True, text=True, timeout=120, cwd=self.data)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def wait_exit(self, timeout: float = 30) -> int:
        assert self.process is not None
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.shot("still-running")
            raise AssertionError(f"wegwijs did not end within {timeout} s") from None

    def output(self) -> str:
        if self.log is None:
            return ""
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")

    def close_log(self) -> None:
        if self.log is not None:
            self.log.close()

    def kill(self) -> None:
        if self.alive():
            assert self.process is not None
            self.process.kill()
            self.process.wait(10)
        self.close_log()

    # the screen

    def xdotool(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(["xdotool", *args], env=self.env, capture_output=True,
                                text=True, timeout=30)
        if check and result.returncode != 0:
            raise AssertionError(f"xdotool {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def windows(self) -> dict[str, str]:
        """The visible windows: id → title."""
        out = self.xdotool("search", "--onlyvisible", "--name", ".", check=False)
        found = {}
        for wid in out.split():
            name = self.xdotool("getwindowname", wid, check=False).strip()
            if name and not name.startswith("Qt "):
                found[wid] = name
        return found

    def wait_window(self, title: str, timeout: float = 30) -> str:
        """Wait until a visible window whose title matches ``title`` (a regex) is up; focus it."""
        pattern = re.compile(title)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                self.shot("ended")
                raise AssertionError(f"wegwijs ended (code {self.process.returncode}) while "
                                     f"waiting for {title!r}:\n{self.output()}")
            for wid, name in self.windows().items():
                if pattern.search(name):
                    time.sleep(0.3)  # let it paint and take the focus
                    self.xdotool("windowfocus", "--sync", wid, check=False)
                    self.shot(re.sub(r"\W+", "-", name).strip("-")[:40])
                    return wid
            time.sleep(0.2)
        self.shot("timeout")
        raise AssertionError(f"no window {title!r} within {timeout} s; visible: "
                             f"{list(self.windows().values())}")

    def wait_gone(self, title: str, timeout: float = 30) -> None:
        pattern = re.compile(title)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not any(pattern.search(name) for name in self.windows().values()):
                return
            time.sleep(0.2)
        self.shot("not-gone")
        raise AssertionError(f"window {title!r} still up after {timeout} s")

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "15", "--", text)

    def key(self, *keys: str) -> None:
        for key in keys:
            self.xdotool("key", "--delay", "60", key)
            time.sleep(0.15)

    def click(self, wid: str, x: int, y: int) -> None:
        """A mouse click at (x, y) inside window ``wid``."""
        self.xdotool("mousemove", "--window", wid, str(x), str(y))
        self.xdotool("click", "1")

    def shot(self, name: str) -> Path:
        self._step += 1
        path = self.shots / f"{self._step:02d}-{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=self.env,
                       capture_output=True, timeout=30)
        return path


@pytest.fixture
def program(request: pytest.FixtureRequest, display: str, tmp_path: Path) -> Iterator[Program]:
    data = tmp_path / "data"
    data.mkdir()
    shots = tmp_path / "shots"
    shots.mkdir()
    prog = Program(display, data, shots)
    prog.env["WEGWIJS_CACHE_DIR"] = str(tmp_path / "cache")
    prog.env["HOME"] = str(tmp_path / "home")
    (tmp_path / "home").mkdir()
    yield prog
    keep_all = os.environ.get("WEGWIJS_E2E_SCREENSHOTS")  # keep every step's screen
    if keep_all:
        target = Path(keep_all) / re.sub(r"\W+", "_", request.node.name)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(shots, target, ignore=shutil.ignore_patterns("*.log"))
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        prog.shot("at-failure")
        keep = Path(os.environ.get("WEGWIJS_E2E_ARTEFACTS", ROOT / "e2e-artefacts"))
        target = keep / re.sub(r"\W+", "_", request.node.name)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(shots, target)
    prog.kill()
