"""The judgement of a Pipfile (pipenv), with the Pipfile.lock beside it.

A Pipfile describes an application: without a lock, `"*"` and ranges float; with one, every
package must be in it (pipenv records the version, the hashes and a git dependency's commit).
Checking Pipfile.lock's `_meta.hash` would need pipenv's exact normalisation of the Pipfile, so
sync is judged by the package names instead.
"""

from __future__ import annotations

from typing import Any

from tollgate.checks.pins import pyreq
from tollgate.checks.pins.ecosystems.pipfile import NAME, context
from tollgate.checks.pins.model import Analysis, Files, Note, Ref
from tollgate.checks.pins.pyjudge import Verdict, floating_detail, spec_state, vcs_verdict
from tollgate.checks.pins.tomlscan import Path, Toml, TomlError, excerpt_at, load

RULE = f"pins.{NAME}."

# Pipfile tables that are not package categories.
_NOT_PACKAGES = frozenset({"source", "requires", "scripts", "pipenv", "pipfile"})


def judge(files: Files) -> Analysis:
    try:
        doc = load(files.text)
    except TomlError as exc:
        return Analysis([], [Note(files.path, exc.line, f"invalid TOML: {exc}")])
    notes: list[Note] = []
    locked = _locked(files, notes)
    lines = files.text.split("\n")
    refs: list[Ref] = []
    for category, packages in doc.data.items():
        if category in _NOT_PACKAGES or not isinstance(packages, dict):
            continue
        for name, value in packages.items():
            path: Path = (category, name)
            canonical = pyreq.canonical(name)
            if locked is not None:
                # A path dependency is locked under its metadata's name, not always this key.
                local = isinstance(value, dict) and "path" in value
                verdict = None if canonical in locked or local else _missing(files.path, canonical)
            else:
                verdict, path = _verdict(value, path)
            if verdict is not None:
                refs.append(_ref(doc, lines, path, canonical, verdict))
    return Analysis(refs, notes)


def _locked(files: Files, notes: list[Note]) -> set[str] | None:
    """Every package name the lock holds, in any category; None without a readable lock."""
    from tollgate.checks.pins.pylocks import pipfile_lock  # noqa: PLC0415

    path = context(files.path)[0]
    text = files.get(path)
    if text is None:
        return None
    try:
        sections = pipfile_lock(text)
    except (ValueError, RecursionError) as exc:
        notes.append(Note(path, getattr(exc, "lineno", 0), f"invalid JSON: {exc}"))
        return None
    return {name for section in sections.values() for name in section}


def _verdict(value: Any, path: Path) -> tuple[Verdict | None, Path]:
    if isinstance(value, str):
        value = {"version": value}
    if not isinstance(value, dict):
        return None, path
    if isinstance(value.get("git"), str):
        repo, ref = value["git"], value.get("ref")
        if not isinstance(ref, str):
            repo, ref = pyreq.split_ref(repo)
        where = (*path, "ref") if "ref" in value else path
        return vcs_verdict(repo, ref, "", '`ref = "<40-hex commit SHA>"`'), where
    if "path" in value or "file" in value:
        return None, path  # local code, or one archive to download
    version = value.get("version", "*")
    if not isinstance(version, str):
        return None, path
    version = version.strip()
    if version[:1].isdigit():
        version = "==" + version  # pipenv reads a bare version as `==`
    if version in ("*", ""):
        return Verdict(
            "unpinned", f'`"{value.get("version", "*")}"` allows any version and no '
            "Pipfile.lock pins it", "run `pipenv lock` and commit Pipfile.lock",
        ), path  # fmt: skip
    state = spec_state(version) if pyreq.valid_specifier(version) else "range"
    if state == "exact":
        return None, path
    return Verdict(
        "unpinned", floating_detail(version, state) + " and no Pipfile.lock pins it",
        "run `pipenv lock` and commit Pipfile.lock, or pin one version (`==X.Y.Z`)",
    ), path  # fmt: skip


def _missing(manifest: str, name: str) -> Verdict:
    lock = context(manifest)[0]
    return Verdict(
        "missing-from-lock",
        f"`{name}` is not in `{lock}`: the lockfile is out of sync with this Pipfile",
        f"run `pipenv lock` and commit `{lock}`",
    )


def _ref(doc: Toml, lines: list[str], path: Path, name: str, verdict: Verdict) -> Ref:
    line, column = doc.line(path)
    text = excerpt_at(lines[line - 1], 0) if line <= len(lines) else ""
    lock = verdict.kind == "missing-from-lock"
    return Ref(f"{RULE}{verdict.kind}", line, column, text, name, verdict.detail,
               verdict.fix, lock=lock)  # fmt: skip
