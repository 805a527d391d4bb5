"""Which manifests a change set asks the pins check to judge, and what triggered each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from tollgate.changes import Change, Skipped
from tollgate.checks.pins.ecosystems import ECOSYSTEMS


class Target(NamedTuple):
    ecosystem: str
    manifest: str
    commit: str
    change: Change | None  # the manifest's own change, when the change set holds one
    lockfile_changed: bool  # a file it is judged with (its lockfile) changed

    def manifest_text(self, others: dict[tuple[str, str], str | None]) -> str | None:
        if self.change is not None:
            return self.change.text
        return others.get((self.commit, self.manifest))


def plan(
    changes: Sequence[Change],
    skipped: Sequence[Skipped] = (),
    touched: Sequence[tuple[str, str]] = (),
) -> list[Target]:
    """The manifests to judge. A lockfile the change set does not hold (too large to scan, or
    changed without adding a line) still triggers its manifest, which reads it as context."""
    found: dict[tuple[str, str, str], Target] = {}
    held = {(c.commit, c.path) for c in changes}
    others = [(s.commit, s.path) for s in skipped] + [t for t in touched if t not in held]
    for commit, path in others:
        for name, ecosystem in ECOSYSTEMS.items():
            for manifest in ecosystem.manifests(path):
                if manifest != path:
                    found[(name, manifest, commit)] = Target(name, manifest, commit, None, True)
    for change in changes:
        for name, ecosystem in ECOSYSTEMS.items():
            for manifest in ecosystem.manifests(change.path):
                key = (name, manifest, change.commit)
                target = found.get(key) or Target(name, manifest, change.commit, None, False)
                if manifest == change.path:
                    target = target._replace(change=change)
                else:
                    target = target._replace(lockfile_changed=True)
                found[key] = target
    return list(found.values())
