"""What a check hands back: its findings, and warnings about files it could not judge."""

from __future__ import annotations

from typing import NamedTuple

from tollgate.findings import Finding


class Checked(NamedTuple):
    findings: list[Finding]
    # One line each, "path:line: what is wrong" (a malformed manifest): shown, never blocking.
    warnings: tuple[str, ...] = ()
