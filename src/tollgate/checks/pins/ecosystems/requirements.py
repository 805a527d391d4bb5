"""pip requirements files: requirements*.txt, their pip-compile inputs (*.in), constraints files.

A requirement floats when it names no version or a range, unless a constraints file it includes
(`-c`) pins it; a `.in` file is pip-compile's input, judged against the compiled `.txt` beside it
(its ranges are intended, a name missing from the `.txt` is out of sync). Strict: every
installed requirement carries `--hash`. Paths, `file:` URLs and `-e .` are never judged.
The judgement is in `reqjudge`, imported only when a requirements file is judged.
"""

from __future__ import annotations

import posixpath

from tollgate.checks.pins.model import Analysis, Files
from tollgate.pack.model import PinSettings

NAME = "requirements"
KINDS: frozenset[str] = frozenset(
    {"unpinned", "vcs-branch", "vcs-tag", "partial-hashes", "missing-hash", "missing-from-lock"}
)


def manifests(path: str) -> tuple[str, ...]:
    folder, _, base = path.rpartition("/")
    lowered = base.lower()
    if not lowered.endswith((".txt", ".in")) or not _named(folder, lowered):
        return ()
    if lowered.endswith(".in"):
        return (path,)
    if "constraints" in lowered:
        # The files beside it that usually include it (`-c constraints.txt`).
        return (path, _join(folder, "requirements.txt"), _join(folder, "requirements.in"))
    return (path, path[: -len(".txt")] + ".in")  # the pip-compile input it may be compiled from


def context(manifest: str) -> tuple[str, ...]:
    """The files a `-c` line usually names, and the compiled `.txt` of a `.in`.

    Context is read before the manifest is parsed, so these are the conventional places; the `-c`
    files the manifest actually names are read next (`includes`). Only a URL or a file outside
    the repository stays unread, and the finding it might have silenced says so.
    """
    folder = manifest.rpartition("/")[0]
    wanted = [_join(folder, "constraints.txt"), _join(folder, "requirements.txt")]
    if folder:
        wanted.append(_join(posixpath.dirname(folder), "constraints.txt"))
    if manifest.endswith(".in"):
        wanted.append(manifest[: -len(".in")] + ".txt")
    return tuple(p for p in dict.fromkeys(wanted) if p != manifest)


def includes(manifest: str, text: str) -> tuple[str, ...]:
    """The `-c` constraint files the manifest names, wherever they are (repository paths; a URL or
    a path leading out of the repository is not read)."""
    import re  # noqa: PLC0415

    folder = manifest.rpartition("/")[0]
    found = []
    for match in re.finditer(r"^[ \t]*(?:-c|--constraint)(?:[ \t]+|=)(\S+)", text, re.MULTILINE):
        value = match.group(1)
        path = posixpath.normpath(_join(folder, value))
        if "://" not in value and not path.startswith(("../", "/")) and path != "..":
            found.append(path)
    return tuple(dict.fromkeys(found))


def analyse(files: Files, settings: PinSettings) -> Analysis:
    from tollgate.checks.pins.reqjudge import judge  # noqa: PLC0415

    return judge(files)


def _named(folder: str, base: str) -> bool:
    if base.startswith(("readme", "license", "changelog")):
        return False
    return "requirements" in base or "constraints" in base or "requirements" in folder.lower()


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name
