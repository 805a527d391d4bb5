"""gitleaks allowlist paths are regexes searched in the path; tollgate's are globs.

The common shapes translate: literals, `.`, `.*`, alternations, small optional parts, and the
anchors (`(?:^|/)vendor/`, `\\.(?:jpg|png)$`). Anything else has no glob form and is reported.
"""

from __future__ import annotations

import itertools
import re
from typing import Any, NamedTuple

from tollgate.pack.importers.re2syntax import SynthesisError, parse_pattern

_BEGIN, _END = "\0^", "\0$"
_MAX_GLOBS = 32
_CASELESS = re.compile(r"\(\?[msU]*i[msU]*\)")


class Globs(NamedTuple):
    globs: tuple[str, ...]
    exact: bool  # False when a class repetition (`[^/]*`) became `*`, which also crosses `/`


class _NoGlob(Exception):
    pass


def path_globs(pattern: str) -> Globs | None:
    """Globs (fnmatch) that match the paths `pattern` finds, or None when there are none."""
    try:
        tree = parse_pattern(pattern)
        state = _State(caseless=bool(_CASELESS.search(pattern)))
        alternatives = state.expand(list(tree))
    except (SynthesisError, _NoGlob):
        return None
    globs: list[str] = []
    for tokens in alternatives:
        glob = _glob(tokens)
        if glob is not None and glob not in globs:
            globs.append(glob)
    if not globs or len(globs) > _MAX_GLOBS:
        return None
    return Globs(tuple(globs), state.exact)


def _glob(tokens: tuple[str, ...]) -> str | None:
    begin = bool(tokens) and tokens[0] == _BEGIN
    end = bool(tokens) and tokens[-1] == _END
    body = tokens[1 if begin else 0 : len(tokens) - 1 if end else len(tokens)]
    if _BEGIN in body or _END in body:
        return None  # an anchor in the middle: this alternative matches no path
    glob = ("" if begin else "*") + "".join(body) + ("" if end else "*")
    while "**" in glob:
        glob = glob.replace("**", "*")
    return glob


class _State:
    def __init__(self, caseless: bool) -> None:
        self.caseless = caseless
        self.exact = True

    def expand(self, items: list[Any]) -> list[tuple[str, ...]]:
        result: list[tuple[str, ...]] = [()]
        for op, value in items:
            options = self._item(str(getattr(op, "name", op)), value)
            result = [a + b for a, b in itertools.product(result, options)]
            if len(result) > _MAX_GLOBS:
                raise _NoGlob
        return result

    def _item(self, name: str, value: Any) -> list[tuple[str, ...]]:
        if name == "LITERAL":
            return [(self._literal(chr(value)),)]
        if name == "ANY":
            return [("?",)]
        if name == "IN":
            return [(self._class(value),)]
        if name == "NOT_LITERAL":
            return [(f"[!{_member(chr(value))}]",)]
        if name == "BRANCH":
            return [t for alternative in value[1] for t in self.expand(list(alternative))]
        if name == "SUBPATTERN":
            return self.expand(list(value[-1]))
        if name == "AT":
            at = str(getattr(value, "name", value))
            if at in ("AT_BEGINNING", "AT_BEGINNING_STRING"):
                return [(_BEGIN,)]
            if at in ("AT_END", "AT_END_STRING"):
                return [(_END,)]
            raise _NoGlob
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            return self._repeat(*value)
        raise _NoGlob

    def _repeat(self, low: int, high: int, sub: Any) -> list[tuple[str, ...]]:
        items = list(sub)
        if high > 3 and not low == high <= 8:
            kind = str(getattr(items[0][0], "name", "")) if len(items) == 1 else ""
            if kind not in ("ANY", "IN", "NOT_LITERAL"):
                raise _NoGlob
            one = self._item(kind, items[0][1])[0]
            if one != ("?",):
                self.exact = False  # `[^/]*` becomes `*`
            return [one * low + ("*",)]
        inner = self.expand(items)
        options: list[tuple[str, ...]] = []
        for count in range(low, high + 1):
            for parts in itertools.product(inner, repeat=count):
                options.append(tuple(token for part in parts for token in part))
        return options

    def _literal(self, char: str) -> str:
        if self.caseless and char.isalpha():
            return f"[{char.lower()}{char.upper()}]"
        return f"[{char}]" if char in "*?[" else char

    def _class(self, items: Any) -> str:
        members: list[str] = []
        negate = False
        for op, value in items:
            kind = str(getattr(op, "name", op))
            if kind == "NEGATE":
                negate = True
            elif kind == "LITERAL":
                members.append(_member(chr(value)))
            elif kind == "RANGE":
                members.append(f"{_member(chr(value[0]))}-{_member(chr(value[1]))}")
            elif kind == "CATEGORY" and str(value.name) == "CATEGORY_DIGIT":
                members.append("0-9")
            elif kind == "CATEGORY" and str(value.name) == "CATEGORY_WORD":
                members.append("0-9A-Za-z_")
            else:
                raise _NoGlob
        body = "".join(members)
        if self.caseless:
            body += body.swapcase()
        return f"[{'!' if negate else ''}{body}]"


def _member(char: str) -> str:
    if char in "]!-\\":
        raise _NoGlob  # fnmatch has no escape inside a set for these
    return char
