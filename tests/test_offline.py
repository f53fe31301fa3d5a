"""Offline by construction: nothing CableReader does opens a network connection.

The command line runs in subprocesses whose ``sitecustomize`` makes every network
socket, name lookup and connection fail (and records the attempt); that reaches the
analysis worker processes too, which start the same way.  A GUI session (open the
sample, analyse, tag, write a note, export, save) runs in this process with the same
functions replaced.  Both pass.  Two more checks: no module of the app imports a
network library, and (on Linux) the process holds no internet socket afterwards, which
would also catch one opened by Qt's C++ code.
"""

from __future__ import annotations

import ast
import csv
import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

import cablereader
from cablereader.core.analysis import PARALLEL_MIN_ARTICLES
from tests.conftest import MSNBC, REPRINT, SOURCE

_GUARD = textwrap.dedent(
    """
    # Installed by tests/test_offline.py: the network is off for this process.
    import errno, os, socket

    _LOG = os.environ["CABLEREADER_OFFLINE_LOG"]
    with open(_LOG + ".pids", "a") as _pids:
        _pids.write(f"{os.getpid()}\\n")

    def _refuse(what, *args):
        with open(_LOG, "a") as log:
            log.write(f"{os.getpid()} {what} {args!r}\\n")
        raise OSError(errno.ENETUNREACH, f"offline test: {what} refused")

    _Socket = socket.socket

    class _OfflineSocket(_Socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if fileno is None and family in (-1, socket.AF_INET, socket.AF_INET6):
                _refuse("socket", family, type)
            super().__init__(family, type, proto, fileno)

    socket.socket = _OfflineSocket
    socket.create_connection = lambda *a, **k: _refuse("create_connection", *a)
    socket.getaddrinfo = lambda *a, **k: _refuse("getaddrinfo", *a)
    socket.gethostbyname = lambda *a, **k: _refuse("gethostbyname", *a)
    socket.gethostbyname_ex = lambda *a, **k: _refuse("gethostbyname_ex", *a)
    """
)


@pytest.fixture
def offline(tmp_path: Path) -> Iterator[tuple[dict[str, str], Path]]:
    """An environment whose Python processes cannot reach the network, and their log."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(_GUARD, encoding="utf-8")
    log = tmp_path / "network.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(guard), *sys.path]),
        "CABLEREADER_OFFLINE_LOG": str(log),
        "XDG_DATA_HOME": str(tmp_path / "xdg"),
        "HOME": str(tmp_path / "home"),
    }
    yield env, log


def cablereader_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cablereader", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_guard_does_refuse_the_network(offline, tmp_path: Path) -> None:
    env, log = offline
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('pypi.org', 443))"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert probe.returncode != 0 and "offline test: create_connection refused" in probe.stderr
    assert "create_connection" in log.read_text(encoding="utf-8")


def test_every_command_works_offline(offline, tmp_path: Path, corpus_dir: Path) -> None:
    env, log = offline
    project = tmp_path / "study.crproj"
    many = tmp_path / "many"
    many.mkdir()
    source = (corpus_dir / SOURCE).read_text(encoding="utf-8")
    (many / "000-source.txt").write_text(source, encoding="utf-8")
    for i in range(PARALLEL_MIN_ARTICLES + 6):  # analysed in worker processes
        article = (corpus_dir / (REPRINT if i % 2 else MSNBC)).read_text(encoding="utf-8")
        (many / f"article{i:03}.txt").write_text(f"Copy {i}.\n{article}", encoding="utf-8")
    runs = {
        "version": ["--version"],
        "quotes": ["quotes", str(corpus_dir)],
        "quotes json": ["quotes", str(corpus_dir), "--format", "json"],
        "quotes in workers": ["quotes", str(many), "--source", "000-source.txt"],
        "compare": ["compare", str(corpus_dir / SOURCE), str(corpus_dir / REPRINT)],
        "new": ["new", str(project), str(corpus_dir)],
        "export": ["export", str(project), "-o", str(tmp_path / "out.csv")],
        "install-desktop": ["install-desktop", "--dry-run"],
    }
    pids_before = 0
    for name, args in runs.items():
        done = cablereader_cli(env, *args)
        assert done.returncode == 0, f"{name}: {done.stderr}"
        assert not log.exists(), f"{name} tried the network: {log.read_text(encoding='utf-8')}"
        pids = Path(f"{log}.pids").read_text(encoding="utf-8").split()
        if name == "quotes in workers":
            # The guard was in the worker processes as well as in the command itself.
            assert len(pids) - pids_before >= 3
            assert done.stdout.count("\n") > PARALLEL_MIN_ARTICLES
        pids_before = len(pids)
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")


# --- a GUI session in this process -----------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []
    real_socket = socket.socket

    def refuse(what: str) -> OSError:
        attempts.append(what)
        return OSError(f"offline test: {what} refused")

    class OfflineSocket(real_socket):  # type: ignore[misc,valid-type]
        def __init__(self, family: int = -1, type: int = -1, proto: int = -1, fileno=None):
            if fileno is None and family in (-1, socket.AF_INET, socket.AF_INET6):
                raise refuse(f"socket({family}, {type})")
            super().__init__(family, type, proto, fileno)

    def fail(name: str):  # type: ignore[no-untyped-def]
        def refused(*args: object, **kwargs: object) -> object:
            raise refuse(f"{name}{args!r}")

        return refused

    monkeypatch.setattr(socket, "socket", OfflineSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, fail(name))
    return attempts


@pytest.fixture
def gui_isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """What tests/ui/conftest.py does: settings and the data folder in tmp_path."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    monkeypatch.setenv("CABLEREADER_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def _inet_socket_inodes() -> set[str]:
    inodes = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        path = Path("/proc/net") / table
        if path.exists():
            for line in path.read_text().splitlines()[1:]:
                inodes.add(line.split()[9])
    return inodes


