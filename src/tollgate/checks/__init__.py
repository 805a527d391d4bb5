"""The checks: each a module with a NAME and `run(changes, pack) -> findings`, listed in CHECKS."""

from __future__ import annotations

from typing import Protocol

from tollgate.changes import ChangeSet
from tollgate.checks import patterns, secrets
from tollgate.findings import Finding
from tollgate.pack.model import Pack


class Check(Protocol):
    NAME: str

    def run(self, changes: ChangeSet, pack: Pack) -> list[Finding]: ...


CHECKS: dict[str, Check] = {
    secrets.NAME: secrets,
    patterns.NAME: patterns,
}
