"""The judgement of a pyproject.toml: PEP 621, PEP 735, Poetry, uv sources, build requirements.

With a uv.lock or poetry.lock beside it, ranges are frozen and a declared dependency the lock
does not hold is out of sync. Without one, a library's ranges say what it supports and are
never flagged; an application's float. A `*` Poetry version and a VCS dependency on a branch
float either way. Build requirements are only judged by the strict profile.
"""

from __future__ import annotations

from typing import Any

from tollgate.checks.pins import pyreq
from tollgate.checks.pins.ecosystems.pyproject import NAME
from tollgate.checks.pins.model import Analysis, Files, Note, Ref
from tollgate.checks.pins.pyjudge import Verdict, floating_detail, spec_state, vcs_verdict
from tollgate.checks.pins.pyprojfacts import Project, pep508_items, poetry_items
from tollgate.checks.pins.pyprojfacts import project as project_facts
from tollgate.checks.pins.tomlscan import Path, TomlError, excerpt_at, load
from tollgate.pack.model import PinSettings

RULE = f"pins.{NAME}."

_PIN_GIT = '`rev = "<40-hex commit SHA>"`'
_PIN_URL = "`@<40-hex commit SHA>` after the URL"


def judge(files: Files, settings: PinSettings) -> Analysis:
    try:
        doc = load(files.text)
    except TomlError as exc:
        return Analysis([], [Note(files.path, exc.line, f"invalid TOML: {exc}")])
    project = project_facts(files, doc, settings)
    refs: list[Ref] = []
    notes: list[Note] = []
    for path, value, build in pep508_items(doc):
        ref = _judge_pep508(project, path, value, build, notes)
        if ref is not None:
            refs.append(ref)
    for path, name, value in poetry_items(doc):
        refs.extend(_judge_poetry(project, path, name, value))
    sources = doc.get("tool", "uv", "sources")
    for name, value in (sources if isinstance(sources, dict) else {}).items():
        refs.extend(_judge_uv_source(project, ("tool", "uv", "sources", name), name, value))
    return Analysis(refs, notes)


def _judge_pep508(
    project: Project, path: Path, value: str, build: bool, notes: list[Note]
) -> Ref | None:
    line = project.doc.line(path)[0]
    requirement = pyreq.parse(value)
    if requirement is None:
        notes.append(Note(project.files.path, line, f"not a PEP 508 requirement: {value[:80]!r}"))
        return None
    name = pyreq.canonical(requirement.name)
    source = pyreq.source(requirement.url) if requirement.url else None
    if source is not None and source.kind == "local":
        return None
    if build:
        # No lockfile holds build requirements: a VCS one is judged here, a range only by strict.
        if source is not None:
            return _ref(project, path, name, _vcs(requirement.url, source))
        if spec_state(requirement.specifier) == "exact" or name in project.build_constraints:
            return None
        return _ref(project, path, name, Verdict(
            "build-unpinned",
            floating_detail(requirement.short(),
                            spec_state(requirement.specifier), "each build"),
            f"pin it (`{name}==X.Y.Z`), or pin build requirements with `[tool.uv] "
            "build-constraint-dependencies` or pip's `PIP_CONSTRAINT`",
        ))  # fmt: skip
    if name == project.own:
        return None  # `myproject[extra]`: the project itself
    if project.lock is not None:
        return _missing(project, path, name)
    if name in project.sources:
        return None  # judged where [tool.uv.sources] says where it comes from
    if source is not None:
        return _ref(project, path, name, _vcs(requirement.url, source))
    state = spec_state(requirement.specifier)
    if state == "exact" or name in project.constraints or not project.application:
        return None
    return _ref(project, path, name, Verdict(
        "unpinned", floating_detail(requirement.short(), state)
        + " and no lockfile pins it", _fix(project, name),
    ))  # fmt: skip


def _judge_poetry(project: Project, path: Path, name: str, value: Any) -> list[Ref]:
    canonical = pyreq.canonical(name)
    if project.lock is not None:
        ref = _missing(project, path, canonical)
        return [ref] if ref is not None else []
    if isinstance(value, str):
        tables: list[tuple[Path, dict[str, Any]]] = [(path, {"version": value})]
    elif isinstance(value, dict):
        tables = [(path, value)]
    elif isinstance(value, list):  # several constraints, each under its own markers
        tables = [((*path, i), v) for i, v in enumerate(value) if isinstance(v, dict)]
    else:
        return []
    refs = []
    for where, table in tables:
        verdict = _poetry_verdict(project, table)
        if verdict is not None:
            at = next((k for k in ("branch", "tag", "rev") if k in table), "")
            refs.append(_ref(project, (*where, at) if at else where, canonical, verdict))
    return [r for r in refs if r is not None]


