"""Flow collections (`[a, b]`, `{k: v}`, over one or several lines) and quoted scalars' rules,
for the block reader in yamlblock.py."""

from __future__ import annotations

import re

from tollgate.checks.pins.yamlnodes import Mapping, Node, Scalar, Sequence, YamlError

DQ_END = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
SQ_END = re.compile(r"'(?:[^']|'')*'", re.DOTALL)
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/", "0": "\0", "r": "\r", " ": " "}


def unescape(body: str) -> str:
    if "\\" not in body:
        return body
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


def quoted(body: str, double: bool) -> str:
    """A quoted scalar's value from the text between its quotes. Only the white space around a
    line break goes (YAML 1.2 §7.3): `' '` stays a space. A break becomes a space, each blank
    line after it a newline; in double quotes a `\\` ending the line joins it to the next."""
    rows = body.split("\n")
    parts: list[str] = []
    blanks = 0
    escaped = False
    for index, row in enumerate(rows):
        text = row if index == 0 else row.lstrip(" \t")
        last = index == len(rows) - 1
        if index > 0 and not last and not text.strip(" \t"):
            blanks += 1
            continue
        if index:
            parts.append("\n" * blanks if blanks else "" if escaped else " ")
        blanks = 0
        escaped = False
        if not last:
            text = text.rstrip(" \t")
            trailing = len(text) - len(text.rstrip("\\"))
            if double and trailing % 2:
                text, escaped = text[:-1], True
        parts.append(unescape(text) if double else text.replace("''", "'"))
    return "".join(parts)


def unbalanced(text: str) -> bool:
    depth = 0
    quote = ""
    for char in text:
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
    return depth > 0


class Flow:
    """`[a, b]` and `{k: v}` (possibly nested, possibly over several lines)."""

    def __init__(self, text: str, number: int, column: int) -> None:
        self.text = text
        self.number = number
        self.column = column

    def position(self, offset: int) -> tuple[int, int]:
        before = self.text[:offset]
        newlines = before.count("\n")
        if not newlines:
            return self.number, self.column + offset
        return self.number + newlines, offset - before.rfind("\n")

    def parse(self, at: int) -> tuple[Node, int]:
        at = self.skip(at)
        line, column = self.position(at)
        if self.text.startswith("[", at):
            items: list[Node] = []
            at += 1
            while True:
                at = self.skip(at)
                if self.text.startswith("]", at):
                    return Sequence(tuple(items), line, column), at + 1
                item, at = self.parse(at)
                items.append(item)
                at = self.separator(at, "]")
        if self.text.startswith("{", at):
            pairs: list[tuple[Scalar, Node]] = []
            at += 1
            while True:
                at = self.skip(at)
                if self.text.startswith("}", at):
                    return Mapping(tuple(pairs), line, column), at + 1
                key, at = self.scalar(at, key=True)
                at = self.skip(at)
                if self.text.startswith(":", at):
                    value, at = self.parse(at + 1)
                else:
                    value = Scalar("", key.line, key.column)
                pairs.append((key, value))
                at = self.separator(at, "}")
        return self.scalar(at, key=False)

    def skip(self, at: int) -> int:
        while at < len(self.text) and self.text[at] in " \t\n\r":
            at += 1
        return at

    def separator(self, at: int, close: str) -> int:
        at = self.skip(at)
        if self.text.startswith(",", at):
            return at + 1
        if self.text.startswith(close, at):
            return at
        raise YamlError(self.position(at)[0], f"expected ',' or '{close}' in a flow collection")

    def scalar(self, at: int, key: bool) -> tuple[Scalar, int]:
        line, column = self.position(at)
        quote = self.text[at : at + 1]
        if quote in ("'", '"'):
            pattern = DQ_END if quote == '"' else SQ_END
            match = pattern.match(self.text, at)
            if match is None:
                raise YamlError(line, "unterminated quoted string")
            body = self.text[at + 1 : match.end() - 1]
            value = quoted(body, double=quote == '"')
            return Scalar(value, line, column, quote), match.end()
        end = at
        stops = ",]}" + (":" if key else "")
        while end < len(self.text) and self.text[end] not in stops and self.text[end] != "\n":
            if self.text[end] == ":" and not key and self.text[end + 1 : end + 2] in (" ", ""):
                break
            end += 1
        value = self.text[at:end].strip()
        if value.startswith("*") or value.startswith("&"):
            raise YamlError(line, "anchors and aliases inside flow collections are not supported")
        return Scalar(value, line, column), end
