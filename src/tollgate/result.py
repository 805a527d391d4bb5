"""What one scan produced, handed from the engine to the report layer."""

from __future__ import annotations

from dataclasses import dataclass

from tollgate.changes import Skipped
from tollgate.findings import Finding


@dataclass(frozen=True, slots=True)
class ScanResult:
    findings: tuple[Finding, ...]
    skipped: tuple[Skipped, ...]
    files: int
    seconds: float
    mode: str

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.blocking)
