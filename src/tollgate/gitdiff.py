"""Parse git's raw and zero-context patch output into entries and the line numbers they add."""

from __future__ import annotations

from dataclasses import dataclass

# Modes git uses for the kinds of tree entry we never read as text.
SYMLINK = "120000"
GITLINK = "160000"


@dataclass(frozen=True, slots=True)
class RawEntry:
    status: str  # A, M, D, R, C, T, U
    old_mode: str
    new_mode: str
    old_oid: str
    new_oid: str
    path: str
    old_path: str


def parse_raw(out: bytes) -> list[RawEntry]:
    """Parse `git diff --raw -z` output; paths are exact bytes decoded losslessly."""
    fields = out.split(b"\0")
    entries: list[RawEntry] = []
    i = 0
    while i < len(fields) and fields[i]:
        meta = fields[i].decode("ascii").lstrip(":").split()
        old_mode, new_mode, old_oid, new_oid, status = meta[:5]
        letter = status[0]
        if letter in "RC":
            old_path, path = _path(fields[i + 1]), _path(fields[i + 2])
            i += 3
        else:
            old_path = path = _path(fields[i + 1])
            i += 2
        entries.append(RawEntry(letter, old_mode, new_mode, old_oid, new_oid, path, old_path))
    return entries


def _path(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def parse_added_lines(patch: bytes) -> dict[tuple[str, str], frozenset[int]]:
    """Map (old oid, new oid) of each patch section to the new-file line numbers it adds.

    Sections are keyed by blob ids (`--full-index`) rather than by file names, so no quoted or
    oddly-encoded name ever has to be parsed back out of the patch text.
    """
    result: dict[tuple[str, str], frozenset[int]] = {}
    key: tuple[str, str] | None = None
    lines: set[int] = set()
    in_header = False
    for raw in patch.split(b"\n"):
        if raw.startswith(b"diff --git "):
            if key is not None:
                result[key] = frozenset(lines)
            key, lines, in_header = None, set(), True
        elif in_header and raw.startswith(b"index "):
            span = raw.split()[1].decode("ascii")
            old, _, new = span.partition("..")
            key = (old, new)
        elif raw.startswith(b"@@ "):
            in_header = False
            lines.update(_hunk_added(raw))
    if key is not None:
        result[key] = frozenset(lines)
    return result


def _hunk_added(header: bytes) -> range:
    # "@@ -a[,b] +c[,d] @@": d lines added starting at c; d defaults to 1.
    plus = header.split()[2].decode("ascii")[1:]
    start, _, count = plus.partition(",")
    n = int(count) if count else 1
    return range(int(start), int(start) + n)
