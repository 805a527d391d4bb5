"""The Finding value every check returns and every report formats."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

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
    data = "\0".join(parts).encode("utf-8", "surrogatepass")
    digest: str = _sha256()(data).hexdigest()
    return digest[:32]


def _sha256() -> Callable[[bytes], Any]:
    """CPython's own SHA-256 (~1 ms to import) rather than hashlib's OpenSSL one (~3 ms): the
    same digest, and only a run with findings pays for either."""
    import importlib  # noqa: PLC0415

    for name in ("_sha2", "_sha256"):  # Python 3.12+, then 3.10 and 3.11
        try:
            constructor: Callable[[bytes], Any] = importlib.import_module(name).sha256
        except ImportError:
            continue
        return constructor
    import hashlib  # noqa: PLC0415 - a build without the builtin module

    return hashlib.sha256
