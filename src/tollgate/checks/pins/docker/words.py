"""Words of an instruction's arguments, and `$VAR`/`${VAR:-default}` as the build would see them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

_WORD = re.compile(r"(?:\"(?:\\.|[^\"\\])*\"?|'[^']*'?|[^\s\"'])+")
_QUOTES = r"\"((?:\\.|[^\"\\])*)\"?|'([^']*)'?"
_VARIABLE = (
    r"\$(?:\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-+])(?P<word>[^}]*))?\}"
    r"|(?P<plain>[A-Za-z_][A-Za-z0-9_]*))"
)


class Token(NamedTuple):
    text: str  # quotes removed
    start: int  # offsets in the logical arguments
    end: int


class Arg(NamedTuple):
    value: str | None  # None: declared with no default, so only known at build time
    lines: tuple[int, ...]  # the ARG lines the value comes from


def tokens(text: str) -> list[Token]:
    return [Token(_unquote(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def _unquote(text: str) -> str:
    if '"' not in text and "'" not in text:
        return text
    return re.sub(_QUOTES, lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)


def declare(scope: dict[str, Arg], text: str, line: int, inherited: Mapping[str, Arg]) -> None:
    """`ARG NAME[=default] ...`: a stage's bare `ARG NAME` takes the global default."""
    for token in tokens(text):
        name, eq, value = token.text.partition("=")
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            continue
        if eq:
            scope[name] = Arg(value, (line,))
        elif name in inherited and inherited[name].value is not None:
            scope[name] = Arg(inherited[name].value, (*inherited[name].lines, line))
        else:
            scope[name] = Arg(None, (line,))


def expand(text: str, scope: Mapping[str, Arg]) -> tuple[str | None, tuple[int, ...]]:
    """The text with its variables replaced by their defaults, and the ARG lines used; None
    when a value is only known at build time (an ARG with no default, an undeclared name)."""
    used: list[int] = []
    unknown = False

    def replace(match: re.Match[str]) -> str:
        nonlocal unknown
        name = match.group("braced") or match.group("plain")
        op, word = match.group("op"), match.group("word") or ""
        arg = scope.get(name)
        if arg is not None:
            used.extend(arg.lines)
        value = arg.value if arg is not None else None
        if op in (":-", "-"):
            if value is not None and (value or op == "-"):
                return value
            if "$" in word:
                unknown = True
            return word
        if value is None:
            unknown = True
            return ""
        if op in (":+", "+"):
            return word if (value or op == "+") else ""
        return value

    if "$" not in text:
        return text, ()
    result = re.sub(_VARIABLE, replace, text)
    return (None if unknown else result), tuple(dict.fromkeys(used))
