"""Linux desktop integration: a menu entry, the ``*.crproj`` file type, and AppStream data.

``cablereader install-desktop`` writes, for the current user, into ``$XDG_DATA_HOME``
(default ``~/.local/share``):

- ``applications/org.cablereader.CableReader.desktop``: the menu entry, which opens
  ``.crproj`` files given to it;
- ``mime/packages/org.cablereader.CableReader.xml``: the type
  ``application/x-cablereader-project`` (``*.crproj``, and SQLite's header with our
  ``application_id`` as magic);
- ``icons/hicolor/<N>x<N>/apps/`` and ``scalable/apps/``: the icon;
- ``metainfo/org.cablereader.CableReader.metainfo.xml``: AppStream data for software
  centres;

and records what it wrote in a manifest, so that ``--uninstall`` removes exactly that.
Pure Python, no Qt: it runs headless and is tested without a display.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from cablereader import __version__
from cablereader.core.sample import resources_dir

APP_ID = "org.cablereader.CableReader"  # also QApplication.desktopFileName (app.py)
APP_NAME = "CableReader"
MIME_TYPE = "application/x-cablereader-project"
PROJECT_GLOB = "*.crproj"
# The project file's PRAGMA application_id, "CRDR", stored big-endian at byte 68 of the
# SQLite header (which starts with "SQLite format 3\0").
APPLICATION_ID = 0x43524452
RELEASE_DATE = "2026-11-25"  # of __version__, for the AppStream release entry
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SUMMARY = "Check how a primary source was reported"
COMMENT = "Compare news articles with the source they quote and verify every quotation"
# Beside the untitled projects' folder (~/.local/share/CableReader/CableReader).
MANIFEST = Path(APP_NAME) / "desktop-integration.json"


# ---- the files' contents --------------------------------------------------------------


def _exec_quote(argument: str) -> str:
    r"""One argument of an ``Exec`` key, quoted as the Desktop Entry spec requires.

    The spec quotes in two layers: inside double quotes, each of  " ` $ \  takes a
    backslash; then the whole value is a string, in which every backslash is doubled.
    A literal ``%`` is ``%%`` (field codes such as ``%F`` start with one).
    """
    argument = argument.replace("%", "%%")
    if argument and not any(c in argument for c in " \t\n\"'\\><~|&;$*?#()`"):
        quoted = argument
    else:
        inner = "".join("\\" + c if c in '"`$\\' else c for c in argument)
        quoted = f'"{inner}"'
    return quoted.replace("\\", "\\\\")


def launcher_command() -> list[str]:
    """The absolute command that starts this installation's window.

    A frozen bundle is its own launcher.  Otherwise the ``cablereader-gui`` script beside
    the running interpreter (a venv's or pipx's ``bin``), so the entry works even where
    that folder is not on the desktop session's ``PATH``; failing that, the one on
    ``PATH``; last, this interpreter running the package.
    """
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).absolute())]
    scripts = Path(sys.executable).absolute().parent
    for name in ("cablereader-gui", "cablereader"):
        for candidate in (scripts / name, scripts / f"{name}.exe"):
            if candidate.is_file():
                return [str(candidate)]
    for name in ("cablereader-gui", "cablereader"):
        found = shutil.which(name)
        if found:
            return [str(Path(found).absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "cablereader"]


def desktop_entry(command: list[str]) -> str:
    """The ``.desktop`` menu entry that runs ``command`` with the files opened."""
    exec_line = " ".join(_exec_quote(part) for part in command) + " %F"
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.4",
            f"Name={APP_NAME}",
            "GenericName=Source Comparison Reader",
            f"Comment={COMMENT}",
            f"Exec={exec_line}",
            # Hides the entry once the executable is gone (uninstalled without --uninstall).
            f"TryExec={command[0].replace(chr(92), chr(92) * 2)}",
            f"Icon={APP_ID}",
            "Terminal=false",
            "StartupNotify=true",
            # Qt's X11 WM_CLASS is the application name; on Wayland the app id is APP_ID.
            f"StartupWMClass={APP_NAME}",
            f"MimeType={MIME_TYPE};",
            "Categories=Office;Viewer;",
            "Keywords=quotation;quote;source;journalism;fact-checking;annotation;"
            "qualitative;comparison;",
            "",
        ]
    )


def mime_package() -> str:
    """The shared-mime-info package defining the project file type."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>CableReader project</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <generic-icon name="x-office-document"/>
    <icon name="{APP_ID}"/>
    <glob pattern="{PROJECT_GLOB}" weight="60"/>
    <magic priority="60">
      <match type="string" offset="0" value="SQLite format 3\\000">
        <match type="big32" offset="68" value="0x{APPLICATION_ID:08x}"/>
      </match>
    </magic>
  </mime-type>
