"""The judgement of pip requirements files, constraints files and pip-compile inputs.

A requirement floats when it names no version or a range, unless a constraints file it includes
(`-c`) pins it; a `.in` file is pip-compile's input, judged against the compiled `.txt` beside it
(its ranges are intended, a name missing from the `.txt` is out of sync). Strict: every
installed requirement carries `--hash`. Paths, `file:` URLs and `-e .` are never judged.
"""

from __future__ import annotations

from typing import NamedTuple

from tollgate.checks.pins import pyreq
from tollgate.checks.pins.ecosystems.requirements import NAME
from tollgate.checks.pins.model import Analysis, Files, Note, Ref
from tollgate.checks.pins.pyjudge import floating_detail, spec_state, vcs_verdict
from tollgate.checks.pins.reqfile import Entry, entries
from tollgate.checks.pins.reqsets import compiled, constraints, locked_version, url_name

RULE = f"pins.{NAME}."
_HASH_FIX = (
    "run `pip-compile --generate-hashes` (or `uv pip compile --generate-hashes`), or add "
    "`--hash=sha256:...` for each of its files (`pip hash` prints one)"
)


def judge(files: Files) -> Analysis:
    listed = list(entries(files.text))
    base = files.path.rpartition("/")[2].lower()
    if "constraints" in base:
        return _judge_constraints(files, listed)
    output = compiled(files) if base.endswith(".in") else None
    if output is not None:
        return _judge_input(files, listed, output)
    return _judge(files, listed)


class _File(NamedTuple):
    """What the whole file decides for each of its requirements."""

    files: Files
    constraints: dict[str, tuple[str, str]]  # name -> (exact version or "", the `-c` file)
    unread: list[str]  # `-c` files tollgate could not read
    hash_mode: bool  # pip checks hashes for every requirement


def _judge(files: Files, listed: list[Entry]) -> Analysis:
    refs: list[Ref] = []
    notes: list[Note] = []
    pins, unread = constraints(files, listed)
    hash_mode = any(e.hashed for e in listed) or any(
        e.kind == "option" and e.value == "--require-hashes" for e in listed
    )
    judged = _File(files, pins, unread, hash_mode)
    for entry in listed:
        target = _target(entry, files.path, notes)
        if target is None:
            continue
        name, requirement, url = target
        if url:
            refs.extend(_judge_url(entry, name, url, hash_mode))
        elif requirement is not None:
            ref = _judge_version(judged, entry, requirement)
            if ref is not None:
                refs.append(ref)
    return Analysis(refs, notes)


def _judge_version(judged: _File, entry: Entry, requirement: pyreq.Requirement) -> Ref | None:
    name = pyreq.canonical(requirement.name)
    state = spec_state(requirement.specifier)
    shown = requirement.short()
    pinned = judged.constraints.get(name)
    if state != "exact" and (pinned is None or not pinned[0]):
        known = locked_version(name, judged.files)
        return Ref(
            f"{RULE}unpinned", entry.line, entry.column, entry.text, name,
            floating_detail(shown, state) + _why_not_frozen(judged, pinned),
            _pin_fix(name, judged.files, known), lock=pinned is not None,
            edit=_pin_edit(entry, requirement, known[0]) if known else None,
        )  # fmt: skip
    if entry.hashed:
        return None
    if judged.hash_mode:
        return Ref(
            f"{RULE}partial-hashes", entry.line, entry.column, entry.text, name,
            f"`{shown}` has no `--hash` while this file uses hashes: pip then checks every "
            "requirement and refuses to install", _HASH_FIX,
        )  # fmt: skip
    return Ref(
        f"{RULE}missing-hash", entry.line, entry.column, entry.text, name,
        f"`{shown}` has no `--hash`: pip installs whatever file the index serves for it",
        _HASH_FIX,
    )  # fmt: skip


def _judge_url(entry: Entry, name: str, url: str, hash_mode: bool = False) -> list[Ref]:
    source = pyreq.source(url)
    if source.kind == "local":
        return []
    if source.kind == "vcs":
        repo, ref = pyreq.split_ref(url.partition("#")[0])
        verdict = vcs_verdict(repo, ref, "", "`@<40-hex commit SHA>` after the URL", source.vcs)
        if verdict is None:
            return []
        return [Ref(f"{RULE}{verdict.kind}", entry.line, entry.column, entry.text, name,
                    verdict.detail, verdict.fix)]  # fmt: skip
    if source.hashed or entry.hashed:
        return []
    # pip counts a direct URL's `#sha256=` as its hash, even with `--require-hashes`.
    kind, why = ("partial-hashes", "pip refuses it while this file uses hashes") if hash_mode else (
        "missing-hash", "the server can change the file")  # fmt: skip
    return [Ref(f"{RULE}{kind}", entry.line, entry.column, entry.text, name,
                f"the archive URL has no `#sha256=` fragment or `--hash`: {why}",
                "add `#sha256=<digest>` to the URL or `--hash=sha256:<digest>`")]  # fmt: skip


