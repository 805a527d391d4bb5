"""Pipfile (pipenv): packages judged with the Pipfile.lock beside it.

A Pipfile describes an application: without a lock, `"*"` and ranges float; with one, every
package must be in it (pipenv records the version, the hashes and a git dependency's commit).
The judgement is in `pipfilejudge`, imported only when a Pipfile is judged.
"""

from __future__ import annotations

from tollgate.checks.pins.model import Analysis, Files
from tollgate.pack.model import PinSettings

NAME = "pipfile"
KINDS: frozenset[str] = frozenset({"unpinned", "vcs-branch", "vcs-tag", "missing-from-lock"})
LOCK = "Pipfile.lock"


def manifests(path: str) -> tuple[str, ...]:
    folder, _, base = path.rpartition("/")
    if base == "Pipfile":
        return (path,)
    if base == LOCK:
        return (_join(folder, "Pipfile"),)
    return ()


def context(manifest: str) -> tuple[str, ...]:
    return (_join(manifest.rpartition("/")[0], LOCK),)


def analyse(files: Files, settings: PinSettings) -> Analysis:
    from tollgate.checks.pins.pipfilejudge import judge  # noqa: PLC0415

    return judge(files)


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name
