"""gomod: go.mod files (https://go.dev/ref/mod#go-mod-file).

A `require` names one exact module version (a pseudo-version is a commit) and go.sum holds its
checksum, so a go.mod pins by design. What still floats: a non-canonical version the go command
resolves when it next updates go.mod (`dev`, `latest`, `v1`), a `replace` pointing at a directory
outside the repository, and a requirement go.sum has no checksum for. `go`, `toolchain`,
`godebug`, `tool`, `exclude` and `retract` lines declare no dependency.
"""

from __future__ import annotations

from tollgate.checks.pins.model import Analysis, Files
from tollgate.pack.model import PinSettings

NAME = "gomod"
KINDS: frozenset[str] = frozenset(
    {"non-canonical-version", "replace-outside-repo", "missing-from-sum"}
)
_SKIPPED_DIRS = ("testdata", "vendor")  # the go command never treats these as a main module


def manifests(path: str) -> tuple[str, ...]:
    directory, _, base = path.rpartition("/")
    if base not in ("go.mod", "go.sum") or any(
        part in _SKIPPED_DIRS for part in directory.split("/")
    ):
        return ()
    return (path[: -len(base)] + "go.mod",)


def context(manifest: str) -> tuple[str, ...]:
    return (manifest[: -len("go.mod")] + "go.sum",)


def analyse(files: Files, settings: PinSettings) -> Analysis:
    from tollgate.checks.pins.gomodfile import judge  # noqa: PLC0415

    return judge(files, files.get(context(files.path)[0]))
