"""The verdict on one package.json declaration: which npm rule it breaks, why, and the fix."""

from __future__ import annotations

import re
from typing import NamedTuple

from tollgate.checks.pins.excerpt import excerpt
from tollgate.checks.pins.npmjson import DEPENDENCIES, Decl
from tollgate.checks.pins.npmlocks import Lock
from tollgate.checks.pins.npmspec import Spec, classify, git_ref
from tollgate.checks.pins.npmsync import pinned, sync

_COMMIT = re.compile(r"[0-9a-f]{40}")
_INSTALL = {"npm": "npm install", "pnpm": "pnpm install", "yarn": "yarn install"}
_REGISTRY = frozenset({"exact", "range", "any", "tag"})


class Verdict(NamedTuple):
    kind: str  # the rule kind: pins.npm.<kind>
    detail: str
    fix: str = ""
    lock: bool = False
    pinned: str = ""  # the spec the files at hand say to write instead (an offline fix)


def judge(decl: Decl, locks: list[Lock], unreadable: bool, installed: set[str]) -> Verdict | None:
    """`unreadable`: a lockfile is there but could not be read (it still freezes the install).
    `installed`: names the manifest also declares as an ordinary dependency."""
    spec = classify(decl.spec)
    if spec.kind == "git":
        return _git(decl, spec, locks)
    if spec.kind == "tarball":
        if unreadable or any(lock.get(decl.name, decl.spec) for lock in locks):
            return None
        why = f"`{excerpt(decl.spec)}` is downloaded by URL and no lockfile records its checksum"
        return Verdict("tarball-url", why, lock=True)
    if spec.kind not in _REGISTRY:
        return None
    if decl.section == "peerDependencies" and (locks or unreadable or decl.name in installed):
        return None  # what gets installed is the lockfile's, or the dev dependency's, version
    direct = decl.section in DEPENDENCIES
    state = sync(decl.name, decl.spec, spec, locks) if locks and direct else None
    if spec.kind in ("any", "tag"):
        if state is not None and state.local:
            return None  # `"sibling": "*"` in a workspace: source in this repository
        exact = pinned(spec, state.locked if state is not None else None)
        fix = f'pin it to the locked version: `"{decl.name}": "{exact}"`' if exact else ""
        return Verdict("any-version", _why_any(decl.spec, spec), fix, pinned=exact)
    if not locks:
        if spec.kind == "exact" or unreadable:
            return None
        return Verdict("range-without-lock", f"`{decl.spec}` is a range and no lockfile pins it")
    if state is None or state.in_sync or state.lock is None:
        return None  # an override's range: the lockfile holds what it resolved to
    file = state.lock.path.rpartition("/")[2]
    return Verdict(
        "out-of-sync",
        f"{state.why}: a frozen install fails and a plain one resolves `{decl.spec}` afresh",
        f"run `{_INSTALL[state.lock.manager]}` to update {file}",
        lock=True,
    )


def _why_any(written: str, spec: Spec) -> str:
    if spec.kind == "tag":
        return f"`{written}` is a dist-tag: it moves to whatever version is published next"
    shown = f"`{written}`" if written.strip() else "an empty version"
    return f"{shown} accepts every version, the next major one included"


def _git(decl: Decl, spec: Spec, locks: list[Lock]) -> Verdict | None:
    ref = git_ref(spec.value)
    if ref.verdict == "pinned":
        return None
    kind = "git-unpinned" if ref.verdict == "floats" else "git-ref"
    base = decl.spec.partition("#")[0]
    shown = excerpt(base)  # `git+https://user:token@host/...`: the token is never repeated
    commit = next(
        (m[0] for lock in locks if (found := lock.get(decl.name, decl.spec))
         for m in [_COMMIT.search(f"{found.resolved} {found.version}")] if m),
        "",
    )  # fmt: skip
    detail = f"`{excerpt(decl.spec)}` is a git dependency and {ref.why}"
    if not commit:
        return Verdict(kind, detail, f"pin it to a full commit: `{shown}#<full commit sha>`")
    fix = f"pin it to the commit the lockfile holds: `{shown}#{commit}`"
    return Verdict(kind, detail, fix, pinned=f"{base}#{commit}" if shown == base else "")
