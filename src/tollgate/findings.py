"""The Finding value every check returns and every report formats."""

from __future__ import annotations

from typing import NamedTuple

from tollgate.severity import Severity


class Finding(NamedTuple):
    check: str
    rule: str
    severity: Severity
    path: str
    line: int
    column: int
    end_line: int
    message: str
    excerpt: str
    fingerprint: str
    fix: str = ""
    commit: str = ""
    blocking: bool = False


def fingerprint(*parts: str) -> str:
    """A stable identity: never a line number, so it survives edits, rebases and squashes."""
    import hashlib  # noqa: PLC0415 - only a run with findings pays for OpenSSL's start-up

    digest = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]
