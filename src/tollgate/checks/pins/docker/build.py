"""A Dockerfile read instruction by instruction: ARG scopes, stages, and what floats in each."""

from __future__ import annotations

import bisect
import json
import re

from tollgate.checks.pins.docker.parse import HEREDOC, Instruction, Logical, Piece
from tollgate.checks.pins.docker.words import Arg, Token, declare, expand, tokens
from tollgate.checks.pins.images import is_variable, judge_image, parse_image
from tollgate.checks.pins.model import Ref
from tollgate.checks.pins.sh.command import language
from tollgate.checks.pins.shellcmd import Session

RULE = "pins.dockerfile."
_REMOTE = r"(?i)^(?:https?|git|ssh)://|^git@"  # pattern strings: compiled when an ADD needs them
_GIT = r"(?i)^(?:git@|git://|ssh://)|\.git(?:[#:]|$)"
_COMMIT = r"^[0-9a-f]{40}$"


class Build:
    def __init__(self) -> None:
        self.refs: list[Ref] = []
        self.problems: list[tuple[int, str]] = []
        self._globals: dict[str, Arg] = {}  # ARGs before the first FROM: what FROM lines see
        self._scope: dict[str, Arg] | None = None  # the current stage's ARGs
        self._stages: set[str] = set()  # earlier stage names, lower case
        self._sessions: list[Session] = []
        self._posix = True  # no SHELL instruction has swapped /bin/sh for another shell

    def instruction(self, instruction: Instruction) -> None:
        handler = {
            "ARG": self._arg,
            "FROM": self._from,
            "COPY": self._copy,
            "ADD": self._add,
            "RUN": self._run,
            "SHELL": self._shell,
        }.get(instruction.keyword)
        if handler is not None:
            handler(instruction)

    def shell_refs(self) -> list[Ref]:
        refs = [ref for session in self._sessions for ref in session.refs]
        if self._posix:
            self.problems.extend(p for session in self._sessions for p in session.problems)
        return refs

    def _arg(self, instruction: Instruction) -> None:
        text = instruction.logical().text
        if self._scope is None:
            declare(self._globals, text, instruction.line, {})
        else:
            declare(self._scope, text, instruction.line, self._globals)

    def _from(self, instruction: Instruction) -> None:
        logical = instruction.logical()
        words = [t for t in tokens(logical.text) if not t.text.startswith("--")]
        if not words:
            self.problems.append((instruction.line, "FROM names no image"))
            return
        self._image(instruction, logical, words[0], self._globals, named=True)
        if len(words) >= 3 and words[1].text.lower() == "as":
            self._stages.add(words[2].text.lower())
        self._scope = {}
        self._sessions.append(Session())

    def _copy(self, instruction: Instruction) -> None:
        logical = instruction.logical()
        for token in tokens(logical.text):
            if token.text.startswith("--from="):
                value = token.text.removeprefix("--from=")
                self._image(instruction, logical, _at(token, value, logical), self._stage_scope())
            elif not token.text.startswith("--"):
                break

    def _add(self, instruction: Instruction) -> None:
        logical = instruction.logical()
        words = tokens(logical.text)
        if any(t.text.startswith("--checksum=") for t in words):
            return
        sources = [t for t in words if not t.text.startswith(("--", "<<"))][:-1]
        for source in sources:
            url = expand(source.text, self._stage_scope())[0] or source.text
            if not re.match(_REMOTE, url):
                continue
            if re.search(_GIT, url):
                ref = url.partition("#")[2].split(":")[0]
                if re.match(_COMMIT, ref) or re.match(r"^v?\d", ref):
                    continue  # a commit, or a release tag (moved only by force, like an image tag)
                why = f"`#{ref}` is a branch" if ref else "it names no commit"
                detail = f"`{source.text}`: {why}, so the build takes whatever it points to then"
                fix = f"pin a commit: `ADD {url.partition('#')[0]}#<commit sha> <dest>`"
            else:
                detail = (
                    f"`{source.text}` is fetched at build time and nothing checks what comes back"
                )
                fix = (
                    f"`ADD --checksum=sha256:<sha256> {source.text} <dest>` (Dockerfile "
                    "syntax 1.6+), or download it in a RUN and check it with `sha256sum -c`"
                )
            self._ref(
                instruction, logical, source, "add-unverified", name=_host(url), detail=detail,
                fix=fix,
            )  # fmt: skip

    def _run(self, instruction: Instruction) -> None:
        if not self._sessions:
            self._sessions.append(Session())
        session = self._sessions[-1]
        logical = instruction.logical()
        text = logical.text
        start = len(text) - len(text.lstrip())
        flags: list[Token] = []
        if text.startswith("--", start):  # `RUN --mount=... --network=none cmd`
            start = len(text)
            for token in tokens(text):
                if not token.text.startswith("--"):
                    start = token.start
                    break
                flags.append(token)
        for flag in flags:
            if flag.text.startswith("--mount="):
                for part in flag.text.removeprefix("--mount=").split(","):
                    key, _, value = part.partition("=")
                    if key == "from" and value:
                        at = _at(flag, value, logical)
                        self._image(instruction, logical, at, self._stage_scope())
        command = logical.text[start:]
        if command.lstrip().startswith("[") and self._exec_form(session, logical, start):
            return
        heredocs = instruction.heredocs
        if any(heredoc.end is None for heredoc in heredocs):
            return  # it swallowed the rest of the file: a Note says so, nothing is judged
        if heredocs and not re.sub(HEREDOC, "", command).strip():
            body = heredocs[0].body  # `RUN <<EOF`: the here-document is the script
            shebang = body[0].text.strip() if body else ""
            if shebang.startswith("#!") and language(_interpreter(shebang)) != "sh":
                return
            session.add(
                "\n".join(p.text for p in body), [p.line for p in body], [p.column for p in body]
            )
            return
        pieces = _script_pieces(instruction, logical, start)
        for heredoc in heredocs:  # the shell reads them itself, after the command line
            pieces.extend(heredoc.body)
            pieces.extend([heredoc.end] if heredoc.end is not None else [])
        session.add(
            "\n".join(p.text for p in pieces), [p.line for p in pieces], [p.column for p in pieces]
        )

    def _exec_form(self, session: Session, logical: Logical, start: int) -> bool:
        try:
            argv = json.loads(logical.text[start:])
        except ValueError:
            return False  # BuildKit runs a malformed exec form as a shell command
        if not (isinstance(argv, list) and argv and all(isinstance(a, str) for a in argv)):
            return False
        if language(argv[0]) == "sh" and len(argv) > 2 and re.match(r"^-\w*c\w*$", argv[1]):
            script = argv[2]
        else:
            import shlex  # noqa: PLC0415 - only for an exec-form RUN

            script = shlex.join(argv)
        at = start + len(logical.text[start:]) - len(logical.text[start:].lstrip())
        session.add(script, (), (), logical.position(at))
        return True

    def _shell(self, instruction: Instruction) -> None:
        try:
            argv = json.loads(instruction.logical().text)
        except ValueError:
            return
        if isinstance(argv, list) and argv and isinstance(argv[0], str):
            self._posix = language(argv[0]) == "sh"

    def _stage_scope(self) -> dict[str, Arg]:
        return self._globals if self._scope is None else self._scope

    def _image(
        self,
        instruction: Instruction,
        logical: Logical,
        token: Token,
        scope: dict[str, Arg],
        named: bool = False,
    ) -> None:
        """Judge an image reference; `named`: a FROM, where a bare name is an image. In
        `--from=` a bare name may be a build context (`--build-context name=...`): not judged."""
        expanded, lines = expand(token.text, scope)
        if not expanded or is_variable(expanded) or expanded.lower() in self._stages:
            return
        if not named and not any(c in expanded for c in ":/@"):
            return
        verdict = judge_image(expanded)
        if verdict.state == "pinned":
            return
        detail = verdict.detail
        if expanded != token.text:
            numbers = [str(n) for n in lines]
            shown = (
                f"lines {', '.join(numbers[:-1])} and {numbers[-1]}"
                if len(numbers) > 1
                else f"line {''.join(numbers)}"
            )
            detail += f" (`{token.text}` with the ARG default on {shown})"
        kind = "image-floating" if verdict.state == "floating" else "image-no-digest"
        name = parse_image(expanded).name
        self._ref(
            instruction, logical, token, kind, name=name, detail=detail, fix=verdict.fix,
            related=lines,
        )  # fmt: skip

    def _ref(
        self,
        instruction: Instruction,
        logical: Logical,
        token: Token,
        kind: str,
        *,
        name: str,
        detail: str,
        fix: str,
        related: tuple[int, ...] = (),
    ) -> None:
        line, column = logical.position(token.start)
        text = f"{instruction.keyword} {' '.join(logical.text.split())}"
        others = tuple(n for n in related if n != line)
        self.refs.append(Ref(RULE + kind, line, column, text, name, detail, fix, others))


