"""One-time imports of other tools' rules into a tollgate pack (`tollgate pack import`)."""

from __future__ import annotations

from typing import NamedTuple


class Entry(NamedTuple):
    """One source rule: imported under `rule` (with notes on what was dropped), or skipped."""

    imported: bool
    rule: str  # the new tollgate id when imported, the source's own id when skipped
    detail: str  # the file it went to, or why it was skipped
    notes: tuple[str, ...] = ()


class Imported(NamedTuple):
    entries: tuple[Entry, ...]
    files: tuple[tuple[str, str], ...]  # (path inside the pack, text)
    notes: tuple[str, ...] = ()  # about the source as a whole
    needs_examples: tuple[str, ...] = ()
