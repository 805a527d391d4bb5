"""Reading and judging a Cargo.toml: see ecosystems/cargo.py for what floats and why."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from tollgate.checks.pins import gitrefs
from tollgate.checks.pins.cargolock import CargoLock
from tollgate.checks.pins.cargolock import read as read_lock
from tollgate.checks.pins.cargosemver import allows
from tollgate.checks.pins.model import Analysis, Files, Note, Ref
from tollgate.checks.pins.tomlscan import Span, TomlError, load
from tollgate.checks.secrets.locate import LineIndex

_KINDS_OF_DEPENDENCY = (
    "dependencies",
    "dev-dependencies",
    "build-dependencies",
    "dev_dependencies",
    "build_dependencies",  # the pre-2024-edition spellings
)
_REV_HINT = 'rev = "<full commit sha>"'


class _Table(NamedTuple):
    path: tuple[str, ...]
    dependencies: dict[str, Any]
    locked: bool  # its dependencies are resolved into this manifest's Cargo.lock
    registry: bool  # its entries can be registry requirements ([patch] and [replace] cannot)


class _Verdict(NamedTuple):
    rule: str
    key: tuple[str, ...]  # where it is written: the dependency's path, or one of its keys
    at_value: bool  # report the column of the value rather than of the key
    detail: str
    fix: str
    commit: str = ""  # for a git dependency, the commit Cargo.lock resolved it to


def judge(files: Files, lock_text: str | None) -> Analysis:
    """Every floating dependency of the Cargo.toml in `files`, judged with its Cargo.lock's text."""
    try:
        doc = load(files.text)
    except TomlError as error:
        return Analysis([], [Note(files.path, error.line, f"invalid TOML: {error}")])
    locked = read_lock(lock_text) if lock_text is not None else None
    report = _Reporter(files.text, doc.spans)
    refs: list[Ref] = []
    for table in _tables(doc.data):
        for name, spec in table.dependencies.items():
            verdict = _judge(name, spec, table, locked)
            if verdict is not None:
                refs.append(report.ref((*table.path, name), _crate(name, spec), verdict))
    refs.sort(key=lambda r: (r.line, r.column))
    return Analysis(refs, [])


def _crate(key: str, spec: object) -> str:
    """The crate a dependency names, for `allow` globs: `package` when it renames one, and
    without the `:version` of a [replace] key."""
    package = spec.get("package") if isinstance(spec, dict) else None
    return package if isinstance(package, str) else key.partition(":")[0]


def _tables(data: dict[str, Any]) -> Iterator[_Table]:
    for kind in _KINDS_OF_DEPENDENCY:
        yield from _table((kind,), data.get(kind), locked=True)
    targets = data.get("target")
    if isinstance(targets, dict):
        for platform, table in targets.items():
            if isinstance(table, dict):
                for kind in _KINDS_OF_DEPENDENCY:
                    yield from _table(("target", platform, kind), table.get(kind), locked=True)
    workspace = data.get("workspace")
    if isinstance(workspace, dict):
        # Declared for members to inherit: one no member uses is in no lockfile.
        yield from _table(("workspace", "dependencies"), workspace.get("dependencies"), False)
    patches = data.get("patch")
    if isinstance(patches, dict):
        for source, table in patches.items():
            yield from _table(("patch", source), table, locked=False, registry=False)
    yield from _table(("replace",), data.get("replace"), locked=False, registry=False)


def _table(
    path: tuple[str, ...], value: object, locked: bool, registry: bool = True
) -> Iterator[_Table]:
    if isinstance(value, dict):
        yield _Table(path, value, locked, registry)


def _judge(name: str, spec: object, table: _Table, locked: CargoLock | None) -> _Verdict | None:
    """The one verdict on a dependency: what floats first, then the lock, then strict-only."""
    here = (*table.path, name)
    if isinstance(spec, str):
        spec = {"version": spec}
        written_as_string = True
    elif isinstance(spec, dict):
        written_as_string = False
        if spec.get("workspace") is True or "path" in spec:
            return None
    else:
        return None
    crate = spec.get("package", name)
    if "git" in spec:
        floating, strict = _git(here, spec)
        if floating is not None:
            return _with_commit(floating, crate, spec["git"], locked)
        in_lock = _lock_verdict(
            here,
            crate=crate,
            requirement=None,
            table=table,
            locked=locked,
            written_as_string=written_as_string,
        )
        if in_lock is not None or strict is None:
            return in_lock
        return _with_commit(strict, crate, spec["git"], locked)
    if not table.registry:
        return None
    version = spec.get("version")
    if version is None:
        return _Verdict(
            "pins.cargo.wildcard-version",
            here,
            False,
            f"`{name}` has no version, path, git or workspace source: Cargo treats it as `*`",
            f'give it a version requirement (`{name} = "1.2"`) and commit Cargo.lock',
        )
    if not isinstance(version, str):
        return None
    if version.strip() == "*":
        return _Verdict(
            "pins.cargo.wildcard-version",
            here if written_as_string else (*here, "version"),
            True,
            "`*` allows any version, the next major one included",
            f'require the major version you build with (`{name} = "1.2"`) and commit Cargo.lock',
        )
    return _lock_verdict(
        here,
        crate=crate,
        requirement=version,
        table=table,
        locked=locked,
        written_as_string=written_as_string,
    )


