"""RE2 patterns as Python's regex parser sees them, for code that walks a pattern's structure.

RE2's syntax is nearly a subset of Python's (`re._parser`, `sre_parse` before 3.11); the few
RE2-only spellings are rewritten first. Inline flags are dropped: nothing here matches text.
"""

from __future__ import annotations

import importlib
import re
import warnings
from typing import Any


def _module(name: str, old_name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:  # Python 3.10
        return importlib.import_module(old_name)


_PARSER = _module("re._parser", "sre_parse")
MAXREPEAT: int = _module("re._constants", "sre_constants").MAXREPEAT

# POSIX classes and the Unicode classes people use in token regexes, by their ASCII members:
# enough to generate from (the engine, not this module, decides what matches).
_POSIX = {
    "alnum": "0-9A-Za-z", "alpha": "A-Za-z", "blank": "\\t ", "digit": "0-9", "graph": "!-~",
    "lower": "a-z", "print": " -~", "punct": "!-/:-@\\[-`{-~", "space": "\\t\\n\\f\\r ",
    "upper": "A-Z", "word": "0-9A-Za-z_", "xdigit": "0-9A-Fa-f",
}  # fmt: skip
_UNICODE = {"L": "A-Za-z", "Lu": "A-Z", "Ll": "a-z", "N": "0-9", "Nd": "0-9"}
_FLAGS = re.compile(r"\(\?([imsU-]+)([:)])")


class SynthesisError(Exception):
    """The pattern uses something no string can be generated for here (look-around, ...)."""


def parse_pattern(pattern: str) -> Any:
    """Python's parse tree of an RE2 pattern (inline flags dropped: they change no generation)."""
    translated = python_syntax(pattern)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "possible nested set": RE2 has no nested sets
            return _PARSER.parse(translated)
    except (re.error, RecursionError, OverflowError) as exc:
        raise SynthesisError(f"cannot parse the pattern: {exc}") from None


def python_syntax(pattern: str) -> str:
    r"""Rewrite RE2-only spellings: `\z`, `\Q..\E`, `\pL`, `[[:alpha:]]`, `(?<name>`, `\x{..}`."""
    out: list[str] = []
    i, size, in_class = 0, len(pattern), False
    while i < size:
        char = pattern[i]
        if char == "\\" and i + 1 < size:
            i = _escape(pattern, i, in_class, out)
            continue
        if in_class:
            if pattern.startswith("[:", i):
                end = pattern.find(":]", i)
                name = pattern[i + 2 : end] if end > 0 else ""
                if name not in _POSIX:
                    raise SynthesisError(f"unknown character class [:{name}:]")
                out.append(_POSIX[name])
                i = end + 2
                continue
            in_class = char != "]"
            out.append("\\[" if char == "[" else char)
            i += 1
            continue
        if char == "[":
            in_class = True
            head = "[^" if pattern.startswith("[^", i) else "["
            out.append(head)
            i += len(head)
            if pattern.startswith("]", i):  # a leading ] is a member, not the end
                out.append("\\]")
                i += 1
            continue
        if pattern.startswith("(?<", i) and not pattern.startswith(("(?<=", "(?<!"), i):
            out.append("(?P<")
            i += 3
            continue
        flags = _FLAGS.match(pattern, i)
        if flags:
            kept = flags.group(1).replace("U", "")
            if flags.group(2) == ":":
                out.append(f"(?{kept}:" if kept.strip("-") and not kept.endswith("-") else "(?:")
            i = flags.end()
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _escape(pattern: str, i: int, in_class: bool, out: list[str]) -> int:
    """Append the Python spelling of the escape at `i`; return where the pattern goes on."""
    letter = pattern[i + 1]
    if letter == "z":
        out.append("\\Z")
        return i + 2
    if letter == "Q":
        end = pattern.find("\\E", i + 2)
        end = len(pattern) if end < 0 else end
        out.append(re.escape(pattern[i + 2 : end]))
        return end + 2
    if letter in "pP":
        if pattern.startswith("{", i + 2):
            close = pattern.find("}", i + 2)
            name, after = pattern[i + 3 : close], close + 1
        else:
            name, after = pattern[i + 2 : i + 3], i + 3
        if letter == "P" or name not in _UNICODE:
            raise SynthesisError(f"cannot generate text for \\{letter}{{{name}}}")
        out.append(_UNICODE[name] if in_class else f"[{_UNICODE[name]}]")
        return after
    if letter == "x" and pattern.startswith("{", i + 2):
        close = pattern.find("}", i + 2)
        try:
            code = int(pattern[i + 3 : close], 16)
        except ValueError:
            raise SynthesisError("bad \\x{...} escape") from None
        out.append(f"\\U{code:08x}")
        return close + 1
    if letter == "C":
        raise SynthesisError("cannot generate text for \\C (any byte)")
    out.append(pattern[i : i + 2])
    return i + 2
