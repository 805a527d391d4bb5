"""Reading and judging a Gemfile: see ecosystems/gemfile.py for what floats and why."""

from __future__ import annotations

import re
from typing import NamedTuple

from tollgate.checks.pins import gitrefs
from tollgate.checks.pins.gemlock import GemLock
from tollgate.checks.pins.gemlock import read as read_lock
from tollgate.checks.pins.model import Analysis, Files, Note, Ref
from tollgate.checks.pins.rubycalls import Call, Value, calls
from tollgate.checks.secrets.locate import LineIndex

_GIT_SOURCES = frozenset({"git", "github", "gist", "bitbucket"})  # Bundler's built-in ones
_PULL_REQUEST = re.compile(r"https://github\.com/[^/]+/[^/]+/pull/\d+")
_REF_HINT = 'ref: "<full commit sha>"'
_FLOATS = "pins.gemfile.git-branch"
_LOCK_VERDICTS = ("pins.gemfile.missing-from-lock", "pins.gemfile.unversioned-without-lock")
_MOVABLE = "pins.gemfile.git-mutable-ref"


class _Verdict(NamedTuple):
    rule: str
    at: int  # offset of what floats
    detail: str
    fix: str
    replace: Value | None = None  # the option `ref: "<sha>"` replaces (`branch: "main"`)
    after: Value | None = None  # the source value `, ref: "<sha>"` follows, when none is given
    related: tuple[int, ...] = ()  # offsets of other statements that decide it (a block)
    commit: str = ""  # the commit Gemfile.lock builds


def judge(files: Files, lock_text: str | None) -> Analysis:
    """Every floating gem of the Gemfile in `files`, judged with its lockfile's text."""
    parsed = calls(files.text)
    index = LineIndex(files.text)
    notes = []
    if parsed.problem is not None:
        at, problem = parsed.problem
        notes.append(Note(files.path, index.line_of(at), f"cannot read the Gemfile: {problem}"))
    verbs = {call.verb for call in parsed.calls}
    # `lockfile "x.lock"` and `lockfile false` move or drop the lockfile: nothing to judge with.
    custom_lock = "lockfile" in verbs
    lock = read_lock(lock_text) if lock_text is not None and not custom_lock else None
    judgement = _Judge(
        git_sources=_GIT_SOURCES | _custom_git_sources(parsed.calls),
        lock=lock,
        application=lock is None and not custom_lock and "gemspec" not in verbs,
    )
    refs = []
    for call in parsed.calls:
        if call.verb != "gem" or not call.args or call.args[0].kind != "str" or call.splat:
            continue  # a computed name, or `**options` that may hold a source: unknowable
        verdict = judgement.gem(call)
        if verdict is not None:
            refs.append(_ref(index, files.text, call, verdict))
    return Analysis(refs, notes)


def _custom_git_sources(found: list[Call]) -> frozenset[str]:
    """`git_source(:stash) { |repo| ... }` makes `stash:` a git option of `gem`."""
    return frozenset(
        call.args[0].text
        for call in found
        if call.verb == "git_source" and call.args and call.args[0].kind in ("sym", "str")
    )


class _Judge(NamedTuple):
    git_sources: frozenset[str]
    lock: GemLock | None
    application: bool  # no lockfile, no gemspec: a registry gem's requirement is all there is

    def gem(self, call: Call) -> _Verdict | None:
        """The one verdict on a gem: what floats first, then the lock, then strict-only."""
        name = call.args[0].text
        if "path" in call.options:
            return None
        source = next((key for key in call.options if key in self.git_sources), None)
        block = call.block if source is None else None
        if block is not None and block.verb == "path":
            return None
        if source is not None or block is not None:
            floating, movable = _git(call, source, block)
            if floating is not None:
                return self.with_commit(floating, name)
            missing = self.missing(call)
            if missing is not None or movable is None:
                return missing
            return self.with_commit(movable, name)
        if self.lock is not None:
            return self.missing(call)
        if self.application and len(call.args) == 1:
            return _Verdict(
                "pins.gemfile.unversioned-without-lock",
                call.args[0].start,
                f"`{name}` has no version requirement and no Gemfile.lock holds it: "
                "any version installs, the next major one included",
                f'add a requirement (`gem "{name}", "~> 1.2"`) and commit Gemfile.lock '
                "(`bundle lock`)",
            )
        return None

    def missing(self, call: Call) -> _Verdict | None:
        name = call.args[0].text
        if self.lock is None or name.lower() in self.lock.gems:
            return None
        return _Verdict(
            "pins.gemfile.missing-from-lock",
            call.args[0].start,
            f"`{name}` is not in Gemfile.lock",
            "run `bundle lock` (or `bundle install`) and commit Gemfile.lock",
        )

    def with_commit(self, verdict: _Verdict, name: str) -> _Verdict:
        """The verdict with the commit Gemfile.lock builds for this gem, the offline pin."""
        commit = self.lock.revisions.get(name.lower()) if self.lock is not None else None
        if commit is None:
            return verdict
        fix = f'pin `ref: "{commit}"`, the commit Gemfile.lock builds'
        return verdict._replace(fix=fix, commit=commit)


