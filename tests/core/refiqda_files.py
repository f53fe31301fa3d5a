"""Helpers for the REFI-QDA tests: the official schemas, and hand-made .qdpx files."""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

import xmlschema

SCHEMAS = Path(__file__).resolve().parent.parent / "refiqda"


@cache
def project_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / "Project.xsd"))


@cache
def codebook_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / "Codebook.xsd"))


def validate_qdpx(path: Path) -> bytes:
    """Check a .qdpx against Project.xsd and the standard's layout; return project.qde."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert "project.qde" in names
        assert all(n == "project.qde" or n.startswith("sources/") for n in names)
        xml = archive.read("project.qde")
    project_schema().validate(xml.decode("utf-8"))
    return xml


def make_qdpx(
    path: Path,
    qde: str | bytes,
    sources: dict[str, bytes] | None = None,
    *,
    entry: str = "project.qde",
) -> Path:
    data = qde.encode("utf-8") if isinstance(qde, str) else qde
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(entry, data)
        for name, content in (sources or {}).items():
            archive.writestr(name, content)
    return path


def qde(body: str, origin: str = "QualCoder 3.6") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<Project xmlns="urn:QDA-XML:project:1.0" name="foreign" origin="{origin}">'
        f"{body}</Project>"
    )
