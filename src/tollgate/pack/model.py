"""The immutable values a loaded pack is made of."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tollgate.severity import Confidence, Severity


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    secret: str = ""
    why: str = ""
    path: str = ""  # the file name the text is scanned as (bare values count only in config files)


@dataclass(frozen=True, slots=True)
class Allowlist:
    regexes: tuple[str, ...] = ()
    stopwords: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SecretRule:
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
    allowlist: Allowlist = field(default_factory=Allowlist)
    examples: tuple[Example, ...] = ()
    negatives: tuple[Example, ...] = ()


@dataclass(frozen=True, slots=True)
class Pack:
    name: str
    version: str
    description: str
    root: Path
    secrets: tuple[SecretRule, ...]

    def rule(self, rule_id: str) -> SecretRule | None:
        return next((r for r in self.secrets if r.id == rule_id), None)
