"""What an ecosystem parser reports, and the settings a repository gives the pins check."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple


class Ref(NamedTuple):
    """A declaration that floats (or, in the strict profile, is not immutable).

    `rule` is the full rule id (`pins.<ecosystem>.<kind>`); the pack's policy for it decides the
    profile, the severity and the exceptions. `name` is what is referenced (a package, an image,
    an action): a policy's `allow` globs match it. `text` is the declaration as written, the
    excerpt and the identity of the finding. `related` are other lines whose change makes this
    declaration worth reporting (the ARG default a FROM uses). `lock` marks a verdict that came
    from a lockfile: a change to the lockfile alone reports it, on the manifest's line. `edit`,
    when the files at hand say what the pinned form is (the version an in-sync lockfile
    resolves), is the offline fix: replace the first `edit[0]` at or after `column` on `line`
    by `edit[1]` (`tollgate fix pins` applies it; the hook never does).
    """

    rule: str
    line: int
    column: int
    text: str
    name: str
    detail: str
    fix: str = ""
    related: tuple[int, ...] = ()
    lock: bool = False
    edit: tuple[str, str] | None = None


class Note(NamedTuple):
    """A file the pins check could not read (malformed, too large): a warning, never a finding."""

    path: str
    line: int  # 0 when the problem is not on one line
    message: str


class Analysis(NamedTuple):
    refs: list[Ref]
    notes: list[Note]


class Files(NamedTuple):
    """The manifest being judged and the other files it is judged with (lockfiles, includes).

    `others` maps repository paths to their text in the same snapshot as the manifest; a path that
    does not exist there maps to None.
    """

    path: str
    text: str
    others: Mapping[str, str | None]

    def get(self, path: str) -> str | None:
        return self.others.get(path)