def _my_socket_inodes() -> set[str]:
    found = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            found.add(target[len("socket:[") : -1])
    return found


def test_a_gui_session_works_offline(qtbot, no_network: list[str], gui_isolated: Path) -> None:
    from cablereader.app import create_main_window

    window = create_main_window([])
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.analysisFinished, timeout=20000):
        pass
    window.show()
    qtbot.waitExposed(window)
    assert window.analysis is not None and window.analysis.articles
    pane = window.view.article_pane
    text = window.view.right_document.text
    start = text.index("Donald Lu")
    pane.select_offsets(start, start + len("Donald Lu"))
    pane.setFocus()
    qtbot.keyClick(pane, Qt.Key.Key_1)
    qtbot.keyClicks(window.note_editor.editor, "Checked offline")
    [annotation] = window.workspace.project.annotations(MSNBC)
    assert annotation.note == "Checked offline"
    out = gui_isolated / "offline.csv"
    with qtbot.waitSignal(window.files.exported) as exported:
        window.files.export(str(out))  # in the background
    assert exported.args[0] == 1
    with out.open(encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert (row["passage"], row["note"], row["verdict"]) == (
        "Donald Lu",
        "Checked offline",
        "verbatim",
    )
    assert window.files.save_as(str(gui_isolated / "offline.crproj"))
    if sys.platform == "linux":
        assert not _my_socket_inodes() & _inet_socket_inodes()
    window.close()
    assert no_network == []
    assert "PySide6.QtNetwork" not in sys.modules


# --- no network library in the app ------------------------------------------------------------

NETWORK_MODULES = {
    "socket",
    "ssl",
    "http",
    "urllib",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "telnetlib",
    "xmlrpc",
    "socketserver",
    "requests",
    "httpx",
    "urllib3",
    "aiohttp",
    "websockets",
    "PySide6.QtNetwork",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebSockets",
}


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_module_of_the_app_imports_a_network_library() -> None:
    package = Path(cablereader.__file__).parent
    offenders = {}
    for path in sorted(package.rglob("*.py")):
        found = {
            name
            for name in _imports(path)
            if any(name == m or name.startswith(m + ".") for m in NETWORK_MODULES)
        }
        if found:
            offenders[str(path.relative_to(package))] = sorted(found)
    # The one exception: the web-page extractor imports socket only to switch off the
    # IPv6 probe (a socket bound to ::1) that urllib3 makes when trafilatura imports it.
    assert offenders == {"core/formats/html.py": ["socket"]}