def _poetry_verdict(project: Project, table: dict[str, Any]) -> Verdict | None:
    if isinstance(table.get("git"), str):
        return _git_table(table)
    if "path" in table or "url" in table:
        return None
    version = table.get("version")
    if not isinstance(version, str):
        return None  # Poetry 2 details ([project] declares the version)
    state = _poetry_state(version)
    if state == "any":
        return Verdict("unpinned", f"`{version}` allows any version and no lockfile pins it",
                       "pin a version and commit the lockfile: `poetry lock`")  # fmt: skip
    if state == "range" and project.application:
        return Verdict("unpinned", f"`{version}` is a range and no lockfile pins it",
                       "commit the lockfile (`poetry lock`) or pin one version")  # fmt: skip
    return None


def _judge_uv_source(project: Project, path: Path, name: str, value: Any) -> list[Ref]:
    canonical = pyreq.canonical(name)
    if project.lock is not None:
        return []  # the declaration's lock entry (or its absence) is judged where it is declared
    tables = [(path, value)] if isinstance(value, dict) else [
        ((*path, i), v) for i, v in enumerate(value if isinstance(value, list) else ())
        if isinstance(v, dict)]  # fmt: skip
    refs = []
    for where, table in tables:
        if isinstance(table.get("git"), str):
            verdict = _git_table(table)
            at = next((k for k in ("branch", "tag", "rev") if k in table), "")
            ref = _ref(project, (*where, at) if at else where, canonical, verdict)
            if ref is not None:
                refs.append(ref)
    return refs


def _git_table(table: dict[str, Any]) -> Verdict | None:
    """`{ git = "...", branch = "main" }` (Poetry, uv): `branch`, `tag` or `rev` names the ref."""
    for how in ("branch", "tag", "rev"):
        ref = table.get(how)
        if isinstance(ref, str):
            return vcs_verdict(table["git"], ref, "" if how == "rev" else how, _PIN_GIT)
    return vcs_verdict(table["git"], "", "", _PIN_GIT)


def _vcs(url: str, source: pyreq.Source) -> Verdict | None:
    if source.kind != "vcs":
        return None  # an archive URL: a download of one file
    repo, ref = pyreq.split_ref(url.partition("#")[0])
    return vcs_verdict(repo, ref, "", _PIN_URL, source.vcs)


def _missing(project: Project, path: Path, name: str) -> Ref | None:
    lock = project.lock
    if lock is None or name in lock.versions:
        return None
    return _ref(project, path, name, Verdict(
        "missing-from-lock",
        f"`{name}` is not in `{lock.path}`: the lockfile is out of sync with this manifest",
        lock.command,
    ), lock=True)  # fmt: skip


def _fix(project: Project, name: str) -> str:
    if project.doc.get("tool", "poetry") is not None:
        return f"commit a lockfile (`poetry lock`), or pin one version (`{name}==X.Y.Z`)"
    return f"commit a lockfile (`uv lock`), or pin one version (`{name}==X.Y.Z`)"


def _ref(
    project: Project, path: Path, name: str, verdict: Verdict | None, lock: bool = False
) -> Ref | None:
    if verdict is None:
        return None
    line, column = project.doc.line(path)
    shown = project.lines[line - 1] if line <= len(project.lines) else ""
    text = excerpt_at(shown, column) if isinstance(path[-1], int) else excerpt_at(shown, 0)
    return Ref(f"{RULE}{verdict.kind}", line, column, text, name, verdict.detail,
               verdict.fix, lock=lock)  # fmt: skip


def _poetry_state(version: str) -> str:
    """ "any" (`*`), "exact" (`1.2.3`, `==1.2.3`) or "range" for a Poetry constraint."""
    spec = version.strip()
    if spec in ("*", ""):
        return "any"
    exact = spec.lstrip("=").strip()
    if exact[:1].isdigit() and not any(c in exact for c in "*,|<>!~^ "):
        return "exact"
    return "range"
