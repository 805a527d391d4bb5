"""A pack's content digest (canonical over paths and bytes) and the checks that keep a pack inside
its own directory.

The digest is what tollgate.lock pins: sha256 over every file, sorted by path, each as
`path NUL size NUL bytes`. It is independent of git, timestamps and permissions, so the same
content always gives the same digest wherever it was fetched from.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from tollgate.errors import TollgateError

_SKIP = frozenset({".git"})


def pack_files(root: Path) -> list[tuple[str, Path]]:
    """Every file of the pack as (posix path, file), refusing anything that leads outside it."""
    real_root = root.resolve()
    files: list[tuple[str, Path]] = []
    for top, dirs, names in os.walk(root):
        here = Path(top)
        dirs[:] = sorted(d for d in dirs if d not in _SKIP)
        for name in [*dirs, *names]:
            path = here / name
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(real_root):
                    rel = path.relative_to(root).as_posix()
                    raise TollgateError(f"{root}: {rel} is a symlink pointing outside the pack")
        for name in sorted(names):
            path = here / name
            files.append((path.relative_to(root).as_posix(), path))
    files.sort()
    return files


def pack_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for rel, path in pack_files(root):
        data = path.read_bytes()
        digest.update(f"{rel}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
        digest.update(data)
    return f"sha256:{digest.hexdigest()}"


def inside(root: Path, relative: str, where: str) -> Path:
    """`relative` resolved under `root`; an absolute path or one escaping the pack is an error."""
    if Path(relative).is_absolute() or relative.startswith(("/", "\\")):
        raise TollgateError(
            f"{where}: {relative!r} is an absolute path; a pack only names its own files"
        )
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise TollgateError(f"{where}: {relative!r} leads outside the pack")
    return target
