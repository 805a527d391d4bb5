"""What one scan produced, handed from the engine to the report layer."""

from __future__ import annotations

from typing import NamedTuple

from tollgate.changes import Skipped
from tollgate.findings import Finding


class ScanResult(NamedTuple):
    findings: tuple[Finding, ...]
    skipped: tuple[Skipped, ...]
    files: int
    seconds: float
    mode: str
    warnings: tuple[str, ...] = ()

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.blocking)
