"""Reading the elements of a REFI-QDA project file: its namespace, guids and times.

The reader walks the XML through these few helpers, which say how REFI-QDA spells
things (namespaced names, braced or bare guids, ``xsd:dateTime``, ``#rgb`` colours); they are about
the format, not about what CableReader takes from it, so they stand apart from
:mod:`cablereader.core.exchange.reader`.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from cablereader.core.exchange.model import PROJECT_NS

NS = f"{{{PROJECT_NS}}}"
_COLOUR_RE = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")


def local_name(element: ET.Element) -> str:
    return element.tag.removeprefix(NS)


def children(element: ET.Element, name: str) -> Iterator[ET.Element]:
    return iter(element.findall(f"{NS}{name}"))


def child_text(element: ET.Element, name: str) -> str:
    found = element.find(f"{NS}{name}")
    return (found.text or "") if found is not None else ""


def guid_of(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return str(uuid.UUID(value.strip().strip("{}")))
    except ValueError:
        return None


def xsd_time(value: str | None) -> str:
    """An ``xsd:dateTime`` in our form (ISO 8601 with an offset), or ``""``."""
    if not value:
        return ""
    return value.strip().replace("Z", "+00:00")


def colour_of(value: str | None) -> str | None:
    """A ``#rgb`` or ``#rrggbb`` colour as ``#rrggbb`` (case kept), or ``None``."""
    if not value or not _COLOUR_RE.fullmatch(value):
        return None
    digits = value[1:]
    return "#" + (digits if len(digits) == 6 else "".join(c * 2 for c in digits))