def _git(
    call: Call, source: str | None, block: Call | None
) -> tuple[_Verdict | None, _Verdict | None]:
    """(the verdict if the git gem floats, the strict profile's verdict if it is only movable)."""
    refs = {key: call.options[key] for key in ("ref", "branch", "tag") if key in call.options}
    inherited = not refs and block is not None
    if inherited and block is not None:
        refs = {k: block.options[k] for k in ("ref", "branch", "tag") if k in block.options}
    related = () if block is None else (block.start,)
    where = f" (from the `{block.verb}` block around it)" if inherited and block is not None else ""

    def verdict(rule: str, value: Value, detail: str, replace: bool) -> _Verdict:
        # A gem inheriting its ref from a block is reported on its own line, fixed on the block's.
        at = call.args[0].start if inherited else value.start
        pin = value if replace and not inherited and value.kind == "str" else None
        return _Verdict(rule, at, detail, f"use {_REF_HINT}", pin, None, related)

    if "ref" in refs:
        ref = refs["ref"]
        if ref.kind != "str":
            return None, verdict(_MOVABLE, ref, f"its `ref`{where} is computed", False)
        pinned = gitrefs.kind(ref.text)
        if pinned == "commit":
            return None, None
        if pinned == "moving":
            detail = f"it follows `{ref.text}`{where}, a ref that moves with every push"
            return verdict(_FLOATS, ref, detail, True), None
        what = "an abbreviated commit" if pinned == "short" else "a named ref"
        detail = f"`{ref.text}`{where} is {what}, not a full commit hash"
        return None, verdict(_MOVABLE, ref, detail, True)
    if "branch" in refs:
        branch = refs["branch"]
        shown = f"branch `{branch.text}`" if branch.kind == "str" else "a computed branch"
        detail = f"it follows {shown}{where}: `bundle update` takes whatever it points to then"
        return verdict(_FLOATS, branch, detail, True), None
    if "tag" in refs:
        tag = refs["tag"]
        detail = f"tag `{tag.text}`{where} can be moved to another commit"
        return None, verdict(_MOVABLE, tag, detail, True)
    value = call.options[source] if source is not None else None
    if value is not None and value.kind == "str" and _PULL_REQUEST.match(value.text):
        detail = "a pull request's head moves with every push to it"
        return _Verdict(_FLOATS, value.start, detail, f"use {_REF_HINT}"), None
    detail = f"no `ref:`{where}: it follows the repository's default branch"
    if value is None:
        return _Verdict(
            _FLOATS, call.args[0].start, detail, f"add {_REF_HINT}", None, None, related
        ), None
    return _Verdict(_FLOATS, value.start, detail, f"add {_REF_HINT}", None, value), None


def _ref(index: LineIndex, text: str, call: Call, verdict: _Verdict) -> Ref:
    line = index.line_of(verdict.at)
    shown = index.line_text(line).strip()
    first = index.line_of(call.start)
    if first != line:
        # `branch: "main"` on a continuation line: the gem's own line is part of its identity.
        shown = f"{index.line_text(first).strip()} {shown}"
    lines = set(range(first, index.line_of(call.end) + 1))
    lines.update(index.line_of(offset) for offset in verdict.related)
    return Ref(
        rule=verdict.rule,
        line=line,
        column=index.column_of(verdict.at),
        text=shown,
        name=call.args[0].text,
        detail=verdict.detail,
        fix=verdict.fix,
        related=tuple(sorted(lines - {line})),
        lock=verdict.rule in _LOCK_VERDICTS,
        edit=_edit(index, text, verdict, line) if verdict.commit else None,
    )


def _edit(index: LineIndex, text: str, verdict: _Verdict, line: int) -> tuple[str, str] | None:
    """`branch: "main"` -> `ref: "<sha>"`, or `github: "o/r"` -> `github: "o/r", ref: "<sha>"`,
    in the option syntax the line already uses; only for an option written on the reported line."""
    option = verdict.replace or verdict.after
    if option is None or option.key < 0 or index.line_of(option.end) != line:
        return None
    written = text[option.key : option.end]
    if written.startswith(":"):
        pin = f':ref => "{verdict.commit}"'
    elif written.startswith(("'", '"')):
        pin = f'"ref" => "{verdict.commit}"'
    else:
        pin = f'ref: "{verdict.commit}"'
    if verdict.replace is not None:
        return written, pin
    value = text[option.start : option.end]
    return value, f"{value}, {pin}"