</mime-info>
"""


def metainfo() -> str:
    """The AppStream metainfo: what a software centre shows about the app."""
    description = (
        "<p>CableReader shows, side by side, what news articles took from a primary "
        "source: verbatim quotes, altered quotes with the exact words changed, passages "
        "taken without quote marks, and quotations that are not in the source at all.</p>"
        "\n    <p>Tag passages with your own tags and notes; everything is kept in one "
        "local project file, and annotations export to CSV. It works fully offline.</p>"
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>{APP_ID}</id>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>MIT</project_license>
  <name>{APP_NAME}</name>
  <summary>{escape(SUMMARY)}</summary>
  <description>
    {description}
  </description>
  <developer id="org.cablereader">
    <name>CableReader developers</name>
  </developer>
  <launchable type="desktop-id">{APP_ID}.desktop</launchable>
  <provides>
    <binary>cablereader</binary>
    <mediatype>{MIME_TYPE}</mediatype>
  </provides>
  <categories>
    <category>Office</category>
  </categories>
  <content_rating type="oars-1.1"/>
  <releases>
    <release version="{escape(__version__)}" date="{RELEASE_DATE}"/>
  </releases>
</component>
"""


# ---- installing and uninstalling --------------------------------------------------------


def data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when unset or not absolute (as the spec says)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local/share"


def planned_files(command: list[str] | None = None) -> dict[Path, bytes]:
    """Every file to write, as a path relative to the data home and its bytes."""
    icons = resources_dir() / "icons"
    files: dict[Path, bytes] = {
        Path("applications", f"{APP_ID}.desktop"): desktop_entry(
            command or launcher_command()
        ).encode(),
        Path("mime", "packages", f"{APP_ID}.xml"): mime_package().encode(),
        Path("metainfo", f"{APP_ID}.metainfo.xml"): metainfo().encode(),
    }
    for size in ICON_SIZES:
        png = icons / "hicolor" / str(size) / "cablereader.png"
        if png.is_file():
            target = Path("icons", "hicolor", f"{size}x{size}", "apps", f"{APP_ID}.png")
            files[target] = png.read_bytes()
    svg = icons / "cablereader.svg"
    if svg.is_file():
        files[Path("icons", "hicolor", "scalable", "apps", f"{APP_ID}.svg")] = svg.read_bytes()
    return files


