"""cargo: Cargo.toml dependency tables
(https://doc.rust-lang.org/cargo/reference/specifying-dependencies.html).

A registry requirement (`serde = "1.0"`, a caret range) is frozen by Cargo.lock, so it floats
only where the lock does not hold it: an application (a Cargo.lock beside the manifest) whose
lock lacks the crate or a version the requirement allows. A library has no lock its users get,
and its ranges say what it supports. What floats anywhere: `*` (any version, the next major
included) and a git dependency that follows a branch. A tag or a short `rev` is movable, which
only the strict profile asks about. `path` and `workspace = true` dependencies are this
repository's own. Only the Cargo.lock beside a manifest is read: a workspace member, whose lock is
the workspace root's, is judged as a library is.
"""

from __future__ import annotations

from tollgate.checks.pins.model import Analysis, Files
from tollgate.pack.model import PinSettings

NAME = "cargo"
KINDS: frozenset[str] = frozenset(
    {"wildcard-version", "git-without-rev", "git-mutable-ref", "missing-from-lock"}
)


def manifests(path: str) -> tuple[str, ...]:
    base = path.rpartition("/")[2]
    if base == "Cargo.toml":
        return (path,)
    if base == "Cargo.lock":
        return (path[: -len(base)] + "Cargo.toml",)
    return ()


def context(manifest: str) -> tuple[str, ...]:
    return (manifest[: -len("Cargo.toml")] + "Cargo.lock",)


def analyse(files: Files, settings: PinSettings) -> Analysis:
    from tollgate.checks.pins.cargomanifest import judge  # noqa: PLC0415

    return judge(files, files.get(context(files.path)[0]))
