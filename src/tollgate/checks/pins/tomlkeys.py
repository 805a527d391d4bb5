"""Where each key of a TOML document is written: tomli gives values, never positions.

`key_spans(text)` walks a document tomli has accepted and maps every key path to the offsets of
its key and its value, so a verdict reached on tomli's values is reported on the exact line.
"""

from __future__ import annotations

import contextlib
from typing import NamedTuple

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_ESCAPES = {
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    '"': '"',
    "\\": "\\",
}
_HEX_LENGTHS = {"x": 2, "u": 4, "U": 8}
_SCALAR_END = frozenset(",]}#\n\r")


class Span(NamedTuple):
    key: int  # offset of the key (of the `[` for a table header)
    value: int  # offset of the value's first character (the header's for a table)
    end: int  # offset just after the value


def key_spans(text: str) -> dict[tuple[str, ...], Span]:
    """Every key path to its span; the first definition wins (array-of-tables entries repeat,
    and a dotted key defines its prefixes). Text tomli rejects gives what was found before it."""
    walker = _Walker(text)
    with contextlib.suppress(IndexError, ValueError):
        walker.document()
    return walker.found


class _Walker:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.found: dict[tuple[str, ...], Span] = {}

    def document(self) -> None:
        text = self.text
        table: tuple[str, ...] = ()
        while self.pos < len(text):
            self.blank()
            if self.pos >= len(text):
                break
            char = text[self.pos]
            if char in "\r\n#":
                self.rest_of_line()
            elif char == "[":
                table = self.header()
            else:
                self.keyval(table)
                self.rest_of_line()

    def header(self) -> tuple[str, ...]:
        start = self.pos
        double = self.text.startswith("[[", start)
        self.pos += 2 if double else 1
        path = tuple(part for part, _ in self.key())
        self.blank()
        self.pos += 2 if double else 1
        for size in range(1, len(path) + 1):
            self.found.setdefault(path[:size], Span(start, start, self.pos))
        self.rest_of_line()
        return path

    def keyval(self, table: tuple[str, ...] | None) -> None:
        parts = self.key()
        self.blank()
        if self.text[self.pos] != "=":
            raise ValueError("expected =")
        self.pos += 1
        self.blank()
        start = self.pos
        self.value(None if table is None else table + tuple(p for p, _ in parts))
        if table is not None:
            for size, (_, offset) in enumerate(parts, 1):
                path = table + tuple(p for p, _ in parts[:size])
                self.found.setdefault(path, Span(offset, start, self.pos))

    def key(self) -> list[tuple[str, int]]:
        parts: list[tuple[str, int]] = []
        while True:
            self.blank()
            start, char = self.pos, self.text[self.pos]
            if char == '"':
                parts.append((self.basic_string(), start))
            elif char == "'":
                end = self.text.index("'", start + 1)
                parts.append((self.text[start + 1 : end], start))
                self.pos = end + 1
            else:
                while self.text[self.pos] in _BARE:
                    self.pos += 1
                if self.pos == start:
                    raise ValueError("expected a key")
                parts.append((self.text[start : self.pos], start))
            self.blank()
            if self.text[self.pos] != ".":
                return parts
            self.pos += 1

    def value(self, path: tuple[str, ...] | None) -> None:
        text, char = self.text, self.text[self.pos]
        if text.startswith(('"""', "'''"), self.pos):
            self.multiline_string(char)
        elif char == '"':
            self.basic_string()
        elif char == "'":
            self.pos = text.index("'", self.pos + 1) + 1
        elif char == "[":
            self.pos += 1
            while self.skip_blank_lines() != "]":
                self.value(None)  # positions inside arrays are not needed
                if self.skip_blank_lines() == ",":
                    self.pos += 1
            self.pos += 1
        elif char == "{":
            self.pos += 1
            while self.skip_blank_lines() != "}":
                self.keyval(path)
                if self.skip_blank_lines() == ",":
                    self.pos += 1
            self.pos += 1
        else:
            while self.pos < len(text) and text[self.pos] not in _SCALAR_END:
                self.pos += 1
            while text[self.pos - 1] in " \t":
                self.pos -= 1

    def basic_string(self) -> str:
        """Read a one-line basic string at pos; return its value."""
        text, pos, out = self.text, self.pos + 1, []
        while text[pos] != '"':
            if text[pos] == "\\":
                code = text[pos + 1]
                size = _HEX_LENGTHS.get(code)
                if size:
                    out.append(chr(int(text[pos + 2 : pos + 2 + size], 16)))
                    pos += 2 + size
                    continue
                out.append(_ESCAPES.get(code, code))
                pos += 2
                continue
            out.append(text[pos])
            pos += 1
        self.pos = pos + 1
        return "".join(out)

    def multiline_string(self, quote: str) -> None:
        text, pos, closing = self.text, self.pos + 3, quote * 3
        while not text.startswith(closing, pos):
            pos += 2 if quote == '"' and text[pos] == "\\" else 1
        pos += 3
        # Up to two more quotes before the closing three belong to the string.
        for _ in range(2):
            if pos < len(text) and text[pos] == quote:
                pos += 1
        self.pos = pos

    def blank(self) -> None:
        text = self.text
        while self.pos < len(text) and text[self.pos] in " \t":
            self.pos += 1

    def skip_blank_lines(self) -> str:
        """Skip whitespace, newlines and comments (inside arrays and inline tables)."""
        text = self.text
        while True:
            self.blank()
            char = text[self.pos]
            if char == "#":
                self.rest_of_line()
            elif char in "\r\n":
                self.pos += 1
            else:
                return char

    def rest_of_line(self) -> None:
        end = self.text.find("\n", self.pos)
        self.pos = len(self.text) if end < 0 else end + 1
