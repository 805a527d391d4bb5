"""The block structure of YAML (indentation, `key: value`, `- item`, block scalars, documents,
anchors, merges): the reader behind yamlnodes.load_all."""

from __future__ import annotations

import re
from typing import NamedTuple

from tollgate.checks.pins.yamlflow import DQ_END, SQ_END, Flow, quoted, unbalanced, unescape
from tollgate.checks.pins.yamlnodes import Mapping, Node, Scalar, Sequence, YamlError

_KEY = re.compile(
    r"""(?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\[\]{},&*!|>%@`-][^#]*?|-[^\s#][^#]*?)"""
    r"""\s*:(?:[ \t]+|$)"""
)
_BLOCK = re.compile(r"^[|>][+-]?[1-9]?[+-]?$")
_DOC_START = re.compile(r"^---(?:\s|$)")
_DOC_END = re.compile(r"^\.\.\.(?:\s|$)")
_PROPERTY = re.compile(r"^(?:&(?P<anchor>[^\s,\[\]{}]+)|!\S*)(?:[ \t]+|$)")


class _Line(NamedTuple):
    number: int  # 1-based
    indent: int
    text: str  # without indentation and trailing comment


class Reader:
    def __init__(self, text: str) -> None:
        self.raw = text.split("\n")
        self.anchors: dict[str, Node] = {}
        self.pos = 0  # index into self.raw

    # ---- lines ---------------------------------------------------------------------------

    def documents(self) -> list[Node | None]:
        docs: list[Node | None] = []
        while True:
            line = self._next_content()
            if line is None:
                return docs
            if line.indent == 0 and (line.text.startswith("%") or _DOC_END.match(line.text)):
                self.pos += 1  # a directive, or the end marker of the previous document
                continue
            if line.indent == 0 and _DOC_START.match(line.text):
                self.pos += 1
                rest = line.text[3:].strip()
                if rest and _only_properties(rest) is None:  # `--- value` on the marker's line
                    docs.append(self._inline_value(rest, line.number, 5, -1))
                    continue
            docs.append(self._document_body())

    def _document_body(self) -> Node | None:
        line = self._next_content()
        if line is None or _marker(line):
            return None
        node = self._block(line.indent)
        after = self._next_content()
        if after is not None and not _marker(after):
            raise YamlError(after.number, "unexpected content (bad indentation?)")
        return node

    def _next_content(self) -> _Line | None:
        """The next line that holds something, without consuming it."""
        while self.pos < len(self.raw):
            line = self._line(self.pos)
            if line.text:
                return line
            self.pos += 1
        return None

    def _line(self, index: int) -> _Line:
        raw = self.raw[index].rstrip("\r")
        stripped = raw.lstrip(" ")
        indent = len(raw) - len(stripped)
        if stripped.startswith("\t") and stripped.strip():
            raise YamlError(index + 1, "a tab in indentation")
        return _Line(index + 1, indent, _strip_comment(stripped).rstrip())

    # ---- block structure -------------------------------------------------------------------

    def _block(self, indent: int) -> Node:
        line = self._next_content()
        assert line is not None
        if line.text == "-" or line.text.startswith("- "):
            return self._sequence(line.indent)
        if _KEY.match(line.text) and not line.text.startswith(("[", "{", "!", "&", "*")):
            return self._mapping(line.indent, line.indent)
        anchor = _only_properties(line.text)
        if anchor is not None:
            # `&name` or a tag on a line of its own: the properties of the block node below.
            self.pos += 1
            below = self._next_content()
            node: Node = Scalar("", line.number, line.indent + 1)
            if below is not None and not _marker(below) and below.indent >= line.indent:
                node = self._block(below.indent)
            if anchor:
                self.anchors[anchor] = node
            return node
        # A scalar or flow collection standing alone (possibly after properties).
        self.pos += 1
        return self._inline_value(line.text, line.number, line.indent + 1, indent - 1)

    def _sequence(self, indent: int) -> Sequence:
        items: list[Node] = []
        first: _Line | None = None
        while True:
            line = self._next_content()
            if line is None or line.indent != indent:
                break
            if not (line.text == "-" or line.text.startswith("- ")):
                break
            first = first or line
            rest = line.text[1:].lstrip(" ")
            offset = len(line.text) - len(rest)
            column = line.indent + offset  # 0-based column of the item's content
            self.pos += 1
            anchor = ""
            prop = _PROPERTY.match(rest)
            while prop is not None and _KEY.match(rest[prop.end() :]):
                # `- &name key: value`: the anchor names the compact mapping that follows.
                anchor = prop.group("anchor") or anchor
                column += prop.end()
                rest = rest[prop.end() :]
                prop = _PROPERTY.match(rest)
            if rest == "-" or rest.startswith("- "):
                # A nested sequence on the same line: re-read the rest as its own line.
                self.raw[self.pos - 1] = " " * column + rest
                self.pos -= 1
                items.append(self._sequence(column))
            elif _KEY.match(rest) and not rest.startswith(("[", "{", "!", "&", "*")):
                self.raw[self.pos - 1] = " " * column + rest
                self.pos -= 1
                items.append(self._mapping(column, column))
                if anchor:
                    self.anchors[anchor] = items[-1]
            else:
                items.append(self._value(rest, line.number, indent, column + 1, in_sequence=True))
        assert first is not None
        return Sequence(tuple(items), first.number, first.indent + 1)

    def _mapping(self, indent: int, column: int) -> Mapping:
        items: list[tuple[Scalar, Node]] = []
        first_line = 0
        while True:
            line = self._next_content()
            if line is None or line.indent != indent or _marker(line):
                if line is not None and line.indent > indent and items:
                    raise YamlError(line.number, "unexpected indentation")
                break
            match = _KEY.match(line.text)
            if match is None:
                if line.text == "-" or line.text.startswith("- "):
                    break  # a sequence at this indentation ends the mapping (parent's value)
                raise YamlError(line.number, "expected a `key: value` line")
            first_line = first_line or line.number
            key = Scalar(_unquote(match.group("key"), line.number), line.number, indent + 1)
            rest = line.text[match.end() :].strip()
            self.pos += 1
            value_column = indent + match.end() + 1
            value = self._value(rest, line.number, indent, value_column, in_sequence=False)
            if key.value == "<<":
                _merge(items, value, line.number)
                continue
            # An explicit key wins over one merged in with `<<`, wherever the merge stands.
            items = [(k, v) for k, v in items if k.value != key.value]
            items.append((key, value))
        return Mapping(tuple(items), first_line, column + 1)

    def _value(
        self, rest: str, number: int, parent_indent: int, column: int, in_sequence: bool
    ) -> Node:
        """The value after `key:` or `- `: inline, a block scalar, or a block below."""
        anchor = ""
        while True:
            prop = _PROPERTY.match(rest)
            if prop is None:
                break
            anchor = prop.group("anchor") or anchor
            column += prop.end()
            rest = rest[prop.end() :]
        if not rest:
            # A key's value may be a sequence at the key's own indentation; an item's may not.
            node = self._child(parent_indent, allow_same_indent_sequence=not in_sequence)
            value: Node = node if node is not None else Scalar("", number, column)
        elif _BLOCK.match(rest):
            value = self._block_scalar(rest[0], parent_indent, number)
        else:
            value = self._inline_value(rest, number, column, parent_indent)
        if anchor:
            self.anchors[anchor] = value
        return value

    def _child(self, indent: int, allow_same_indent_sequence: bool = False) -> Node | None:
        line = self._next_content()
        if line is None:
            return None
        if line.indent > indent:
            return self._block(line.indent)
        same = line.indent == indent and (line.text == "-" or line.text.startswith("- "))
        if allow_same_indent_sequence and same:
            return self._sequence(indent)
        return None

    def _block_scalar(self, style: str, parent_indent: int, number: int) -> Scalar:
        body: list[str] = []
        first = 0
        indent = -1
        while self.pos < len(self.raw):
            raw = self.raw[self.pos].rstrip("\r")
            stripped = raw.lstrip(" ")
            current = len(raw) - len(stripped)
            if stripped and current <= parent_indent:
                break
            if stripped and indent < 0:
                indent = current
                first = self.pos + 1
            if stripped and current < indent:
                break
            body.append(raw[indent:] if indent >= 0 else "")
            self.pos += 1
        while body and not body[-1].strip():
            body.pop()
        lead = 0
        while lead < len(body) and not body[lead].strip():
            lead += 1
        text = "\n".join(body[lead:])
        return Scalar(text, first or number + 1, max(indent, 0) + 1, style)

    # ---- inline values ---------------------------------------------------------------------

    def _inline_value(self, rest: str, number: int, column: int, parent_indent: int) -> Node:
        anchor = ""
        while True:
            prop = _PROPERTY.match(rest)
            if prop is None:
                break
            anchor = prop.group("anchor") or anchor
            column += prop.end()
            rest = rest[prop.end() :]
        if rest.startswith("*"):
            name = rest[1:].strip()
            if name not in self.anchors:
                raise YamlError(number, f"unknown alias *{name}")
            return self.anchors[name]
        if rest.startswith(("[", "{")):
            node: Node = self._flow(rest, number, column)
        elif rest.startswith('"'):
            node = self._double_quoted(rest, number, column)
        elif rest.startswith("'"):
            node = self._single_quoted(rest, number, column)
        elif not rest:
            node = Scalar("", number, column)
        else:
            node = self._plain(rest, number, column, parent_indent)
        if anchor:
            self.anchors[anchor] = node
        return node

    def _plain(self, rest: str, number: int, column: int, parent_indent: int) -> Scalar:
        if ": " in rest or rest.endswith(":"):
            raise YamlError(number, "a `key: value` inside a plain value (quote the value)")
        parts = [rest]
        # Continuation lines of a multi-line plain scalar are more indented than its parent.
        while self.pos < len(self.raw):
            line = self._line(self.pos)
            if not line.text:
                if self.pos + 1 < len(self.raw) and self._continues(self.pos + 1, parent_indent):
                    parts.append("\n")
                    self.pos += 1
                    continue
                break
            if line.indent <= parent_indent or _KEY.match(line.text):
                break
            parts.append(line.text)
            self.pos += 1
        value = " ".join(parts).replace(" \n ", "\n")
        return Scalar(value, number, column)

    def _continues(self, index: int, parent_indent: int) -> bool:
        line = self._line(index)
        return bool(line.text) and line.indent > parent_indent and not _KEY.match(line.text)

    def _double_quoted(self, rest: str, number: int, column: int) -> Scalar:
        text, end, _ = self._gather(rest, number, DQ_END)
        self._trailing(text[end + 1 :], number)
        return Scalar(quoted(text[1:end], double=True), number, column, '"')

    def _single_quoted(self, rest: str, number: int, column: int) -> Scalar:
        text, end, _ = self._gather(rest, number, SQ_END)
        self._trailing(text[end + 1 :], number)
        return Scalar(quoted(text[1:end], double=False), number, column, "'")

    def _gather(self, rest: str, number: int, end: re.Pattern[str]) -> tuple[str, int, int]:
        """The quoted text, continued over raw lines until its closing quote."""
        text = rest
        lines = 0
        while True:
            match = end.match(text)
            if match:
                return text, match.end() - 1, lines
            if self.pos >= len(self.raw):
                raise YamlError(number, "unterminated quoted string")
            text += "\n" + self.raw[self.pos].rstrip("\r")
            self.pos += 1
            lines += 1

    def _trailing(self, after: str, number: int) -> None:
        after = _strip_comment(after.lstrip()) if after.strip() else ""
        if after.strip():
            raise YamlError(number, "unexpected text after a quoted string")

    def _flow(self, rest: str, number: int, column: int) -> Node:
        text = rest
        while unbalanced(text):
            if self.pos >= len(self.raw):
                raise YamlError(number, "unterminated flow collection")
            text += "\n" + _strip_comment(self.raw[self.pos].rstrip("\r"))
            self.pos += 1
        node, end = Flow(text, number, column).parse(0)
        if text[end:].strip():
            raise YamlError(number, "unexpected text after a flow collection")
        return node


