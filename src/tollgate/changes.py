"""The change set: what a scan looks at, independent of where it came from (index, range, disk)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple, Protocol


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
    commit: str = ""


class Snapshot(Protocol):
    """The other files of the tree a change set comes from (the index, a commit, the disk).

    A check that judges a change by its context (pins reads the lockfile beside a manifest) reads
    them here, so it sees the same snapshot as the change and never the work tree's unstaged edits.
    """

    def read(
        self, wanted: Iterable[tuple[str, str]], limit: int
    ) -> Mapping[tuple[str, str], str | int | None]:
        """The text of each (commit, path), the commit "" meaning the index (or the disk).

        None when the file is absent, binary or unreadable; its size when over `limit` bytes.
        """
        ...


class ChangeSet(NamedTuple):
    changes: tuple[Change, ...]
    skipped: tuple[Skipped, ...] = ()
    snapshot: Snapshot | None = None
    # Every (commit, path) the diff lists, even with no line added (a lockfile change that only
    # removes lines, a deleted file): a check judging files by their context needs to know.
    touched: tuple[tuple[str, str], ...] = ()
