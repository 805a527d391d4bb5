"""A shell lexer good enough to tell which commands a script runs, with their offsets.

Not a POSIX parser: it knows quotes, escapes, line continuations, comments, the operators that
separate commands, redirections, here-documents and command/process substitutions, which is what
"which command runs with which arguments" needs. Reserved words (`if`, `then`, `{`...) stay words;
the analyser skips them at the start of a command. Offsets index the text given, so a caller can
parse a substitution's inside in place and still map what it finds to file positions.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Characters that never end or change a word outside quotes: a run of them is taken in one match.
_PLAIN = re.compile(r"[^\s'\"\\$`|&;<>()]+")
_DQ_PLAIN = re.compile(r'[^"\\$`]+')
_FD = re.compile(r"\d{1,2}(?=[<>])")
_OPS = (
    "&&",
    "||",
    ";;",
    ";&",
    "|&",
    "&>>",
    "&>",
    "<<<",
    "<<-",
    "<<",
    "<&",
    ">&",
    ">>",
    ">|",
    "<>",
    ";",
    "|",
    "&",
    "<",
    ">",
)
REDIRECTS = frozenset({"&>>", "&>", "<<<", "<<-", "<<", "<&", ">&", ">>", ">|", "<>", "<", ">"})
_CONTINUES = frozenset({"|", "|&", "&&", "||"})  # a newline after these does not end the pipeline
_BLANK = " \t\r\f\v"


class Word(NamedTuple):
    text: str  # quotes removed, escapes resolved; `$VAR`, `$(...)` kept as written
    start: int
    end: int
    quoted: bool
    subs: tuple[tuple[int, int], ...]  # inside ranges of $(...), `...`, <(...) and >(...)


class Op(NamedTuple):
    """An operator; a redirection operator also carries its target (`> file`, `<<EOF`)."""

    op: str
    start: int
    end: int
    body: tuple[int, int] | None = None  # a here-document's text, on its `<<` operator
    target: Word | None = None


class Command(NamedTuple):
    words: tuple[Word, ...]
    redirects: tuple[Op, ...]
    start: int
    end: int


class Pipeline(NamedTuple):
    commands: tuple[Command, ...]
    start: int
    end: int


class Parsed(NamedTuple):
    pipelines: list[Pipeline]
    problems: list[tuple[int, str]]  # (offset, message): an unterminated quote or here-document


def parse(text: str, start: int = 0, end: int | None = None) -> Parsed:
    lexer = _Lexer(text, start, len(text) if end is None else end)
    return Parsed(_split(lexer.run()), lexer.problems)


class _Lexer:
    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.i = start
        self.end = end
        self.tokens: list[Word | Op] = []
        self.pending: list[tuple[int, str, bool]] = []  # (token index, delimiter, strip tabs)
        self.depth = 0
        self.problems: list[tuple[int, str]] = []

    def run(self) -> list[Word | Op]:
        text, end = self.text, self.end
        while self.i < end:
            i = self.i
            c = text[i]
            if c in _BLANK:
                self.i += 1
            elif c == "\\" and i + 1 < end and text[i + 1] == "\n":
                self.i += 2
            elif c == "\n":
                self._op("\n", 1)
                self._bodies()
            elif c == "#":
                newline = text.find("\n", i, end)
                self.i = end if newline == -1 else newline
            elif c == "(" and text.startswith("((", i):
                self._word()  # an arithmetic command or `for ((...))`: one word, not a subshell
            elif c == "(" and self._command_position():
                self.depth += 1
                self._op("(", 1)
            elif c == ")" and self.depth:
                self.depth -= 1
                self._op(")", 1)
            elif c in "<>" and i + 1 < end and text[i + 1] == "(":
                self._word()  # a process substitution
            elif c in "|&;<>" or (c.isdigit() and _FD.match(text, i, end)):
                self._operator()
            else:
                self._word()
        for index, delimiter, _ in self.pending:
            self.problems.append(
                (self.tokens[index].start, f"here-document `{delimiter}` has no body")
            )
        return self.tokens

    def _command_position(self) -> bool:
        last = self.tokens[-1] if self.tokens else None
        return last is None or (isinstance(last, Op) and last.op not in REDIRECTS)

    def _op(self, op: str, length: int) -> None:
        self.tokens.append(Op(op, self.i, self.i + length))
        self.i += length

    def _operator(self) -> None:
        text, i = self.text, self.i
        fd = _FD.match(text, i, self.end)
        at = fd.end() if fd else i
        op = next((o for o in _OPS if text.startswith(o, at)), text[at])
        self._op(op, at - i + len(op))
        if op in ("<<", "<<-"):
            while self.i < self.end and text[self.i] in _BLANK:
                self.i += 1
            index = len(self.tokens) - 1
            if self.i < self.end and text[self.i] != "\n":
                delimiter = self._word()
                self.pending.append((index, delimiter.text, op == "<<-"))

    def _bodies(self) -> None:
        """Here-document bodies start on the line after their operator, one after another."""
        text, end = self.text, self.end
        for index, delimiter, strip in self.pending:
            op = self.tokens[index]
            assert isinstance(op, Op)
            body_start = pos = self.i
            while True:
                newline = text.find("\n", pos, end)
                line_end = end if newline == -1 else newline
                line = text[pos:line_end].rstrip("\r")
                if (line.lstrip("\t") if strip else line) == delimiter:
                    self.tokens[index] = op._replace(body=(body_start, pos))
                    self.i = min(line_end + 1, end)
                    break
                if newline == -1:
                    self.tokens[index] = op._replace(body=(body_start, end))
                    self.problems.append((op.start, f"here-document `{delimiter}` is never closed"))
                    self.i = end
                    break
                pos = newline + 1
        self.pending = []

    def _word(self) -> Word:
        text, end = self.text, self.end
        start = i = self.i
        parts: list[str] = []
        subs: list[tuple[int, int]] = []
        quoted = False
        while i < end:
            c = text[i]
            if c in " \t\r\n\f\v":
                break
            if c in "|&;<>":
                if i == start and c in "<>" and i + 1 < end and text[i + 1] == "(":
                    i = self._captured(i, i + 2, _close_paren(text, i + 2, end), parts, subs)
                    continue
                break
            if c == ")" and self.depth:
                break
            if i == start and text.startswith("((", i):
                close = min(_close_paren(text, i + 1, end) + 1, end)
                parts.append(text[i:close])
                i = close
            elif c == "'":
                i = self._single(i, parts)
                quoted = True
            elif c == '"':
                i = self._double(i + 1, parts, subs)
                quoted = True
            elif c == "\\":
                if i + 1 < end and text[i + 1] != "\n":
                    parts.append(text[i + 1])
                    quoted = True
                i += 2
            elif c == "$":
                i = self._dollar(i, parts, subs)
                quoted = quoted or text.startswith(("$'", '$"'), i - 2)
            elif c == "`":
                i = self._captured(i, i + 1, _close_backtick(text, i + 1, end), parts, subs)
            else:
                match = _PLAIN.match(text, i, end)
                if match:
                    parts.append(match.group())
                    i = match.end()
                else:  # `(` or `)` inside a word: literal (PowerShell's `iex (iwr ...)`, `f()`)
                    parts.append(c)
                    i += 1
        i = min(i, end)
        word = Word("".join(parts), start, i, quoted, tuple(subs))
        self.tokens.append(word)
        self.i = i
        return word

    def _single(self, i: int, parts: list[str]) -> int:
        close = self.text.find("'", i + 1, self.end)
        if close == -1:
            self.problems.append((i, "unterminated `'` quote"))
            close = self.end
        parts.append(self.text[i + 1 : close])
        return close + 1

    def _captured(
        self, i: int, inner: int, close: int, parts: list[str], subs: list[tuple[int, int]]
    ) -> int:
        """A command substitution from `i` whose command runs from `inner` to `close`."""
        subs.append((inner, close))
        parts.append(self.text[i : close + 1])
        return close + 1

    def _dollar(self, i: int, parts: list[str], subs: list[tuple[int, int]]) -> int:
        text, end = self.text, self.end
        nxt = text[i + 1] if i + 1 < end else ""
        if nxt == "(":
            close = _close_paren(text, i + 2, end)
            if not text.startswith("((", i + 1):  # $((...)) is arithmetic, not a command
                subs.append((i + 2, close))
            parts.append(text[i : close + 1])
            return close + 1
        if nxt == "{":
            close = _close_brace(text, i + 2, end)
            parts.append(text[i : close + 1])
            return close + 1
        if nxt == "'":
            j = i + 2
            while j < end and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            parts.append(text[i + 2 : min(j, end)])
            return j + 1
        if nxt == '"':
            return self._double(i + 2, parts, subs)
        parts.append("$")
        return i + 1

    def _double(self, i: int, parts: list[str], subs: list[tuple[int, int]]) -> int:
        """The inside of a "..." string from `i`; returns the offset after its closing quote."""
        text, end = self.text, self.end
        opened = i - 1
        while i < end:
            c = text[i]
            if c == '"':
                return i + 1
            if c == "\\":
                if i + 1 < end and text[i + 1] in '"\\$`\n':
                    if text[i + 1] != "\n":
                        parts.append(text[i + 1])
                    i += 2
                else:
                    parts.append(c)
                    i += 1
            elif c == "$" and text.startswith(("$(", "${"), i):
                i = self._dollar(i, parts, subs)
            elif c == "`":
                i = self._captured(i, i + 1, _close_backtick(text, i + 1, end), parts, subs)
            elif c == "$":  # `$"` and `$'` are only special outside double quotes
                parts.append(c)
                i += 1
            else:
                match = _DQ_PLAIN.match(text, i, end)
                assert match is not None
                parts.append(match.group())
                i = match.end()
        self.problems.append((opened, 'unterminated `"` quote'))
        return end


def _close_paren(text: str, i: int, end: int) -> int:
    """The offset of the `)` closing a `(` just before `i` (quotes and nesting respected)."""
    return _close(text, i, end, "(", ")")


def _close_brace(text: str, i: int, end: int) -> int:
    """The offset of the `}` closing a `{` just before `i` (quotes and nesting respected)."""
    return _close(text, i, end, "{", "}")


def _close(text: str, i: int, end: int, opening: str, closing: str) -> int:
    depth = 1
    while i < end:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "'":
            close = text.find("'", i + 1, end)
            i = end if close == -1 else close + 1
            continue
        if c == '"':
            i = _close_quote(text, i + 1, end) + 1
            continue
        if c == opening:
            depth += 1
        elif c == closing:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return end


def _close_quote(text: str, i: int, end: int) -> int:
    while i < end:
        c = text[i]
        if c == "\\":
            i += 2
        elif c == '"':
            return i
        elif c == "$" and text.startswith("(", i + 1):
            i = _close_paren(text, i + 2, end) + 1
        else:
            i += 1
    return end


def _close_backtick(text: str, i: int, end: int) -> int:
    while i < end:
        c = text[i]
        if c == "\\":
            i += 2
        elif c == "`":
            return i
        else:
            i += 1
    return end


def _split(tokens: list[Word | Op]) -> list[Pipeline]:
    pipelines: list[Pipeline] = []
    commands: list[Command] = []
    words: list[Word] = []
    redirects: list[Op] = []
    redirect: Op | None = None
    last = ""

    def close_command() -> None:
        nonlocal redirect
        if redirect is not None:
            redirects.append(redirect)
            redirect = None
        spans = [(w.start, w.end) for w in words] + [
            (r.target.start, r.target.end) for r in redirects if r.target is not None
        ]
        if spans:
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            commands.append(Command(tuple(words), tuple(redirects), start, end))
        words.clear()
        redirects.clear()

    def close_pipeline() -> None:
        if commands:
            pipelines.append(Pipeline(tuple(commands), commands[0].start, commands[-1].end))
            commands.clear()

    for token in tokens:
        if isinstance(token, Word):
            if redirect is not None:
                redirects.append(redirect._replace(target=token))
                redirect = None
            else:
                words.append(token)
            last = ""
            continue
        if token.op in REDIRECTS:
            if redirect is not None:
                redirects.append(redirect)
            redirect = token
            continue
        if token.op == "\n" and last in _CONTINUES:
            continue
        close_command()
        last = token.op
        if token.op not in ("|", "|&"):
            close_pipeline()
    close_command()
    close_pipeline()
    return pipelines
