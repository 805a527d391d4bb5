"""A TOML reader that keeps the line and column of every key and array item.

pyproject.toml, Pipfile and Cargo.toml are small, but tomli knows no positions and importing
it costs a third of the time a hook run may spend on pins; this recursive-descent reader covers
TOML 1.0 (and the newlines in inline tables that TOML 1.1 allows), and reports the first syntax
error with its line. Values: str, bool, int, float, list, dict; a date is kept as its text.
Positions: the line and column of every key and array item, and the offsets of every key and
of its value (for edits in place).
"""

from __future__ import annotations

import bisect
import re
from typing import Any, NamedTuple

Path = tuple[str | int, ...]

_BLANK = re.compile(r"[ \t]*")
_SPACE = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_LITERAL = re.compile(r"'([^'\n]*)'")
# Non-greedy up to a closing quote triple not followed by another quote: `"""a""""` is `a"`.
_ML_BASIC = re.compile(r'"""((?:[^\\]|\\[\s\S])*?)"""(?!")')
_ML_LITERAL = re.compile(r"'''([\s\S]*?)'''(?!')")
_DATE = re.compile(r"\d{4}-\d\d-\d\d(?:[Tt ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[Zz]|[+-]\d\d:\d\d)?)?")
_SCALAR = re.compile(r"[A-Za-z0-9_+.:-]+")
_END = re.compile(r"[ \t]*(?:#[^\n]*)?(?:\r?\n|$)")
# TOML 1.0's escapes, and 1.1's `\e` and `\xHH` (tomli reads them).
_ESCAPE = re.compile(
    r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[btnfre\"\\]|[ \t]*\r?\n\s*)"
)
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "e": "\x1b", '"': '"',
            "\\": "\\"}  # fmt: skip


class TomlError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


class Span(NamedTuple):
    key: int  # offset of the key (of the `[` for a table header)
    value: int  # offset of the value's first character (the header's for a table)
    end: int  # offset just after the value (after the header's closing bracket)


class Toml(NamedTuple):
    data: dict[str, Any]
    # Every key's position (of the key; of the header for a table) and every array item's.
    where: dict[Path, tuple[int, int]]
    # Every key path outside arrays (an array of tables' index left out) to its offsets, for
    # edits made in place. The first definition wins: the entries of an array of tables repeat
    # a path, and a header or a dotted key defines its prefixes.
    spans: dict[tuple[str, ...], Span]

    def get(self, *path: str | int) -> Any:
        node: Any = self.data
        for part in path:
            if isinstance(node, dict) and isinstance(part, str):
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                node = node[part]
            else:
                return None
        return node

    def line(self, path: Path) -> tuple[int, int]:
        """The position of `path`, else of its nearest ancestor that has one."""
        while path and path not in self.where:
            path = path[:-1]
        return self.where.get(path, (1, 1))


