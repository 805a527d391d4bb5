"""The statement-level method calls of a Gemfile and the blocks around them, without Ruby.

Bundler evaluates a Gemfile as Ruby; its dependencies are the literal calls `gem "x", "~> 1",
git: "...", branch: "main"` (or `gem("x", :git => "...")`), inside `git`/`github`/`path` blocks
whose options they inherit. Arguments that are not literals (`ENV["BRANCH"]`) are `dynamic`:
present, value unknown.
"""

from __future__ import annotations

from typing import NamedTuple

from tollgate.checks.pins.rubytokens import Token, tokenize

# Statements opening a body closed by `end` (when they begin the statement, not as modifiers).
_OPENERS = frozenset(
    {"if", "unless", "while", "until", "case", "begin", "def", "class", "module", "for"}
)
_MODIFIERS = frozenset({"if", "unless", "while", "until", "rescue"})
_SOURCE_BLOCKS = frozenset({"git", "github", "path"})
# A line ending in one of these continues on the next.
_CONTINUES = frozenset(", => ( [ { && || + - * / = == ? : -> . :: and or".split())  # noqa: SIM905


class Value(NamedTuple):
    kind: str  # str, sym, array (of strings), literal (true, 3), dynamic
    text: str  # a string's or symbol's value
    items: tuple[str, ...]  # an array's strings
    start: int
    end: int
    key: int = -1  # an option's: the offset of its key (`branch:`, `:branch =>`)


class Call(NamedTuple):
    verb: str
    start: int  # the verb's offset
    end: int  # the end of the statement's last token
    args: tuple[Value, ...]  # positional
    options: dict[str, Value]  # keyword options (`key: v`, `:key => v`, `"key" => v`)
    splat: bool  # `**options`: more options than these, unknown
    block: Call | None  # the innermost `git`/`github`/`path` block around it


class Calls(NamedTuple):
    calls: list[Call]
    problem: tuple[int, str] | None


def calls(text: str) -> Calls:
    tokens, problem = tokenize(text)
    found: list[Call] = []
    stack: list[Call | None] = []  # one entry per open `do`/opener, a Call for source blocks
    for statement, opens in _statements(tokens, complete=problem is None):
        first = statement[0]
        if first.kind == "ident" and first.value == "end":
            if stack:
                stack.pop()
            continue
        enclosing = next((c for c in reversed(stack) if c is not None), None)
        call = _call(statement, enclosing)
        if call is not None:
            found.append(call)
        if first.kind == "ident" and first.value in _OPENERS:
            stack.append(None)
        elif opens:
            stack.append(call if call is not None and call.verb in _SOURCE_BLOCKS else None)
    return Calls(found, problem)


def _statements(tokens: list[Token], complete: bool) -> list[tuple[list[Token], bool]]:
    """Tokens split into statements; True for one that ends by opening a `do` block. When the
    reading stopped early (not `complete`), the statement it stopped in is left out."""
    found: list[tuple[list[Token], bool]] = []
    current: list[Token] = []
    depth = 0
    params = False  # inside the `|x, y|` parameters that may follow a `do`
    for token in tokens:
        if (
            token.kind == "op"
            and token.value == "|"
            and (params or (not current and found and found[-1][1]))
        ):
            params = not params
            continue
        if params:
            continue
        if token.kind == "nl" or (token.kind == "op" and token.value == ";"):
            if depth == 0 and current and not _continues(current[-1]):
                found.append((current, False))
                current = []
            continue
        if token.kind == "ident" and token.value == "then" and depth == 0:
            # `if cond then gem "x" end` on one line: the condition is a statement of its own.
            if current:
                found.append((current, False))
            current = []
            continue
        if token.kind == "ident" and token.value == "end" and depth == 0:
            if current:
                found.append((current, False))
            found.append(([token], False))
            current = []
            continue
        if token.kind == "op" and token.value in ("(", "[", "{"):
            depth += 1
        elif token.kind == "op" and token.value in (")", "]", "}"):
            depth = max(depth - 1, 0)
        current.append(token)
        if token.kind == "ident" and token.value == "do" and depth == 0:
            found.append((current, True))
            current = []
    if current and complete:
        found.append((current, False))
    return found