def _at(token: Token, value: str, logical: Logical) -> Token:
    """The `value` part of a `--flag=...` token, with its own offset."""
    found = logical.text.find(value, token.start, token.end)
    return Token(value, found if found != -1 else token.start, token.end)


def _script_pieces(instruction: Instruction, logical: Logical, start: int) -> list[Piece]:
    """The RUN command's lines from `start`, each a Piece the shell analyser maps back."""
    pieces = list(instruction.pieces)
    index = max(0, bisect.bisect_right(logical.starts, start) - 1)
    offset = start - logical.starts[index]
    first = pieces[index]
    rest = [first._replace(column=first.column + offset, text=first.text[offset:])]
    rest.extend(pieces[index + 1 :])
    if instruction.escape != "\\":  # the shell analyser knows `\` continuations only
        rest = [
            p._replace(text=_backslash(p.text, instruction.escape)) if i < len(rest) - 1 else p
            for i, p in enumerate(rest)
        ]
    return rest


def _backslash(text: str, escape: str) -> str:
    stripped = text.rstrip()
    return stripped[: -len(escape)] + "\\" if stripped.endswith(escape) else text


def _interpreter(shebang: str) -> str:
    words = shebang[2:].split()
    if not words:
        return ""
    if words[0].endswith("/env") and len(words) > 1:
        return next((w for w in words[1:] if not w.startswith("-")), "")
    return words[0]


def _host(url: str) -> str:
    match = re.match(r"^[a-z][a-z0-9+.-]*://(?:[^/@]*@)?([^/:?#]+)|^git@([^:]+)", url, re.I)
    return (match.group(1) or match.group(2)).lower() if match else url
