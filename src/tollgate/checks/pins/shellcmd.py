"""Shell commands that run what a server sends unchecked, and installs that float.

The one analyser for shell wherever it is written: shell scripts, Dockerfile RUN, GitHub Actions
`run:`, GitLab `script:`. It lexes the script (quotes, continuations, comments, here-documents,
substitutions), so `echo "curl x | sh"` or a commented line is never a command, then judges each
command: a download piped into an interpreter, a downloaded file run with no checksum check, and
the package managers' installs that pin nothing. Refs carry the rule ids `pins.shell.<kind>`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from tollgate.checks.pins.model import Ref
from tollgate.checks.pins.sh.args import Install, basename
from tollgate.checks.pins.sh.command import argv, body, code, language, runs_stdin
from tollgate.checks.pins.sh.fetch import (
    PS_DOWNLOAD,
    URL,
    Fetch,
    executed,
    fetch,
    host,
    verification,
)
from tollgate.checks.pins.sh.install import installs
from tollgate.checks.pins.sh.parse import Command, Pipeline, Word, parse
from tollgate.checks.pins.sh.source import Source

RULE = "pins.shell."
PIPE = "pipe-to-shell"
DOWNLOAD = "unverified-download"
_DEPTH = 4  # nested `bash -c "$(...)"` levels followed
# A checksum or signature file named after what it covers: `tool.tgz.sha256` covers `tool.tgz`.
_SIDECAR = r"\.(?:sha(?:1|256|384|512)(?:sum)?|md5|asc|sig|minisig|sigstore|pem)$"
# Every program a ref can come from: a script that names none is not lexed at all.
_TRIGGERS = re.compile(
    r"curl|wget|pip|\buvx?\b|npm|npx|yarn|pnpm|\bbunx?\b|\bgo\b|cargo|\bgem\b|dotnet|apt|apk"
    r"|dnf|yum|zypper|choco|cinst|(?i:iwr|irm|invoke-|iex|webclient)"
)


def script_refs(script: str, lines: Sequence[int], columns: Sequence[int]) -> list[Ref]:
    """Every floating command in `script`, whose line i (0-based, split on "\\n") is file line
    `lines[i]` with its first character at 1-based file column `columns[i]`."""
    session = Session()
    session.add(script, lines, columns)
    return session.refs


class _Download(NamedTuple):
    fetch: Fetch
    line: int
    column: int
    text: str
    lines: frozenset[int]


class Session:
    """Scripts analysed in order with shared state: a file downloaded by one script (a Dockerfile
    RUN) and run by a later one is still a download run unverified."""

    def __init__(self) -> None:
        self.refs: list[Ref] = []
        self.problems: list[tuple[int, str]] = []  # (file line, message)
        self._pending: dict[str, _Download] = {}  # by the file's name: the last download wins
        self._seen: set[tuple[str, int, int, str]] = set()

    def add(
        self,
        script: str,
        lines: Sequence[int],
        columns: Sequence[int],
        fixed: tuple[int, int] | None = None,
    ) -> None:
        """Analyse one more script; `fixed` puts everything it finds at one file position (a
        script decoded from a JSON string, whose offsets are not the file's)."""
        if self._pending or _TRIGGERS.search(script):
            self._script(Source(script, lines, columns, fixed), 0, len(script), 0)

    def _script(self, source: Source, start: int, end: int, depth: int) -> None:
        parsed = parse(source.text, start, end)
        if depth == 0:
            self.problems.extend((source.position(at)[0], msg) for at, msg in parsed.problems)
        for pipeline in parsed.pipelines:
            self._pipeline(source, pipeline, depth)

    def _pipeline(self, source: Source, pipeline: Pipeline, depth: int) -> None:
        commands = [_trimmed(command) for command in pipeline.commands]
        pipeline = pipeline._replace(commands=tuple(commands), start=commands[0].start)
        argvs = [argv(list(command.words)) for command in commands]
        if depth < _DEPTH:  # substitutions run before the command that holds them
            for command in pipeline.commands:
                for word in _words(command):
                    for start, end in word.subs:
                        self._script(source, start, end, depth + 1)
        self._piped(source, pipeline, argvs)
        for command, words in zip(pipeline.commands, argvs, strict=True):
            if words:
                self._command(source, pipeline, command, words, depth)

    def _piped(self, source: Source, pipeline: Pipeline, argvs: list[list[Word]]) -> None:
        """`curl URL | sh`: a download on standard output read by an interpreter."""
        found: tuple[Command, Fetch] | None = None
        for command, words in zip(pipeline.commands, argvs, strict=True):
            if not words:
                continue
            if found is None:
                download = fetch(words)
                if download is not None and download.output is None:
                    found = (command, download)
            elif runs_stdin(words):
                self._pipe(source, found[0].start, pipeline, found[1], words[0].text)
                return

    def _command(
        self, source: Source, pipeline: Pipeline, command: Command, words: list[Word], depth: int
    ) -> None:
        self._runs(source, command, words, depth)
        download = fetch(words)
        if download is not None and download.output is None:  # `curl URL > install.sh`
            saved = [
                r.target.text
                for r in command.redirects
                if r.op in (">", ">>", ">|") and r.target is not None
            ]
            download = download._replace(output=saved[-1]) if saved else download
        if download is not None and download.output is not None:
            line, column = source.position(command.start)
            self._pending[_file(download.output)] = _Download(
                download,
                line,
                column,
                source.segment(command.start, command.end),
                frozenset(source.lines_of(command.start, command.end)),
            )
        verifies = verification(words)
        if verifies is not None:
            self._verified(pipeline, verifies == "check")
        for item in _with_neighbours(installs(words), source):
            self._install(source, command, item)

    def _runs(self, source: Source, command: Command, words: list[Word], depth: int) -> None:
        """Code that comes straight from a download: `sh -c "$(curl ...)"`, `bash <(curl ...)`,
        `iex (iwr ...)`; a saved download run unverified; a `-c` string or here-document read
        as a script of its own."""
        name = basename(words[0].text)
        lname = name.lower()
        if lname in ("iex", "invoke-expression"):
            joined = " ".join(w.text for w in words[1:])
            if re.search(PS_DOWNLOAD, joined, re.IGNORECASE):
                match = re.search(URL, joined)
                url = match.group(0) if match else ""
                self._pipe(source, command.start, command, Fetch(url, host(url, name), None), name)
            return
        interpreted = language(name) is not None or name in ("eval", "source", ".")
        if interpreted:
            for word in _fed(command, words):
                download = self._fetch_in(source, word)
                if download is not None:
                    self._pipe(source, command.start, command, download, name)
                    return
        for ran in executed(words) if self._pending else ():
            pending = self._pending.pop(_file(ran), None)
            if pending is not None:
                self._unverified(source, command, pending)
        if depth >= _DEPTH or language(name) not in ("sh", "pwsh"):
            return
        string = code(words)
        if string is not None:
            self._inner(source, string[0], depth)
        elif runs_stdin(words):
            for redirect in command.redirects:
                if redirect.body is not None:
                    self._script(source, redirect.body[0], redirect.body[1], depth + 1)

    def _inner(self, source: Source, word: Word, depth: int) -> None:
        raw = source.text[word.start : word.end]
        if len(raw) >= 2 and raw[0] in "'\"" and raw[-1] == raw[0]:
            self._script(source, word.start + 1, word.end - 1, depth + 1)
        else:
            inner = Source(word.text, (), (), source.position(word.start))
            self._script(inner, 0, len(word.text), depth + 1)

    def _fetch_in(self, source: Source, word: Word) -> Fetch | None:
        """A download whose output this word carries: `"$(curl ...)"`, `<(curl ...)`."""
        for start, end in word.subs:
            for pipeline in parse(source.text, start, end).pipelines:
                for command in pipeline.commands:
                    words = argv(body(command))
                    download = fetch(words) if words else None
                    if download is not None and download.output is None:
                        return download
        return None

    def _verified(self, pipeline: Pipeline, check: bool) -> None:
        """A checksum or signature check verifies the downloads it names; a check that names
        none (`sha256sum -c SHA256SUMS`) covers every download before it."""
        named = False
        for command in pipeline.commands:
            for word in _words(command):
                for token in word.text.split():  # `echo "<sha256>  file" | sha256sum -c`
                    name = _file(re.sub(_SIDECAR, "", token))
                    named = self._pending.pop(name, None) is not None or named
        if check and not named:
            self._pending.clear()

    def _pipe(
        self, source: Source, at: int, span: Pipeline | Command, download: Fetch, runner: str
    ) -> None:
        shown = download.url or download.name
        path = download.url.split("?")[0].split("#")[0].split("://", 1)[-1]
        target = basename(path) if "/" in path.rstrip("/") else ""
        powershell = runner.lower() in ("iex", "invoke-expression")
        target = target if "." in target else "install.ps1" if powershell else "install.sh"
        fix = (
            f"save it (`Invoke-WebRequest -OutFile {target}`), compare `(Get-FileHash {target})"
            ".Hash` with the published SHA-256, then run it"
            if powershell
            else f"download to a file, verify its sha256 (`echo '<sha256>  {target}' | "
            "sha256sum -c`), then run it"
        )
        detail = (
            f"`{shown}` is run by `{runner}` as it downloads: whatever the server sends runs, "
            "and nothing can check it first"
        )
        related = source.lines_of(span.start, span.end)
        self._append(
            _located(source, at, span.start, span.end, PIPE, download.name, detail, fix, related)
        )

    def _unverified(self, source: Source, command: Command, download: _Download) -> None:
        output = download.fetch.output or ""
        ran = source.segment(command.start, command.end)
        line = source.position(command.start)[0]
        self._append(
            Ref(
                RULE + DOWNLOAD,
                download.line,
                download.column,
                download.text,
                download.fetch.name,
                f"`{output}` is downloaded and run (line {line}: `{ran}`) with no checksum or "
                "signature check in between",
                f"verify it before running it: `echo '<sha256>  {output}' | sha256sum -c` between "
                "the download and the run",
                tuple(sorted((download.lines | {line}) - {download.line})),
            )
        )

    def _install(self, source: Source, command: Command, found: Install) -> None:
        related = {source.position(command.start)[0]}
        self._append(
            _located(
                source,
                found.word.start,
                command.start,
                command.end,
                found.kind,
                found.name,
                found.detail,
                found.fix,
                related,
            )
        )

    def _append(self, ref: Ref) -> None:
        key = (ref.rule, ref.line, ref.column, ref.name)
        if key not in self._seen:
            self._seen.add(key)
            self.refs.append(ref)


def _with_neighbours(found: list[Install], source: Source) -> list[Install]:
    """One ref per package; refs of one rule on one line are one finding (one excerpt), so
    each names the line's other packages (up to five): they are all fixed in one go."""
    lines: dict[tuple[str, int], list[str]] = {}
    keys = [(item.kind, source.position(item.word.start)[0]) for item in found]
    for item, key in zip(found, keys, strict=True):
        lines.setdefault(key, []).append(item.name)
    named: list[Install] = []
    for item, key in zip(found, keys, strict=True):
        names = lines[key]
        others = [f"`{n}`" for n in names[:6] if n != item.name][:5]
        more = len(names) - 1 - len(others)
        shown = ", ".join(others) + (f" and {more} more" if more > 0 else "")
        named.append(item._replace(detail=f"{item.detail} (on this line too: {shown})")
                     if others else item)  # fmt: skip
    return named


def _located(  # noqa: PLR0917 - the fields of a Ref, in its order
    source: Source,
    at: int,
    start: int,
    end: int,
    kind: str,
    name: str,
    detail: str,
    fix: str,
    related: set[int],
) -> Ref:
    """A ref at offset `at`, its text the command or pipeline from `start` to `end`."""
    line, column = source.position(at)
    others = tuple(sorted(related - {line}))
    return Ref(RULE + kind, line, column, source.segment(start, end), name, detail, fix, others)


def _trimmed(command: Command) -> Command:
    """The command from its first word that is not `then`, `{`, `f()`..."""
    words = body(command)
    start = words[0].start if words else command.end
    return command._replace(words=tuple(words), start=min(start, command.end))


def _words(command: Command) -> list[Word]:
    return [*command.words, *(r.target for r in command.redirects if r.target is not None)]


def _fed(command: Command, words: list[Word]) -> list[Word]:
    """The words an interpreter runs as code: `eval`'s arguments, a `-c` string, the script
    operand (`bash <(curl ...)`), what it reads on standard input (`< <(...)`, `<<< "$(...)"`).
    Only a substitution that is the whole code counts: `bash -c "echo $(curl ...)"` prints."""
    name = basename(words[0].text)
    if name == "eval":
        fed = words[1:]
    elif name in ("source", "."):
        fed = words[1:2]
    else:
        string = code(words)
        script = [w for w in words[1:] if not w.text.startswith("-")][:1]
        fed = [string[0]] if string is not None else script
        if runs_stdin(words):
            fed += [
                r.target for r in command.redirects if r.target is not None and r.op in ("<", "<<<")
            ]
    return [w for w in fed if w.subs and w.text.lstrip().startswith(("$(", "`", "<("))]


def _file(path: str | None) -> str:
    """A downloaded or run file, by name: `./get.sh`, `/tmp/get.sh` and `"$TMP/get.sh"` match."""
    return basename((path or "").strip("'\""))
