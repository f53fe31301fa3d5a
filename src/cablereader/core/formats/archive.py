"""Bounded reading of ZIP-based documents (DOCX, ODT): a zip bomb is refused.

Two bounds: the sizes the archive declares (checked before anything is unpacked), and
the bytes actually produced while unpacking (counted as they come, so an archive that
lies about its sizes is stopped too; :mod:`zipfile` also stops a member at its declared
size and fails its checksum).
"""

from __future__ import annotations

import io
import zipfile

from cablereader.core.formats.errors import FormatError

MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 10_000
_CHUNK = 1024 * 1024


def _too_large(kind: str) -> str:
    limit = MAX_UNPACKED_BYTES // (1024 * 1024)
    return (
        f"not a readable {kind} file: it unpacks to more than {limit} MB "
        "(a damaged file or a zip bomb)"
    )


def open_archive(data: bytes, kind: str) -> zipfile.ZipFile:
    """``data`` as a ZIP archive whose declared contents are within the bounds."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise FormatError(f"not a readable {kind} file (damaged or truncated: {error})") from error
    if len(members) > MAX_MEMBERS:
        raise FormatError(f"not a readable {kind} file: it has {len(members)} parts")
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise FormatError(_too_large(kind))
    return archive


def read_member(archive: zipfile.ZipFile, name: str, kind: str) -> bytes:
    """One member's bytes, unpacked with a running bound."""
    try:
        with archive.open(name) as member:
            chunks: list[bytes] = []
            total = 0
            while chunk := member.read(_CHUNK):
                total += len(chunk)
                if total > MAX_UNPACKED_BYTES:
                    raise FormatError(_too_large(kind))
                chunks.append(chunk)
    except KeyError as error:
        raise FormatError(f"not a readable {kind} file (it has no {name})") from error
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as error:
        # RuntimeError: zipfile's message for an encrypted member.
        raise FormatError(f"not a readable {kind} file (damaged or truncated: {error})") from error
    return b"".join(chunks)


def checked_archive(data: bytes, kind: str) -> zipfile.ZipFile:
    """Like :func:`open_archive`, and every member unpacks within the bound (the check
    for libraries that read members themselves, such as python-docx)."""
    archive = open_archive(data, kind)
    total = 0
    for member in archive.infolist():
        total += len(read_member(archive, member.filename, kind))
        if total > MAX_UNPACKED_BYTES:
            raise FormatError(_too_large(kind))
    return archive