def _target(
    entry: Entry, path: str, notes: list[Note]
) -> tuple[str, pyreq.Requirement | None, str] | None:
    """(name, requirement, url) of a requirement or editable line; None for anything not judged."""
    value = entry.value
    if entry.kind == "editable":
        if not pyreq.is_vcs(value):
            return None  # `-e .`, `-e ./pkg`: code in this repository
        return url_name(value), None, value
    if entry.kind != "requirement" or pyreq.looks_local(value):
        return None
    requirement = pyreq.parse(value)
    if requirement is not None:
        return pyreq.canonical(requirement.name), requirement, requirement.url
    if "://" in value or pyreq.is_vcs(value):
        url = value.split()[0]  # a URL with no name: `git+https://...#egg=x`
        return url_name(url), None, url
    notes.append(Note(path, entry.line, f"not a requirement pip can read: {value[:80]!r}"))
    return None


def _judge_input(files: Files, listed: list[Entry], compiled: tuple[str, set[str]]) -> Analysis:
    """A pip-compile input beside its output: ranges are intended; every name must be compiled."""
    refs: list[Ref] = []
    notes: list[Note] = []
    path, names = compiled
    for entry in listed:
        target = _target(entry, files.path, notes)
        if target is None:
            continue
        name, requirement, url = target
        # A URL names its package only by `#egg=`; pip-compile learns the real name from the
        # package's metadata, so a guessed name proves nothing.
        named = requirement is not None or "egg=" in url
        # A requirement under a marker is left out when compiled on another platform.
        marked = requirement is not None and requirement.marker
        if named and name and name not in names and not marked:
            refs.append(Ref(
                f"{RULE}missing-from-lock", entry.line, entry.column, entry.text, name,
                f"`{name}` is not in `{path}`, the file compiled from this one",
                f"re-run `pip-compile {files.path.rpartition('/')[2]}` (or `uv pip compile`) "
                f"so `{path}` pins it", lock=True,
            ))  # fmt: skip
    return Analysis(refs, notes)


def _judge_constraints(files: Files, listed: list[Entry]) -> Analysis:
    """A constraints file only narrows versions: its ranges are intended; a VCS branch floats."""
    refs: list[Ref] = []
    notes: list[Note] = []
    for entry in listed:
        target = _target(entry, files.path, notes)
        if target is not None and target[2] and pyreq.source(target[2]).kind == "vcs":
            refs.extend(_judge_url(entry, target[0], target[2]))
    return Analysis(refs, notes)


def _pin_edit(entry: Entry, requirement: pyreq.Requirement, version: str) -> tuple[str, str] | None:
    """Replace the requirement as written (name, extras, specifier) by its exact pin."""
    written = entry.value.partition(";")[0].rstrip() if requirement.marker else entry.value
    if written not in entry.text:
        return None  # continued over several lines: not one edit on one line
    extras = f"[{requirement.extras}]" if requirement.extras else ""
    return written, f"{requirement.name}{extras}=={version}"


def _why_not_frozen(judged: _File, pinned: tuple[str, str] | None) -> str:
    path = judged.files.path
    if pinned is not None:
        return f", and `{pinned[1]}` constrains it without pinning one version"
    if judged.unread:
        return (
            f" (tollgate does not read `-c {judged.unread[0]}`: only a constraints.txt beside "
            "the file or above it)"
        )
    if path.endswith(".in"):
        return f", and no compiled `{path.rpartition('/')[2][:-3]}.txt` sits beside this file"
    return ""


def _pin_fix(name: str, files: Files, known: tuple[str, str] | None) -> str:
    if known is not None:
        return f"pin it: `{name}=={known[0]}` (the version `{known[1]}` pins)"
    if files.path.endswith(".in"):
        base = files.path.rpartition("/")[2]
        return (
            f"compile it: `pip-compile {base}` writes `{base[:-3]}.txt` with every version pinned"
        )
    return (
        f"pin one version (`{name}==X.Y.Z`), or keep ranges in a `.in` file and install from "
        "its `pip-compile --generate-hashes` output"
    )
