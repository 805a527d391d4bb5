"""Shell scripts written as YAML values, each script line with the file line and column it is at.

The shared shell analyser reports exact positions only if it is told where every script line
sits. A block scalar (`|`) keeps one script line per file line; a folded one (`>`) and a plain
scalar continued over several lines are one command, so their lines are handed over joined by
a shell line continuation, which keeps both the meaning and the positions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from tollgate.checks.pins.yamlrefs import without_comment

if TYPE_CHECKING:
    from tollgate.checks.pins.yamlnodes import Node, Scalar


class Script(NamedTuple):
    text: str
    lines: list[int]  # the file line of each script line
    columns: list[int]  # the 1-based column of each script line's first character


def script_lines(node: Node | None, lines: list[str]) -> list[Script]:
    """The scripts of a `script:`-style value: a string, or a list of strings nested one level
    by `*anchor`s. A `!reference [job, script]` is skipped: the script it names is judged where
    it is written."""
    from tollgate.checks.pins.yamlnodes import Scalar, Sequence  # noqa: PLC0415

    if isinstance(node, Scalar):
        return [positions(node, lines)] if node.value.strip() else []
    if not isinstance(node, Sequence) or _is_reference(node, lines):
        return []
    return [script for item in node.items for script in script_lines(item, lines)]


def positions(scalar: Scalar, lines: list[str]) -> Script:
    count = scalar.value.count("\n") + 1
    if scalar.style in ("|", ">"):
        text = _fold(scalar.value) if scalar.style == ">" else scalar.value
        return Script(text, [scalar.line + i for i in range(count)], [scalar.column] * count)
    if scalar.style == "" and count == 1:
        continued = _continued(scalar, lines)
        if continued is not None:
            return continued
    column = scalar.column + (1 if scalar.style else 0)  # after the opening quote
    return Script(scalar.value, [scalar.line] * count, [column] * count)


def _continued(scalar: Scalar, lines: list[str]) -> Script | None:
    """A plain scalar's pieces, one per file line; None if they cannot be matched to the value."""
    first = without_comment(lines[scalar.line - 1][scalar.column - 1 :]).strip()
    pieces, at, columns = [first], [scalar.line], [scalar.column]
    size = len(first)
    index = scalar.line  # 0-based index of the next file line
    while size < len(scalar.value) and index < len(lines):
        raw = lines[index].rstrip("\r")
        piece = without_comment(raw).strip()
        pieces.append(piece)
        at.append(index + 1)
        columns.append(len(raw) - len(raw.lstrip()) + 1)
        size += 1 + len(piece)
        index += 1
    if " ".join(pieces) != scalar.value:
        return None
    return Script(" \\\n".join(pieces), at, columns)


def _fold(value: str) -> str:
    """A folded scalar's lines, each that YAML joins to the next ending in a continuation."""
    rows = value.split("\n")
    for i in range(len(rows) - 1):
        row, following = rows[i], rows[i + 1]
        if row and following and not row[0].isspace() and not following[0].isspace():
            rows[i] = row + " \\"
    return "\n".join(rows)


def _is_reference(node: Node, lines: list[str]) -> bool:
    before = lines[node.line - 1][: node.column - 1] if 0 < node.line <= len(lines) else ""
    return before.rstrip().endswith("!reference")
