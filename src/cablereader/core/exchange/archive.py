"""Reading a ``.qdpx`` zip and its XML without trusting either.

A ``.qdpx`` may come from anyone.  Nothing is ever extracted to disk: entries are read
into memory by name, each read bounded (a zip bomb's headers lie about sizes), entry
names that climb out of the archive (``../``, absolute paths, drive letters) are refused,
and the XML is parsed by defusedxml with DTDs forbidden, so entity expansion ("billion
laughs") and external entities cannot run.
"""

from __future__ import annotations

import os
import posixpath
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from cablereader.core.exchange.model import PROJECT_ENTRY, ExchangeError

# Generous for text projects, small enough that a hostile file cannot exhaust memory.
MAX_ENTRIES = 20_000
MAX_XML_BYTES = 64 * 1024 * 1024
MAX_SOURCE_BYTES = 20 * 1024 * 1024  # the same limit as a document read from disk
MAX_TOTAL_BYTES = 512 * 1024 * 1024
# Text compresses about 3-10 times; a ratio this high is a bomb, not a document.
MAX_RATIO = 200
_RATIO_FLOOR = 1024 * 1024  # small entries may compress well and harm nobody
_CHUNK = 1024 * 1024


def unsafe_name(name: str) -> bool:
    """Whether an entry or path name points outside the archive's own folders."""
    if not name or "\x00" in name:
        return True
    unified = name.replace("\\", "/")
    if unified.startswith("/") or (len(unified) > 1 and unified[1] == ":"):
        return True
    return ".." in unified.split("/")


class QdpxArchive:
    """An open ``.qdpx``: its entry names checked, entries read with limits."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        try:
            self._zip = zipfile.ZipFile(self.path)
        except FileNotFoundError as error:
            raise ExchangeError(self.path, "no such file") from error
        except IsADirectoryError as error:
            raise ExchangeError(self.path, "is a folder, not a .qdpx file") from error
        except (zipfile.BadZipFile, OSError) as error:
            raise ExchangeError(self.path, "is not a REFI-QDA .qdpx file (not a zip)") from error
        try:
            self._check_entries()
        except BaseException:
            self._zip.close()
            raise
        self._read_total = 0

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> QdpxArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_entries(self) -> None:
        infos = self._zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ExchangeError(self.path, f"has {len(infos)} entries (the limit is {MAX_ENTRIES})")
        declared = 0
        for info in infos:
            if unsafe_name(info.filename):
                raise ExchangeError(
                    self.path,
                    f"refused: the entry “{info.filename}” points outside the archive "
                    "(path traversal)",
                )
            if info.flag_bits & 0x1:
                raise ExchangeError(self.path, f"the entry “{info.filename}” is encrypted")
            declared += info.file_size
            if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                1, info.compress_size
            ):
                raise ExchangeError(
                    self.path,
                    f"refused: the entry “{info.filename}” expands {info.file_size} bytes "
                    f"from {info.compress_size} (a zip bomb)",
                )
        if declared > MAX_TOTAL_BYTES:
            raise ExchangeError(
                self.path, f"refused: it expands to {declared} bytes (a zip bomb, or too large)"
            )

    def project_entry(self) -> str:
        """The name of the project XML: ``project.qde`` at the top (any case)."""
        candidates = [
            n for n in self._zip.namelist() if "/" not in n and n.lower().endswith(".qde")
        ]
        exact = [n for n in candidates if n.lower() == PROJECT_ENTRY]
        if exact:
            return exact[0]
        if len(candidates) == 1:
            return candidates[0]
        raise ExchangeError(self.path, "is not a REFI-QDA project: it has no project.qde")

    def source_entry(self, internal_path: str) -> str:
        """The entry of an ``internal://`` source (in ``sources/``, any case)."""
        if unsafe_name(internal_path) or "/" in internal_path.strip("/"):
            raise ExchangeError(
                self.path,
                f"refused: the source path “{internal_path}” points outside the sources "
                "folder (path traversal)",
            )
        wanted = posixpath.join("sources", internal_path.strip("/")).lower()
        for name in self._zip.namelist():
            if name.lower() == wanted:
                return name
        raise ExchangeError(
            self.path, f"the source file “{internal_path}” is missing from the sources folder"
        )

    def read(self, name: str, limit: int) -> bytes:
        """An entry's bytes, refusing more than ``limit`` whatever its header says."""
        parts: list[bytes] = []
        size = 0
        try:
            with self._zip.open(name) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    self._read_total += len(chunk)
                    if size > limit or self._read_total > MAX_TOTAL_BYTES:
                        raise ExchangeError(
                            self.path,
                            f"refused: the entry “{name}” is larger than {limit} bytes "
                            "(a zip bomb, or too large)",
                        )
                    parts.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise ExchangeError(self.path, f"the entry “{name}” is damaged ({error})") from error
        return b"".join(parts)


def parse_xml(path: Path, entry: str, data: bytes) -> ET.Element:
    """Parse untrusted XML: no DTD, no entities, no external references."""
    try:
        root: ET.Element = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise ExchangeError(
            path,
            f"refused: {entry} declares a DTD or entities, which REFI-QDA never needs "
            f"(entity expansion or external entities could be an attack) ({type(error).__name__})",
        ) from error
    except ET.ParseError as error:
        raise ExchangeError(path, f"{entry} is not well-formed XML ({error})") from error
    return root