def load(text: str) -> Toml:
    """Raises TomlError."""
    reader = _Reader(text)
    try:
        reader.document()
    except TomlError:
        raise
    except RecursionError:
        raise reader.error("nested too deeply") from None
    except (ValueError, OverflowError) as exc:  # a bad escape
        raise reader.error(f"invalid TOML ({type(exc).__name__})") from None
    return Toml(reader.root, reader.where, reader.spans)


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.root: dict[str, Any] = {}
        self.where: dict[Path, tuple[int, int]] = {}
        self.defined: set[Path] = set()  # tables opened by a header or closed as inline values
        self.spans: dict[tuple[str, ...], Span] = {}
        self.arrays = 0  # how deep in inline arrays: the keys of their tables have no span

    def error(self, message: str, at: int | None = None) -> TomlError:
        return TomlError(self.position(self.at if at is None else at)[0], message)

    def position(self, at: int) -> tuple[int, int]:
        """1-based line and column of an offset."""
        line = bisect.bisect_right(self.starts, at)
        return line, at - self.starts[line - 1] + 1

    def skip(self, pattern: re.Pattern[str]) -> None:
        found = pattern.match(self.text, self.at)
        if found is not None:
            self.at = found.end()

    def document(self) -> None:
        table: dict[str, Any] = self.root
        path: Path = ()
        while True:
            self.skip(_SPACE)
            if self.at >= len(self.text):
                return
            if self.text.startswith("[", self.at):
                table, path = self.header()
            else:
                self.keyval(table, path)
            found = _END.match(self.text, self.at)
            if found is None:
                raise self.error("expected the end of the line")
            self.at = found.end()

    def header(self) -> tuple[dict[str, Any], Path]:
        start = self.at
        many = self.text.startswith("[[", self.at)
        self.at += 2 if many else 1
        self.skip(_BLANK)
        keys, _ = self.key()
        self.skip(_BLANK)
        close = "]]" if many else "]"
        if not self.text.startswith(close, self.at):
            raise self.error(f"expected {close!r} to close the table header")
        self.at += len(close)
        node: Any = self.root
        path: Path = ()  # resolved: an array of tables' path goes through its last element
        for i, key in enumerate(keys):
            last = i == len(keys) - 1
            if not isinstance(node, dict):
                raise self.error(f"{'.'.join(keys)} is not a table", start)
            if last and many:
                items = node.setdefault(key, [])
                if not isinstance(items, list) or (*path, key) in self.defined:
                    raise self.error(f"{'.'.join(keys)} is not an array of tables", start)
                items.append({})
                path = (*path, key, len(items) - 1)
                node = items[-1]
                break
            child = node.setdefault(key, {})
            path = (*path, key)
            if isinstance(child, list) and child and isinstance(child[-1], dict):
                path = (*path, len(child) - 1)
                child = child[-1]
            node = child
        if not isinstance(node, dict):
            raise self.error(f"{'.'.join(keys)} is not a table", start)
        if not many:
            if path in self.defined:
                raise self.error(f"table [{'.'.join(keys)}] is defined twice", start)
            self.defined.add(path)
        self.where.setdefault(path, self.position(start))
        for size in range(1, len(keys) + 1):
            self.spans.setdefault(tuple(keys[:size]), Span(start, start, self.at))
        return node, path

    def key(self) -> tuple[list[str], list[int]]:
        """A dotted key's parts and the offset of each."""
        keys: list[str] = []
        offsets: list[int] = []
        while True:
            self.skip(_BLANK)
            offsets.append(self.at)
            found = _BASIC.match(self.text, self.at) or _LITERAL.match(self.text, self.at)
            if found is not None:
                quoted = found.group(1)
                keys.append(_unescape(quoted) if found.group(0)[0] == '"' else quoted)
            else:
                found = _BARE.match(self.text, self.at)
                if found is None:
                    raise self.error("expected a key")
                keys.append(found.group(0))
            self.at = found.end()
            self.skip(_BLANK)
            if not self.text.startswith(".", self.at):
                return keys, offsets
            self.at += 1

    def keyval(self, table: dict[str, Any], path: Path) -> None:
        start = self.at
        keys, offsets = self.key()
        if not self.text.startswith("=", self.at):
            raise self.error("expected '=' after a key")
        self.at += 1
        self.skip(_BLANK)
        node = table
        for i, key in enumerate(keys[:-1]):
            child = node.setdefault(key, {})
            if not isinstance(child, dict) or (*path, *keys[: i + 1]) in self.defined:
                raise self.error(f"{key} is already a value", start)
            self.where.setdefault((*path, *keys[: i + 1]), self.position(start))
            node = child
        full = (*path, *keys)
        if keys[-1] in node:
            raise self.error(f"{'.'.join(keys)} is defined twice", start)
        self.where[full] = self.position(start)
        at = self.at
        node[keys[-1]] = self.value(full)
        if not self.arrays:
            names = tuple(part for part in path if isinstance(part, str))
            for size, offset in enumerate(offsets, 1):
                self.spans.setdefault((*names, *keys[:size]), Span(offset, at, self.at))

    def value(self, path: Path) -> Any:
        text, at = self.text, self.at
        if text.startswith("[", at):
            return self.array(path)
        if text.startswith("{", at):
            return self.inline(path)
        for pattern in (_ML_BASIC, _ML_LITERAL, _BASIC, _LITERAL):
            found = pattern.match(text, at)
            if found is not None:
                self.at = found.end()
                content = found.group(1)
                if pattern in (_ML_BASIC, _ML_LITERAL):
                    content = content.removeprefix("\r\n").removeprefix("\n")
                return _unescape(content) if found.group(0)[0] == '"' else content
        found = _DATE.match(text, at) or _SCALAR.match(text, at)
        if found is None:
            raise self.error("expected a value")
        self.at = found.end()
        return _scalar(found.group(0), self, at)

    def array(self, path: Path) -> list[Any]:
        self.at += 1
        self.arrays += 1
        items: list[Any] = []
        while True:
            self.skip(_SPACE)
            if self.text.startswith("]", self.at):
                self.at += 1
                self.arrays -= 1
                return items
            item: Path = (*path, len(items))
            self.where[item] = self.position(self.at)
            items.append(self.value(item))
            self.skip(_SPACE)
            if self.text.startswith(",", self.at):
                self.at += 1
            elif not self.text.startswith("]", self.at):
                raise self.error("expected ',' or ']' in an array")

    def inline(self, path: Path) -> dict[str, Any]:
        self.at += 1
        table: dict[str, Any] = {}
        self.defined.add(path)
        while True:
            self.skip(_SPACE)
            if self.text.startswith("}", self.at):
                self.at += 1
                return table
            self.keyval(table, path)
            self.skip(_SPACE)
            if self.text.startswith(",", self.at):
                self.at += 1
            elif not self.text.startswith("}", self.at):
                raise self.error("expected ',' or '}' in an inline table")


def _scalar(token: str, reader: _Reader, at: int) -> Any:
    if token in ("true", "false"):
        return token == "true"
    if _DATE.fullmatch(token):
        return token
    try:
        return int(token.replace("_", ""), 0) if not re.search(r"[.eE]", token) or token[:2] in (
            "0x", "0o", "0b") else float(token.replace("_", ""))  # fmt: skip
    except ValueError:
        if token in ("inf", "+inf", "-inf", "nan", "+nan", "-nan"):
            return float(token)
        raise reader.error(f"invalid value {token!r}", at) from None


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text

    def one(found: re.Match[str]) -> str:
        code = found.group(1)
        if code[0] in "xuU":
            return chr(int(code[1:], 16))
        if code[0] in " \t\r\n":
            return ""  # a line-ending backslash in a multi-line string
        return _ESCAPES[code]

    return _ESCAPE.sub(one, text)


def excerpt_at(line: str, column: int) -> str:
    """The string literal starting at `column` (an array item), else the line without comment."""
    found = (_BASIC.match(line, column - 1) or _LITERAL.match(line, column - 1)) if column else None
    if found is not None:
        return found.group(0)
    return uncomment(line).strip()


def uncomment(line: str) -> str:
    quote, escaped = "", False
    for i, char in enumerate(line):
        if escaped:
            escaped = False
        elif quote:
            escaped = char == "\\" and quote == '"'
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#":
            return line[:i]
    return line
