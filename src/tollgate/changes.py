"""The change set: what a scan looks at, independent of where it came from (index, range, disk)."""

from __future__ import annotations

from typing import NamedTuple


class Change(NamedTuple):
    """One file as it will be committed.

    `added` holds the 1-based line numbers the change introduces; `None` means every line counts
    (a new file, `--all-files`, `--no-git`).
    """

    path: str
    status: str
    text: str
    added: frozenset[int] | None
    commit: str = ""

    def touches(self, first: int, last: int) -> bool:
        if self.added is None:
            return True
        if last - first < len(self.added):
            return any(n in self.added for n in range(first, last + 1))
        return any(first <= n <= last for n in self.added)


class Skipped(NamedTuple):
    """A file the scan could not look at, and why (binary, too large): reported as a warning."""

    path: str
    reason: str


class ChangeSet(NamedTuple):
    changes: tuple[Change, ...]
    skipped: tuple[Skipped, ...] = ()