@dataclass
class Outcome:
    """What an install or uninstall did (or, dry, would do), for the user to read."""

    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    kept: list[tuple[Path, str]] = field(default_factory=list)  # (path, why it was kept)
    tools: list[str] = field(default_factory=list)  # the cache updates that ran


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Manifest:
    """What install wrote: files (relative path: sha256) and the folders it created."""

    files: dict[str, str] = field(default_factory=dict)
    folders: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, home: Path) -> Manifest | None:
        try:
            data = json.loads((home / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        files, folders = data.get("files"), data.get("folders")
        return cls(
            {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {},
            [str(f) for f in folders] if isinstance(folders, list) else [],
        )

    def write(self, home: Path) -> None:
        # Deepest first, so that uninstalling can remove them in this order.
        folders = sorted(set(self.folders), key=lambda p: (-len(Path(p).parts), p))
        data = {"version": 1, "app_id": APP_ID, "files": self.files, "folders": folders}
        (home / MANIFEST).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def _missing_parents(path: Path, home: Path) -> list[Path]:
    """The folders above ``path`` (up to ``home``) that do not exist yet, deepest first."""
    missing = []
    for parent in path.parents:
        if parent == home or home not in parent.parents or parent.exists():
            break
        missing.append(parent)
    return missing


Runner = Callable[[list[str]], object]


def _run_quietly(command: list[str]) -> object:
    return subprocess.run(command, check=False, capture_output=True, timeout=120)


def update_caches(home: Path, run: Runner = _run_quietly) -> list[str]:
    """Refresh the desktop's caches after a change; each tool only if it is installed.

    The icon cache is refreshed only where one exists (as ``xdg-icon-resource`` does):
    creating a user icon cache would leave one more file to keep up to date, and without
    one GTK and Qt read the folders directly.
    """
    ran = []
    steps = [
        ("update-mime-database", [str(home / "mime")]),
        ("update-desktop-database", ["-q", str(home / "applications")]),
    ]
    hicolor = home / "icons" / "hicolor"
    if (hicolor / "icon-theme.cache").exists():
        steps.append(("gtk-update-icon-cache", ["-q", "-t", "-f", str(hicolor)]))
    elif hicolor.is_dir():
        os.utime(hicolor)  # icon themes notice a changed folder by its time stamp
    for tool, arguments in steps:
        executable = shutil.which(tool)
        if executable is None or not Path(arguments[-1]).is_dir():
            continue
        try:
            run([executable, *arguments])
        except (OSError, subprocess.SubprocessError):
            continue  # a cache that is not refreshed only delays the change; never fail
        ran.append(tool)
    return ran


def install(
    home: Path | None = None,
    command: list[str] | None = None,
    dry_run: bool = False,
    run: Runner = _run_quietly,
) -> Outcome:
    """Write the desktop files for the current user, and the manifest listing them.

    Installing again rewrites them (say, for a new launcher path) and keeps the record
    of earlier installs, so one ``--uninstall`` removes everything ever written.
    """
    home = home or data_home()
    outcome = Outcome()
    manifest = Manifest.read(home) or Manifest()
    for relative, data in planned_files(command).items():
        target = home / relative
        outcome.written.append(target)
        if dry_run:
            continue
        manifest.folders += [str(p.relative_to(home)) for p in _missing_parents(target, home)]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        manifest.files[relative.as_posix()] = _sha256(data)
    outcome.written.append(home / MANIFEST)
    if dry_run:
        return outcome
    manifest_path = home / MANIFEST
    manifest.folders += [str(p.relative_to(home)) for p in _missing_parents(manifest_path, home)]
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest.write(home)
    outcome.tools = update_caches(home, run)
    return outcome


def uninstall(
    home: Path | None = None, dry_run: bool = False, run: Runner = _run_quietly
) -> Outcome:
    """Remove what ``install`` recorded, and nothing else.

    A file changed since it was written is kept (it is someone's edit now), and a folder
    is removed only if install created it and it is empty.
    """
    home = home or data_home()
    outcome = Outcome()
    manifest = Manifest.read(home)
    if manifest is None:
        return outcome
    for relative, digest in manifest.files.items():
        target = home / relative
        if not target.is_file():
            continue
        if _sha256(target.read_bytes()) != digest:
            outcome.kept.append((target, "changed since it was installed"))
            continue
        outcome.removed.append(target)
        if not dry_run:
            target.unlink()
    outcome.removed.append(home / MANIFEST)
    if dry_run:
        return outcome
    (home / MANIFEST).unlink()
    # Before the folders go: update-mime-database does nothing without mime/packages,
    # which would leave our type in the compiled database.
    outcome.tools = update_caches(home, run)
    for relative in manifest.folders:
        folder = home / relative
        try:
            folder.rmdir()  # only succeeds when empty: never anything but ours
        except OSError:
            continue
        outcome.removed.append(folder)
    return outcome


def is_installed(home: Path | None = None) -> bool:
    return ((home or data_home()) / MANIFEST).is_file()
