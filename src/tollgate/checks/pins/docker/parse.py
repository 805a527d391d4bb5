"""Dockerfile instructions as BuildKit reads them, with the file position of every character.

Parser directives (`# escape=`), line continuations (a trailing escape character), comment and
blank lines inside a continued instruction (dropped, as BuildKit drops them) and here-documents
(`RUN <<EOF`, `COPY <<EOF /file`: their bodies follow the instruction).
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

_DIRECTIVE = r"^#\s*([a-zA-Z][a-zA-Z0-9_-]*)\s*=\s*(.*?)\s*$"
_DIRECTIVES = frozenset({"escape", "syntax", "check"})
_KEYWORD = re.compile(r"(\S+)([ \t]*)")
# `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`; never `<<<`, a shell here-string.
HEREDOC = r"(?<!<)<<(?!<)(-?)([\"']?)([A-Za-z0-9_.-]+)\2"  # compiled by `re` when `<<` is seen
_HEREDOC_INSTRUCTIONS = frozenset({"RUN", "COPY", "ADD"})


class Piece(NamedTuple):
    line: int
    column: int  # the 1-based file column of text[0]
    text: str


class Heredoc(NamedTuple):
    delimiter: str
    strip: bool  # `<<-`: leading tabs are removed from the body and the terminator
    body: tuple[Piece, ...]
    end: Piece | None  # the terminator line; None when the file ends first


class Instruction(NamedTuple):
    keyword: str  # upper case; for `ONBUILD RUN ...` the inner instruction (RUN)
    line: int
    pieces: tuple[Piece, ...]  # the arguments: first line from the column after the keyword
    heredocs: tuple[Heredoc, ...]
    escape: str

    def logical(self) -> Logical:
        """The arguments as one line (continuations joined), with a map back to the file."""
        starts: list[int] = []
        parts: list[str] = []
        size = 0
        for i, piece in enumerate(self.pieces):
            text = piece.text
            if i < len(self.pieces) - 1:
                text = text.rstrip()
                text = text[: -len(self.escape)] if text.endswith(self.escape) else text
            starts.append(size)
            parts.append(text)
            size += len(text)
        return Logical("".join(parts), starts, self.pieces)


class Logical(NamedTuple):
    text: str
    starts: list[int]
    pieces: tuple[Piece, ...]

    def position(self, offset: int) -> tuple[int, int]:
        index = max(0, bisect.bisect_right(self.starts, offset) - 1)
        piece = self.pieces[index]
        return piece.line, piece.column + offset - self.starts[index]


class Dockerfile(NamedTuple):
    instructions: list[Instruction]
    problems: list[tuple[int, str]]  # (line, message)


def parse(text: str) -> Dockerfile:
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    escape = "\\"
    instructions: list[Instruction] = []
    problems: list[tuple[int, str]] = []
    directives = True
    i = 0
    while i < len(lines):
        raw = lines[i]
        stripped = raw.strip()
        if directives:
            match = re.match(_DIRECTIVE, raw)
            if match and match.group(1).lower() in _DIRECTIVES:
                if match.group(1).lower() == "escape":
                    if match.group(2) in ("\\", "`"):
                        escape = match.group(2)
                    else:
                        problems.append((i + 1, f"invalid escape directive {match.group(2)!r}"))
                i += 1
                continue
            directives = False
        i += 1
        if not stripped or stripped.startswith("#"):
            continue
        lead = len(raw) - len(raw.lstrip())
        keyword, column = _keyword(raw, lead)
        if keyword == "ONBUILD":
            keyword, column = _keyword(raw, column - 1)
        pieces = [Piece(i, column, raw[column - 1 :])]
        while pieces[-1].text.rstrip().endswith(escape) and i < len(lines):
            following = lines[i]
            i += 1
            if following.strip() and not following.lstrip().startswith("#"):
                pieces.append(Piece(i, 1, following))
        instruction = Instruction(keyword, pieces[0].line, tuple(pieces), (), escape)
        if keyword in _HEREDOC_INSTRUCTIONS and "<<" in raw + "".join(p.text for p in pieces):
            heredocs, i = _heredocs(instruction, lines, i, problems)
            instruction = instruction._replace(heredocs=heredocs)
        instructions.append(instruction)
    return Dockerfile(instructions, problems)


def _keyword(raw: str, at: int) -> tuple[str, int]:
    """The instruction word starting at `at`, and the 1-based column of what follows it."""
    match = _KEYWORD.match(raw, at)
    if match is None:
        return "", len(raw) + 1
    return match.group(1).upper(), match.end() + 1


def _heredocs(
    instruction: Instruction, lines: list[str], i: int, problems: list[tuple[int, str]]
) -> tuple[tuple[Heredoc, ...], int]:
    text = instruction.logical().text
    if text.lstrip().startswith("["):
        return (), i  # exec form: no here-documents
    found: list[Heredoc] = []
    for match in re.finditer(HEREDOC, text):
        strip, delimiter = match.group(1) == "-", match.group(3)
        body: list[Piece] = []
        end: Piece | None = None
        while i < len(lines):
            line = lines[i]
            i += 1
            if (line.lstrip("\t") if strip else line) == delimiter:
                end = Piece(i, 1, line)
                break
            body.append(Piece(i, 1, line))
        if end is None:
            problems.append((instruction.line, f"here-document `{delimiter}` is never closed"))
        found.append(Heredoc(delimiter, strip, tuple(body), end))
    return tuple(found), i
