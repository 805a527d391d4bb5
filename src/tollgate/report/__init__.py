"""Output formats: each a module with `render(result, pack, environ) -> str`, listed in FORMATS."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from tollgate.pack.model import Pack
from tollgate.report import jsonout, sarif, text
from tollgate.result import ScanResult


class Format(Protocol):
    def render(
        self, result: ScanResult, pack: Pack, environ: Mapping[str, str], tty: bool
    ) -> str: ...


FORMATS: dict[str, Format] = {"text": text, "json": jsonout, "sarif": sarif}
