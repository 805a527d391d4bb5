"""Parse git's raw and zero-context patch output into entries and the line numbers they add."""

from __future__ import annotations

from typing import NamedTuple

# Modes git uses for the kinds of tree entry we never read as text.
SYMLINK = "120000"
GITLINK = "160000"


class RawEntry(NamedTuple):
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


def parse_added_lines(patch: bytes) -> dict[tuple[str, str], frozenset[int] | None]:
    """Map (old oid, new oid) of each patch section to the new-file line numbers it adds.

    Sections are keyed by blob ids (`--full-index`) rather than by file names, so no quoted or
    oddly-encoded name ever has to be parsed back out of the patch text. A section git shows as
    "Binary files ... differ" maps to `None`: git did not diff it as text (a UTF-16 file, a `-diff`
    attribute), which is not the same as adding no line.
    """
    result: dict[tuple[str, str], frozenset[int] | None] = {}
    key: tuple[str, str] | None = None
    lines: set[int] = set()
    in_header = binary = False
    line = 0  # the new-file number of the next body line
    for raw in patch.split(b"\n"):
        if raw.startswith(b"diff --git "):
            if key is not None:
                result[key] = None if binary else frozenset(lines)
            key, lines, in_header, binary = None, set(), True, False
        elif in_header and raw.startswith(b"index "):
            span = raw.split()[1].decode("ascii")
            old, _, new = span.partition("..")
            key = (old, new)
        elif in_header and raw.startswith(b"Binary files "):
            binary = True
        elif raw.startswith(b"@@ "):
            in_header = False
            line = _new_start(raw)
        elif in_header or raw.startswith((b"-", b"\\")):
            continue
        elif raw.startswith(b"+"):
            lines.add(line)
            line += 1
        else:
            # Context, though -U0 asks for none: diff.interHunkContext or GIT_DIFF_OPTS can add it,
            # so the added lines are counted from the body, never read off the hunk header.
            line += 1
    if key is not None:
        result[key] = None if binary else frozenset(lines)
    return result


def added_lines(old: str, new: str) -> frozenset[int]:
    """The 1-based lines of `new` that are not in `old`, for a change git would not diff as text."""
    import difflib  # noqa: PLC0415 - only for the rare file git calls binary

    old_lines, new_lines = old.split("\n"), new.split("\n")
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines)
    added: set[int] = set()
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            added.update(range(j1 + 1, j2 + 1))
    return frozenset(added)


def _new_start(header: bytes) -> int:
    # "@@ -a[,b] +c[,d] @@": the new side's body starts at line c.
    plus = header.split()[2].decode("ascii")[1:]
    return int(plus.partition(",")[0])
