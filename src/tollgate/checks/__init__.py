"""The checks: each a module with a NAME and `run(changes, pack) -> Checked`, listed in CHECKS."""

from __future__ import annotations

from typing import Protocol

from tollgate.changes import ChangeSet
from tollgate.checks import patterns, pins, secrets
from tollgate.checks.result import Checked
from tollgate.pack.model import Pack


class Check(Protocol):
    NAME: str

    def run(self, changes: ChangeSet, pack: Pack) -> Checked: ...


CHECKS: dict[str, Check] = {
    secrets.NAME: secrets,
    patterns.NAME: patterns,
    pins.NAME: pins,
}