def _continues(token: Token) -> bool:
    return token.kind == "label" or (token.kind in ("op", "ident") and token.value in _CONTINUES)


def _call(statement: list[Token], enclosing: Call | None) -> Call | None:
    verb = statement[0]
    if verb.kind != "ident":
        return None
    rest = statement[1:]
    if rest and rest[-1].kind == "ident" and rest[-1].value == "do":
        rest = rest[:-1]
    if rest and rest[0].kind == "op" and rest[0].value == "(" and rest[0].start == verb.end:
        close = _closing(rest)
        rest = rest[1:close]
    else:
        cut = next(
            (i for i, t in enumerate(rest) if t.kind == "ident" and t.value in _MODIFIERS), None
        )
        rest = rest if cut is None else rest[:cut]
    args: list[Value] = []
    options: dict[str, Value] = {}
    splat = False
    for arg in _split(rest):
        if arg[0].kind == "op" and arg[0].value in ("**", "&"):
            splat = splat or arg[0].value == "**"
        elif arg[0].kind == "label":
            options[arg[0].value] = _value(arg[1:], arg[0].end)._replace(key=arg[0].start)
        elif len(arg) >= 2 and arg[0].kind in ("sym", "str") and arg[1].value == "=>":
            options[arg[0].value] = _value(arg[2:], arg[1].end)._replace(key=arg[0].start)
        elif arg[0].kind == "op" and arg[0].value == "{" and arg[-1].value == "}":
            inner = _call([verb, *arg[1:-1]], None)  # a braced hash: its pairs are options
            if inner is not None:
                options.update(inner.options)
                splat = splat or inner.splat
        else:
            args.append(_value(arg, arg[0].start))
    end = statement[-1].end
    return Call(verb.value, verb.start, end, tuple(args), options, splat, enclosing)


def _closing(tokens: list[Token]) -> int:
    """The index of the bracket closing tokens[0] (the end when it is never closed)."""
    depth = 0
    for i, token in enumerate(tokens):
        if token.kind == "op" and token.value in ("(", "[", "{"):
            depth += 1
        elif token.kind == "op" and token.value in (")", "]", "}"):
            depth -= 1
            if depth == 0:
                return i
    return len(tokens)


def _split(tokens: list[Token]) -> list[list[Token]]:
    """Arguments: the tokens between top-level commas."""
    parts: list[list[Token]] = [[]]
    depth = 0
    for token in tokens:
        if token.kind == "op" and token.value in ("(", "[", "{"):
            depth += 1
        elif token.kind == "op" and token.value in (")", "]", "}"):
            depth -= 1
        elif token.kind == "op" and token.value == "," and depth == 0:
            parts.append([])
            continue
        parts[-1].append(token)
    return [part for part in parts if part]


def _value(tokens: list[Token], at: int) -> Value:
    if not tokens:  # Ruby 3.1's `git:` shorthand: the value of a variable named git
        return Value("dynamic", "", (), at, at)
    start, end = tokens[0].start, tokens[-1].end
    if len(tokens) == 1:
        token = tokens[0]
        if token.kind in ("str", "sym"):
            return Value(token.kind, token.value, (), start, end)
        if token.kind == "words":
            return Value("array", "", tuple(token.value.split()), start, end)
        if token.kind == "num" or (
            token.kind == "ident" and token.value in ("true", "false", "nil")
        ):
            return Value("literal", token.value, (), start, end)
    if tokens[0] == ("op", "[", start, tokens[0].end) and tokens[-1].value == "]":
        inner = _split(tokens[1:-1])
        if all(len(item) == 1 and item[0].kind == "str" for item in inner):
            return Value("array", "", tuple(item[0].value for item in inner), start, end)
    return Value("dynamic", "", (), start, end)
