"""The requirements-file format pip reads: logical lines, options and per-requirement hashes.

Lines are joined and comments removed the way pip's `req_file` does it, so a line continued
with `\\` is one requirement reported on its first line, and `url#egg=x` is not a comment
(https://pip.pypa.io/en/stable/reference/requirements-file-format/).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

# pip's COMMENT_RE: a `#` at the start of a line or after whitespace.
_COMMENT = re.compile(r"(^|\s+)#.*$")
_SHORT = re.compile(r"-([rce])\s*(\S.*)")
_LONG = re.compile(r"--(requirement|constraint|editable)(?:\s*=\s*|\s+)(\S.*)")
_KINDS = {"r": "include", "requirement": "include", "c": "constraint", "constraint": "constraint",
          "e": "editable", "editable": "editable"}  # fmt: skip


class Entry(NamedTuple):
    kind: str  # "requirement", "editable", "include", "constraint" or "option"
    value: str  # the requirement, the included path, or the option as written
    hashed: bool  # the requirement carries `--hash`
    line: int  # where the logical line starts
    column: int
    text: str  # that first physical line, without its comment or continuation backslash


def entries(text: str) -> Iterator[Entry]:
    physical = text.removeprefix("\ufeff").split("\n")  # pip decodes a BOM away
    for number, logical in _logical(physical):
        line = _COMMENT.sub("", logical).strip()
        if not line:
            continue
        first = physical[number - 1]
        column = len(first) - len(first.lstrip()) + 1
        shown = _COMMENT.sub("", first).strip().rstrip("\\").strip()
        if line.startswith("-"):
            found = _SHORT.fullmatch(line) or _LONG.fullmatch(line)
            if found is not None:
                value = found.group(2).split()[0]
                yield Entry(_KINDS[found.group(1)], value, False, number, column, shown)
            else:
                yield Entry("option", line.split()[0].partition("=")[0], False, number, column,
                            shown)  # fmt: skip
            continue
        requirement, options = _break_options(line)
        hashed = any(o == "--hash" or o.startswith("--hash=") for o in options.split())
        yield Entry("requirement", requirement, hashed, number, column, shown)


def _logical(physical: list[str]) -> Iterator[tuple[int, str]]:
    """pip's `join_lines`: (first line number, joined text)."""
    parts: list[str] = []
    first = 0
    for number, raw in enumerate(physical, 1):
        line = raw.removesuffix("\r")
        comment = _COMMENT.match(line) is not None
        if not line.endswith("\\") or comment:
            if comment:
                line = " " + line
            if parts:
                parts.append(line)
                yield first, "".join(parts)
                parts = []
            else:
                yield number, line
        else:
            if not parts:
                first = number
            parts.append(line.strip("\\"))
    if parts:
        yield first, "".join(parts)


def _break_options(line: str) -> tuple[str, str]:
    """pip's `break_args_options`: the requirement ends at the first word starting with `-`."""
    words = line.split(" ")
    for i, word in enumerate(words):
        if word.startswith("-"):
            return " ".join(words[:i]).strip(), " ".join(words[i:])
    return line, ""
