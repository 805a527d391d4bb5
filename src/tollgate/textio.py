"""Turn blob bytes into text to scan, or say why not (binary)."""

from __future__ import annotations

import codecs

# git's own heuristic: a NUL in the first 8000 bytes means binary.
_SNIFF = 8000


def decode(data: bytes) -> str | None:
    """Decode a blob for scanning; `None` for binary content.

    UTF-16 and UTF-32 with a BOM are decoded (Windows tools write them); anything else is read as
    UTF-8, with invalid bytes replaced so a bad byte never stops the scan of the rest.
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _decode_or_none(data, "utf-32")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_or_none(data, "utf-16")
    if b"\0" in data[:_SNIFF]:
        return None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    return data.decode("utf-8", "replace")


def _decode_or_none(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None
