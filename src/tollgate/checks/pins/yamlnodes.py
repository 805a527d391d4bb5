"""A small YAML reader that keeps every scalar's line and column, for the pins check.

CI workflows, compose files, Kubernetes manifests and pre-commit configs are block YAML. PyYAML
would read them, but importing it costs ~10 ms of the 15 ms a manifest commit may add, and its
`safe_load` drops positions. This reader covers the block YAML such files use: mappings and
sequences by indentation (including compact `- key: value` items), plain, quoted and block
scalars, single-line and multi-line flow collections, comments, several documents, tags,
anchors, aliases and `<<` merge keys. What it cannot read it reports as a YamlError with the line,
so a malformed file becomes a warning.
"""

from __future__ import annotations

from typing import NamedTuple


class Scalar(NamedTuple):
    value: str
    line: int  # 1-based
    column: int  # 1-based
    style: str = ""  # "" plain, "'" or '"' quoted, "|" or ">" block


class Mapping(NamedTuple):
    items: tuple[tuple[Scalar, Node], ...]
    line: int
    column: int

    def get(self, key: str) -> Node | None:
        for name, value in self.items:
            if name.value == key:
                return value
        return None


class Sequence(NamedTuple):
    items: tuple[Node, ...]
    line: int
    column: int


Node = Scalar | Mapping | Sequence


class YamlError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


def load_all(text: str) -> list[Node | None]:
    """Every document of `text` (none for an empty stream); an empty document is None."""
    from tollgate.checks.pins.yamlblock import Reader  # noqa: PLC0415

    return Reader(text).documents()


def scalars(node: Node | None) -> list[Scalar]:
    """Every scalar under `node`, keys excluded, in document order."""
    if node is None:
        return []
    if isinstance(node, Scalar):
        return [node]
    if isinstance(node, Sequence):
        return [s for item in node.items for s in scalars(item)]
    return [s for _, value in node.items for s in scalars(value)]
