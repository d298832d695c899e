"""Text made safe where it leaves the store: XML 1.0's forbidden characters, spreadsheet
formulas, and link targets.

    xml_text("John\x01Smith")      'John\ufffdSmith'   (one for one: offsets still hold)
    csv_cell("=HYPERLINK(...)")    "'=HYPERLINK(...)"  (a spreadsheet shows it as text)
    web_url("javascript:alert(1)") None                (only http and https become links)
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["FORMULA_START", "csv_cell", "web_url", "xml_safe", "xml_text"]

#: What XML 1.0 forbids (and lone surrogates, which no UTF-8 encodes): C0 controls but tab,
#: newline and carriage return; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: A cell starting with one of these is a formula in Excel, LibreOffice and Google Sheets
#: (tab and carriage return too, as OWASP advises).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def xml_text(value: Any) -> str:
    """``value`` as text XML 1.0 allows: each forbidden character becomes U+FFFD, one for one,
    so that character offsets into the text stay true."""
    text = "" if value is None else str(value)
    return _NOT_XML.sub("\ufffd", text)


def xml_safe(value: Any) -> Any:
    """Strings (also inside lists and dicts) through :func:`xml_text`; other values as they are."""
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(v) for v in value)
    if isinstance(value, dict):
        return {xml_safe(k): xml_safe(v) for k, v in value.items()}
    return value


def csv_cell(value: str) -> str:
    """A text cell a spreadsheet will not run: one starting like a formula gets a leading ``'``."""
    return "'" + value if value.startswith(FORMULA_START) else value


def web_url(value: Any) -> str | None:
    """``value`` if it is an http(s) URL a link may point to, else None (``javascript:``,
    ``data:``, ``vbscript:`` and relative targets never become links)."""
    text = xml_text(value).strip()
    return text if re.match(r"(?i)https?://[^\s/\\]", text) else None