def _git(here: tuple[str, ...], spec: dict[str, Any]) -> tuple[_Verdict | None, _Verdict | None]:
    """(the verdict if it floats, the strict profile's verdict if it is only movable)."""
    rev, branch, tag = spec.get("rev"), spec.get("branch"), spec.get("tag")
    moving = "pins.cargo.git-without-rev"
    if isinstance(rev, str):
        pinned = gitrefs.kind(rev)
        if pinned == "commit":
            return None, None
        if pinned == "moving":
            detail = f'`rev = "{rev}"` names a ref that moves with every push'
            return _Verdict(moving, (*here, "rev"), False, detail, f"use {_REV_HINT}"), None
        what = "an abbreviated commit" if pinned == "short" else "a named ref"
        detail = f'`rev = "{rev}"` is {what}, not a full commit hash'
        verdict = _Verdict(
            "pins.cargo.git-mutable-ref", (*here, "rev"), False, detail, f"use {_REV_HINT}"
        )
        return None, verdict
    if isinstance(branch, str):
        detail = f"it follows branch `{branch}`: `cargo update` takes whatever it points to then"
        return _Verdict(moving, (*here, "branch"), False, detail, f"use {_REV_HINT}"), None
    if isinstance(tag, str):
        detail = f"tag `{tag}` can be moved to another commit"
        fix = f"use {_REV_HINT} (the commit `{tag}` points to)"
        return None, _Verdict("pins.cargo.git-mutable-ref", (*here, "tag"), False, detail, fix)
    detail = "no `rev`, `tag` or `branch`: it follows the repository's default branch"
    return _Verdict(moving, (*here, "git"), True, detail, f"add {_REV_HINT}"), None


def _with_commit(
    verdict: _Verdict, crate: object, url: object, locked: CargoLock | None
) -> _Verdict:
    """The verdict with the one commit Cargo.lock holds for this crate from this repository."""
    if locked is None or not isinstance(crate, str) or not isinstance(url, str):
        return verdict
    commit = locked.commit_of(crate, url)
    if commit is None:
        return verdict
    return verdict._replace(
        commit=commit, fix=f'pin `rev = "{commit}"`, the commit Cargo.lock builds'
    )


def _lock_verdict(
    here: tuple[str, ...],
    *,
    crate: object,
    requirement: str | None,
    table: _Table,
    locked: CargoLock | None,
    written_as_string: bool,
) -> _Verdict | None:
    if locked is None or not table.locked or not isinstance(crate, str):
        return None
    versions = locked.versions_of(crate)
    where = here if written_as_string or requirement is None else (*here, "version")
    fix = "run `cargo update --workspace` (or `cargo build`) and commit Cargo.lock"
    if not versions:
        return _Verdict(
            "pins.cargo.missing-from-lock", where, False, f"`{crate}` is not in Cargo.lock", fix
        )
    if requirement is None or any(allows(requirement, v) for v in versions):
        return None
    return _Verdict(
        "pins.cargo.missing-from-lock",
        where,
        True,
        f"Cargo.lock has {crate} {', '.join(versions)}, which `{requirement}` does not allow",
        fix,
    )


class _Reporter:
    """Turns a verdict on a key path into a Ref on the line where that key is written."""

    def __init__(self, text: str, spans: dict[tuple[str, ...], Span]) -> None:
        self.index = LineIndex(text)
        self.text = text
        self.spans = spans
        # The lines of every key under each path: a `[dependencies.name]` table spreads one
        # dependency over lines, and a change to any of them (its header, its version) is a
        # change to it.
        self.lines: dict[tuple[str, ...], set[int]] = {}
        for path, span in spans.items():
            line = self.index.line_of(span.key)
            for size in range(2, len(path) + 1):
                self.lines.setdefault(path[:size], set()).add(line)

    def ref(self, dependency: tuple[str, ...], name: str, verdict: _Verdict) -> Ref:
        span = self.spans.get(verdict.key) or self.spans.get(dependency)
        offset = 0 if span is None else (span.value if verdict.at_value else span.key)
        line = self.index.line_of(offset)
        text = self.index.line_text(line).strip()
        declared = self.spans.get(dependency)
        if declared is not None and self.index.line_of(declared.key) != line:
            # `version = "*"` under `[dependencies.name]`: the name belongs to the identity.
            text = f"{self.index.line_text(self.index.line_of(declared.key)).strip()} {text}"
        related = sorted(self.lines.get(dependency, set()) - {line})
        return Ref(
            rule=verdict.rule,
            line=line,
            column=self.index.column_of(offset),
            text=text,
            name=name,
            detail=verdict.detail,
            fix=verdict.fix,
            related=tuple(related),
            lock=verdict.rule == "pins.cargo.missing-from-lock",
            edit=self.edit(dependency, verdict, line) if verdict.commit else None,
        )

    def edit(
        self, dependency: tuple[str, ...], verdict: _Verdict, line: int
    ) -> tuple[str, str] | None:
        """Pin the commit Cargo.lock already builds: `branch = "main"` -> `rev = "<sha>"`."""
        span = self.spans.get(verdict.key)
        if span is None or self.index.line_of(span.end) != line:
            return None
        pin = f'rev = "{verdict.commit}"'
        if verdict.key[-1] in ("branch", "rev", "tag"):
            return self.text[span.key : span.end], pin
        declared = self.spans.get(dependency)
        if declared is not None and self.text.startswith("{", declared.value):
            written = self.text[span.value : span.end]
            return written, f"{written}, {pin}"
        return None  # `git = "..."` on its own line under [dependencies.name]: no one-line edit
