"""`--no-git`: a ChangeSet from plain files and directories on disk, every line counted."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from tollgate.changes import Change, ChangeSet, Skipped
from tollgate.errors import TollgateError
from tollgate.snapshot import DiskSnapshot
from tollgate.textio import decode

_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", ".tox"})


def plain_files(paths: Sequence[str], cwd: Path, max_bytes: int) -> ChangeSet:
    changes: list[Change] = []
    skipped: list[Skipped] = []
    for path in _walk(paths, cwd):
        shown = _display(path, cwd)
        try:
            if path.is_symlink() or not path.is_file():
                continue
            size = path.stat().st_size
            if size > max_bytes:
                skipped.append(
                    Skipped(shown, f"larger than the {max_bytes}-byte limit ({size} bytes)")
                )
                continue
            data = path.read_bytes()
        except OSError as exc:
            skipped.append(Skipped(shown, f"cannot read: {exc.strerror}"))
            continue
        text = decode(data)
        if text is not None:
            changes.append(Change(shown, "A", text, None))
    return ChangeSet(tuple(changes), tuple(skipped), DiskSnapshot(cwd))


def _walk(paths: Sequence[str], cwd: Path) -> Iterator[Path]:
    for name in paths:
        path = cwd / name
        if not path.exists() and not path.is_symlink():
            raise TollgateError(f"{name}: no such file or directory")
        if path.is_dir():
            for top, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
                for file in sorted(files):
                    yield Path(top, file)
        else:
            yield path


def _display(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()
