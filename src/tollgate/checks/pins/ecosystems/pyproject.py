"""pyproject.toml: PEP 621 and PEP 735 dependencies, Poetry, uv sources, build requirements.

With a uv.lock or poetry.lock beside it, ranges are frozen and a declared dependency the lock
does not hold is out of sync. Without one, a library's ranges say what it supports and are
never flagged; an application's float. A `*` Poetry version and a VCS dependency on a branch
float either way. Build requirements are only judged by the strict profile.
The judgement is in `pyprojjudge`, imported only when a pyproject.toml is judged.
"""

from __future__ import annotations

import posixpath

from tollgate.checks.pins.model import Analysis, Files
from tollgate.pack.model import PinSettings

NAME = "pyproject"
KINDS: frozenset[str] = frozenset(
    {"unpinned", "vcs-branch", "vcs-tag", "missing-from-lock", "build-unpinned"}
)


def manifests(path: str) -> tuple[str, ...]:
    folder, _, base = path.rpartition("/")
    if base == "pyproject.toml":
        return (path,)
    if base in ("uv.lock", "poetry.lock"):
        return (_join(folder, "pyproject.toml"),)
    return ()


def context(manifest: str) -> tuple[str, ...]:
    """The lockfiles beside it, and the uv.lock of every folder above: a uv workspace member is
    locked by its workspace root's uv.lock."""
    folder = posixpath.dirname(manifest)
    wanted = [_join(folder, "uv.lock"), _join(folder, "poetry.lock")]
    while folder:
        folder = posixpath.dirname(folder)
        wanted.append(_join(folder, "uv.lock"))
    return tuple(wanted)


def members(lockfile: str, text: str) -> tuple[str, ...]:
    """The workspace members a root uv.lock records (`source = { editable = "packages/a" }`,
    or `virtual`): each pyproject.toml is judged again when only the lockfile changes."""
    import re  # noqa: PLC0415

    if not lockfile.endswith("uv.lock"):
        return ()
    folder = posixpath.dirname(lockfile)
    found = re.findall(r'^source = \{ (?:editable|virtual) = "([^"\n]+)" \}$', text, re.MULTILINE)
    paths = [
        _join(posixpath.normpath(_join(folder, member)), "pyproject.toml")
        for member in found
        if member != "." and not member.startswith(("/", "../")) and "/../" not in member
    ]
    return tuple(dict.fromkeys(paths))[:500]


def analyse(files: Files, settings: PinSettings) -> Analysis:
    from tollgate.checks.pins.pyprojjudge import judge  # noqa: PLC0415

    return judge(files, settings)


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name