def _unquote(key: str, number: int) -> str:
    key = key.strip()
    if key.startswith('"') and key.endswith('"') and len(key) > 1:
        return unescape(key[1:-1])
    if key.startswith("'") and key.endswith("'") and len(key) > 1:
        return key[1:-1].replace("''", "'")
    return key


def _only_properties(text: str) -> str | None:
    """The anchor ("" if none) when `text` holds node properties (`&name`, `!tag`) and nothing
    else; None otherwise."""
    anchor, rest = "", text
    while rest:
        prop = _PROPERTY.match(rest)
        if prop is None:
            return None
        anchor = prop.group("anchor") or anchor
        rest = rest[prop.end() :]
    return anchor if text else None


def _marker(line: _Line) -> bool:
    return line.indent == 0 and bool(_DOC_START.match(line.text) or _DOC_END.match(line.text))


def _strip_comment(text: str) -> str:
    """`text` without a trailing `# comment` (a # that starts the text or follows a blank)."""
    if "#" not in text:
        return text
    quote = ""
    for i, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
            elif char == "\\" and quote == '"':
                continue
        elif char in "'\"" and (i == 0 or text[i - 1] in " \t:[{,-"):
            quote = char
        elif char == "#" and (i == 0 or text[i - 1] in " \t"):
            return text[:i]
    return text


def _merge(items: list[tuple[Scalar, Node]], value: Node, number: int) -> None:
    sources = value.items if isinstance(value, Sequence) else (value,)
    present = {key.value for key, _ in items}
    for source in sources:
        if not isinstance(source, Mapping):
            raise YamlError(number, "`<<` merges a mapping (or a list of mappings)")
        for key, item in source.items:
            if key.value not in present:
                items.append((key, item))
                present.add(key.value)
