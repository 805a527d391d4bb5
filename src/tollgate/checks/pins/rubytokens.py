"""The tokens of a Ruby file (a Gemfile), as far as reading literal method calls needs.

Strings (escapes, `#{}` interpolation, `%q()` and friends, heredocs), symbols, `key:` labels,
comments and `=begin` blocks are told apart from code, so that a `#` in a URL or a `gem` in a
comment is never taken for what it is not. Everything else is an opaque operator or identifier.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_SIMPLE = re.compile(
    r"""
    (?P<ws>[ \t\f\v]+|\\\r?\n)
    |(?P<nl>\r?\n)
    |(?P<comment>\#[^\n]*)
    |(?P<label>[A-Za-z_][A-Za-z0-9_]*[?!]?:(?!:))
    |(?P<ident>[A-Za-z_][A-Za-z0-9_]*[?!]?)
    |(?P<sym>:[A-Za-z_][A-Za-z0-9_]*(?:[?!]|=(?![=>~]))?)
    |(?P<num>\d[\d_]*(?:\.\d[\d_]*)?)
    |(?P<op>=>|->|::|\*\*|&&|\|\||<=>|==|=~|!~|<=|>=|\.\.\.?|[^\s\w"'`])
    """,
    re.VERBOSE,
)
_HEREDOC = re.compile(r"<<([~-]?)(?:(['\"`])([A-Za-z_]\w*)\2|([A-Za-z_]\w*))")
_END_OF_BLOCK_COMMENT = re.compile(r"^=end\b.*$\n?", re.MULTILINE)
_PERCENT = re.compile(r"%([qQwWiIrsx]?)([^\w\s])")
_PAIRS = {"(": ")", "[": "]", "{": "}", "<": ">"}
_ESCAPES = {"n": "\n", "t": "\t", "s": " ", "r": "\r", "0": "\0", "e": "\x1b", "a": "\a"}
# After these a `/` or `%` starts a literal, not a division or a modulo.
_VALUE_KEYWORDS = frozenset(
    {
        "if",
        "unless",
        "when",
        "and",
        "or",
        "not",
        "return",
        "elsif",
        "while",
        "until",
        "then",
        "do",
        "puts",
        "p",
    }
)


class Token(NamedTuple):
    kind: str  # str, dstr (a string with interpolation), words, sym, label, ident, num, op, nl
    value: str  # a string's or symbol's value; a label's key; the source text otherwise
    start: int
    end: int


class Tokens(NamedTuple):
    tokens: list[Token]
    problem: tuple[int, str] | None  # (offset, message) where reading had to stop


def tokenize(text: str) -> Tokens:
    reader = _Reader(text)
    try:
        reader.run()
    except IndexError:
        return Tokens(reader.tokens, (reader.started, f"unterminated {reader.reading}"))
    return Tokens(reader.tokens, None)


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[Token] = []
        self.heredocs: list[tuple[str, bool]] = []  # terminators awaited after this line
        self.started = 0
        self.reading = ""

    def run(self) -> None:
        text, pos = self.text, 0
        while pos < len(text):
            if pos == 0 or text[pos - 1] == "\n":
                if text.startswith("=begin", pos):
                    pos = self.block_comment(pos)
                    continue
                if text.startswith("__END__", pos) and text[pos + 7 : pos + 8] in ("", "\n", "\r"):
                    return
            pos = self.token(pos)

    def token(self, pos: int) -> int:
        text, char = self.text, self.text[pos]
        self.started = pos
        if char in {'"', "`"}:
            self.reading = "string"
            end, value, interpolated = self.quoted(pos + 1, char, None)
            return self.string(pos, end, value, interpolated)
        if char == "'":
            self.reading = "string"
            end, value = self.single(pos + 1, "'", None)
            return self.string(pos, end, value, False)
        if char == ":" and text[pos + 1 : pos + 2] in ('"', "'"):
            self.reading = "symbol"
            quote = text[pos + 1]
            end, value = (
                self.quoted(pos + 2, '"', None)[:2]
                if quote == '"'
                else self.single(pos + 2, "'", None)
            )
            self.tokens.append(Token("sym", value, pos, end))
            return end
        if self.value_expected():
            literal = self.literal(pos)
            if literal is not None:
                return literal
        found = _SIMPLE.match(text, pos)
        if found is None:  # a character no alternative takes (non-ASCII in code): opaque
            self.tokens.append(Token("op", char, pos, pos + 1))
            return pos + 1
        kind, end = found.lastgroup or "op", found.end()
        if kind == "nl":
            self.tokens.append(Token("nl", "\n", pos, end))
            return self.skip_heredocs(end)
        if kind in ("ws", "comment"):
            return end
        value = found.group()
        if kind == "label":
            value = value[:-1]
        elif kind == "sym":
            value = value[1:]
        self.tokens.append(Token(kind, value, pos, end))
        return end

    def string(self, start: int, end: int, value: str, interpolated: bool) -> int:
        # `"key": value` is a label, as `key: value` is.
        if self.text[end : end + 1] == ":" and self.text[end + 1 : end + 2] != ":":
            self.tokens.append(Token("label", value, start, end + 1))
            return end + 1
        self.tokens.append(Token("dstr" if interpolated else "str", value, start, end))
        return end

    def value_expected(self) -> bool:
        """Is the next token in a position where `/`, `%` or `<<` start a literal?"""
        if not self.tokens:
            return True
        last = self.tokens[-1]
        if last.kind in ("nl", "label"):
            return True
        if last.kind == "op":
            return last.value not in (")", "]", "}")
        return last.kind == "ident" and last.value in _VALUE_KEYWORDS

    def literal(self, pos: int) -> int | None:
        """A regexp, a %-literal or a heredoc starting at pos, if there is one."""
        text, char = self.text, self.text[pos]
        if char == "/":
            self.reading = "regular expression"
            end = self.quoted(pos + 1, "/", None)[0]
            while end < len(text) and text[end].isalpha():
                end += 1
            self.tokens.append(Token("op", "regexp", pos, end))
            return end
        if char == "%":
            found = _PERCENT.match(text, pos)
            if found is None:
                return None
            self.reading = "%-literal"
            kind, opener = found.group(1), found.group(2)
            closer = _PAIRS.get(opener, opener)
            nested = opener if opener in _PAIRS else None
            if kind in ("q", "w", "i", "s"):
                end, value = self.single(found.end(), closer, nested)
                interpolated = False
            else:
                end, value, interpolated = self.quoted(found.end(), closer, nested)
            if kind in ("w", "W", "i", "I"):
                token = "words"
            elif kind in ("", "q", "Q"):
                token = "dstr" if interpolated else "str"
            else:
                token = "op"  # %r, %s, %x: a regexp, a symbol, a command
            self.tokens.append(Token(token, value, pos, end))
            return end
        if char == "<":
            found = _HEREDOC.match(text, pos)
            if found is None or (
                not found.group(1) and not found.group(2) and not found.group(4).isupper()
            ):
                return None
            terminator = found.group(3) or found.group(4)
            self.heredocs.append((terminator, bool(found.group(1))))
            self.tokens.append(Token("dstr", "", pos, found.end()))
            return found.end()
        return None

    def skip_heredocs(self, pos: int) -> int:
        """After a line that opened heredocs, skip their bodies."""
        text = self.text
        for terminator, indented in self.heredocs:
            self.reading = "heredoc"
            while True:
                end = text.find("\n", pos)
                line = text[pos:] if end < 0 else text[pos:end]
                line = line.rstrip("\r")
                if (line.strip() if indented else line) == terminator:
                    pos = len(text) if end < 0 else end + 1
                    break
                if end < 0:
                    raise IndexError(terminator)
                pos = end + 1
        self.heredocs.clear()
        return pos

    def block_comment(self, pos: int) -> int:
        found = _END_OF_BLOCK_COMMENT.search(self.text, pos)
        return len(self.text) if found is None else found.end()

    def quoted(self, pos: int, closer: str, nested: str | None) -> tuple[int, str, bool]:
        """A double-quoted body from pos to its closer: (end, value, interpolated)."""
        text, out, depth, interpolated = self.text, [], 0, False
        while True:
            char = text[pos]
            if char == "\\":
                following = text[pos + 1]
                out.append(_ESCAPES.get(following, following))
                pos += 2
                continue
            if char == "#" and text[pos + 1] == "{":
                interpolated = True
                start = pos
                pos = self.code(pos + 2)
                out.append(text[start:pos])
                continue
            if char == nested:
                depth += 1
            elif char == closer:
                if depth == 0:
                    return pos + 1, "".join(out), interpolated
                depth -= 1
            out.append(char)
            pos += 1

    def single(self, pos: int, closer: str, nested: str | None) -> tuple[int, str]:
        """A single-quoted body: only `\\\\` and an escaped closer are escapes."""
        text, out, depth = self.text, [], 0
        while True:
            char = text[pos]
            if char == "\\" and text[pos + 1] in ("\\", closer):
                out.append(text[pos + 1])
                pos += 2
                continue
            if char == nested:
                depth += 1
            elif char == closer:
                if depth == 0:
                    return pos + 1, "".join(out)
                depth -= 1
            out.append(char)
            pos += 1

    def code(self, pos: int) -> int:
        """Skip the code of an interpolation up to its closing brace."""
        text, depth = self.text, 0
        while True:
            char = text[pos]
            if char == '"':
                pos = self.quoted(pos + 1, '"', None)[0]
                continue
            if char == "'":
                pos = self.single(pos + 1, "'", None)[0]
                continue
            if char == "{":
                depth += 1
            elif char == "}":
                if depth == 0:
                    return pos + 1
                depth -= 1
            pos += 1
