"""Linux desktop integration: the files' contents, install and exact uninstall, the CLI."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cablereader import __version__, desktop
from cablereader.cli import main

MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
DESKTOP_FILE = Path("applications", f"{desktop.APP_ID}.desktop")


def entry(text: str) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(text)
    return dict(parser["Desktop Entry"])


def no_tools(command: list[str]) -> object:
    raise AssertionError(f"ran {command}")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary XDG data home; the cache tools are not run unless a test asks."""
    data_home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    monkeypatch.setattr(desktop, "update_caches", lambda home, run=None: [])
    return data_home


def files_under(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*")} if folder.exists() else set()


# ---- contents ---------------------------------------------------------------------------


def test_desktop_entry_runs_the_launcher_on_the_files() -> None:
    keys = entry(desktop.desktop_entry(["/opt/cable reader/bin/cablereader-gui"]))
    assert keys["Type"] == "Application"
    assert keys["Name"] == "CableReader"
    assert keys["Exec"] == '"/opt/cable reader/bin/cablereader-gui" %F'
    assert keys["TryExec"] == "/opt/cable reader/bin/cablereader-gui"
    assert keys["Icon"] == desktop.APP_ID
    assert keys["MimeType"] == "application/x-cablereader-project;"
    assert keys["Categories"].split(";")[0] == "Office"
    assert keys["Terminal"] == "false"
    assert keys["StartupWMClass"] == "CableReader"


def test_exec_quoting_follows_the_desktop_entry_spec() -> None:
    assert desktop._exec_quote("/usr/bin/cablereader") == "/usr/bin/cablereader"
    # Inside quotes " ` $ \ take a backslash, and the value's backslashes are doubled.
    assert desktop._exec_quote('/a b/$x"y') == '"/a b/\\\\$x\\\\"y"'
    assert desktop._exec_quote("/100%/app") == "/100%%/app"
    keys = entry(desktop.desktop_entry(["/usr/bin/python3", "-m", "cablereader"]))
    assert keys["Exec"] == "/usr/bin/python3 -m cablereader %F"


def test_launcher_is_an_absolute_path_beside_this_interpreter() -> None:
    command = desktop.launcher_command()
    assert Path(command[0]).is_absolute()
    if len(command) == 1:
        assert Path(command[0]).name.startswith("cablereader")


def test_frozen_bundle_is_its_own_launcher(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys.executable", "/opt/CableReader/CableReader")
    assert desktop.launcher_command() == ["/opt/CableReader/CableReader"]


def test_mime_package_defines_the_project_type() -> None:
    root = ET.fromstring(desktop.mime_package())
    mime_type = root.find(f"{MIME_NS}mime-type")
    assert mime_type is not None
    assert mime_type.get("type") == "application/x-cablereader-project"
    globs = [g.get("pattern") for g in mime_type.iter(f"{MIME_NS}glob")]
    assert globs == ["*.crproj"]
    sub_class = mime_type.find(f"{MIME_NS}sub-class-of")
    assert sub_class is not None and sub_class.get("type") == "application/vnd.sqlite3"
    matches = {m.get("offset"): m.get("value") for m in mime_type.iter(f"{MIME_NS}match")}
    assert matches["68"] == "0x43524452"  # PRAGMA application_id, "CRDR"
    icon = mime_type.find(f"{MIME_NS}icon")
    assert icon is not None and icon.get("name") == desktop.APP_ID


def test_metainfo_names_the_launchable_and_the_type() -> None:
    root = ET.fromstring(desktop.metainfo())
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == desktop.APP_ID
    assert root.findtext("launchable") == f"{desktop.APP_ID}.desktop"
    assert root.findtext("provides/mediatype") == desktop.MIME_TYPE
    release = root.find("releases/release")
    assert release is not None and release.get("version") == __version__


def test_planned_files_include_every_icon_size() -> None:
    files = desktop.planned_files(["/usr/bin/cablereader-gui"])
    icons = {p for p in files if p.parts[0] == "icons"}
    assert Path("icons/hicolor/48x48/apps", f"{desktop.APP_ID}.png") in icons
    assert Path("icons/hicolor/scalable/apps", f"{desktop.APP_ID}.svg") in icons
    assert len(icons) == len(desktop.ICON_SIZES) + 1
    assert all(data for data in files.values())


# ---- install and uninstall --------------------------------------------------------------


def test_install_writes_the_files_and_a_manifest(home: Path) -> None:
    outcome = desktop.install(command=["/opt/app/cablereader-gui"])
    assert (home / DESKTOP_FILE).is_file()
    assert entry((home / DESKTOP_FILE).read_text())["Exec"] == "/opt/app/cablereader-gui %F"
    assert (home / "mime/packages" / f"{desktop.APP_ID}.xml").is_file()
    assert (home / "metainfo" / f"{desktop.APP_ID}.metainfo.xml").is_file()
    assert (home / "icons/hicolor/256x256/apps" / f"{desktop.APP_ID}.png").is_file()
    assert desktop.is_installed()
    written = {p.relative_to(home) for p in outcome.written}
    assert written == {p for p in files_under(home) if (home / p).is_file()}


def test_uninstall_removes_exactly_what_install_wrote(home: Path) -> None:
    # Someone else's files in the same folders, before and after the install.
    before = [home / "applications/other.desktop", home / "icons/hicolor/48x48/apps/other.png"]
    for path in before:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("not ours")
    existing = files_under(home)
    desktop.install(command=["/opt/app/cablereader-gui"])
    after = home / "mime/packages/other.xml"
    after.write_text("<mime-info/>")
    desktop.uninstall()
    assert files_under(home) == existing | {
        Path("mime"),
        Path("mime/packages"),
        after.relative_to(home),
    }
    assert all(path.read_text() == "not ours" for path in before)
    assert not desktop.is_installed()


def test_uninstall_on_a_clean_home_leaves_nothing(home: Path) -> None:
    desktop.install(command=["/opt/app/cablereader-gui"])
    desktop.uninstall()
    assert files_under(home) == set()  # every folder was created by install


def test_uninstall_keeps_a_file_changed_since(home: Path) -> None:
    desktop.install(command=["/opt/app/cablereader-gui"])
    (home / DESKTOP_FILE).write_text("[Desktop Entry]\nName=Mine\n")
    outcome = desktop.uninstall()
    assert [path for path, _ in outcome.kept] == [home / DESKTOP_FILE]
    assert (home / DESKTOP_FILE).read_text().endswith("Name=Mine\n")


def test_installing_twice_then_uninstalling_once(home: Path) -> None:
    desktop.install(command=["/old/cablereader-gui"])
    desktop.install(command=["/new/cablereader-gui"])
    assert "/new/cablereader-gui %F" in (home / DESKTOP_FILE).read_text()
    desktop.uninstall()
    assert files_under(home) == set()


def test_dry_runs_write_nothing(home: Path) -> None:
    outcome = desktop.install(dry_run=True)
    assert home / DESKTOP_FILE in outcome.written
    assert not home.exists()
    desktop.install(command=["/opt/app/cablereader-gui"])
    existing = files_under(home)
    outcome = desktop.uninstall(dry_run=True)
    assert home / DESKTOP_FILE in outcome.removed
    assert files_under(home) == existing


def test_data_home_defaults_to_local_share(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert desktop.data_home() == Path.home() / ".local/share"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/path")  # the spec says: ignore it
    assert desktop.data_home() == Path.home() / ".local/share"


def test_cache_tools_run_only_where_installed(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "mime").mkdir()
    (tmp_path / "applications").mkdir()
    monkeypatch.setattr(desktop.shutil, "which", lambda name: None)
    assert desktop.update_caches(tmp_path, no_tools) == []
    ran: list[list[str]] = []
    monkeypatch.setattr(desktop.shutil, "which", lambda name: f"/usr/bin/{name}")
    tools = desktop.update_caches(tmp_path, lambda command: ran.append(command))
    assert tools == ["update-mime-database", "update-desktop-database"]
    assert ran[0] == ["/usr/bin/update-mime-database", str(tmp_path / "mime")]


@pytest.mark.skipif(shutil.which("update-mime-database") is None, reason="shared-mime-info")
def test_the_mime_database_knows_crproj_until_uninstalled(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    desktop.install(command=["/opt/app/cablereader-gui"])
    globs = tmp_path / "mime" / "globs2"
    assert "application/x-cablereader-project:*.crproj" in globs.read_text()
    desktop.uninstall()
    assert "crproj" not in globs.read_text()


# ---- command line -----------------------------------------------------------------------


def test_cli_install_and_uninstall(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["install-desktop", "--dry-run"]) == 0
    assert f"Would write {home / DESKTOP_FILE}" in capsys.readouterr().out
    assert not home.exists()
    assert main(["install-desktop"]) == 0
    out = capsys.readouterr().out
    assert f"Wrote {home / DESKTOP_FILE}" in out
    assert "The menu entry runs:" in out
    assert (home / DESKTOP_FILE).is_file()
    assert main(["install-desktop", "--uninstall"]) == 0
    assert f"Removed {home / DESKTOP_FILE}" in capsys.readouterr().out
    assert not (home / DESKTOP_FILE).exists()
    assert main(["install-desktop", "--uninstall"]) == 0
    assert "Nothing to remove" in capsys.readouterr().out


def test_cli_install_into_an_unwritable_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert main(["install-desktop"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("cablereader: ") and "cannot write" in err


def test_cli_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["install-desktop", "--bogus"]) == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_install_desktop_never_imports_qt(tmp_path: Path) -> None:
    code = (
        "import sys; from cablereader.cli import main; "
        "code = main(['install-desktop', '--dry-run']); "
        "sys.exit(code or ('PySide6' in sys.modules and 3))"
    )
    env = {"XDG_DATA_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []
