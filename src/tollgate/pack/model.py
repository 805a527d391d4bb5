"""The immutable values a loaded pack is made of."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from tollgate.severity import Confidence, Severity


class Example(NamedTuple):
    text: str
    secret: str = ""
    why: str = ""
    path: str = ""  # the file name the text is scanned as (bare values count only in config files)


class Allowlist(NamedTuple):
    regexes: tuple[str, ...] = ()
    stopwords: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()


class SecretRule(NamedTuple):
    id: str
    title: str
    description: str
    regex: str
    secret_group: int | str
    keywords: tuple[str, ...]
    severity: Severity
    confidence: Confidence
    source: str
    entropy: float = 0.0
    validator: str = ""
    detector: str = ""
    fix: str = ""
    references: tuple[str, ...] = ()
    allowlist: Allowlist = Allowlist()
    examples: tuple[Example, ...] = ()
    negatives: tuple[Example, ...] = ()


class Pack(NamedTuple):
    name: str
    version: str
    description: str
    root: Path
    secrets: tuple[SecretRule, ...]

    def rule(self, rule_id: str) -> SecretRule | None:
        return next((r for r in self.secrets if r.id == rule_id), None)
