"""Reading context files from the same tree as the change set: the index, a commit, or the disk."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tollgate.gitcmd import Git
from tollgate.textio import decode


class GitSnapshot:
    """Files as git has them: `:path` in the index (staged, all files), `commit:path` in a range."""

    def __init__(self, git: Git) -> None:
        self.git = git

    def read(
        self, wanted: Iterable[tuple[str, str]], limit: int
    ) -> dict[tuple[str, str], str | int | None]:
        result: dict[tuple[str, str], str | int | None] = {}
        names: dict[str, tuple[str, str]] = {}
        for commit, path in wanted:
            if "\n" in path or "\r" in path:
                result[(commit, path)] = None  # cat-file --batch reads one name per line
            else:
                names[f"{commit}:{path}"] = (commit, path)
        for name, data in self.git.read_blobs(names, limit, missing_ok=True):
            result[names[name]] = data if data is None or isinstance(data, int) else decode(data)
        return result


class DiskSnapshot:
    """Plain files under a directory (`--no-git`); the commit is always ""."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def read(
        self, wanted: Iterable[tuple[str, str]], limit: int
    ) -> dict[tuple[str, str], str | int | None]:
        result: dict[tuple[str, str], str | int | None] = {}
        for commit, path in wanted:
            target = self.root / path
            try:
                if target.is_symlink() or not target.is_file():
                    result[(commit, path)] = None
                    continue
                size = target.stat().st_size
                result[(commit, path)] = size if size > limit else decode(target.read_bytes())
            except OSError:
                result[(commit, path)] = None
        return result
