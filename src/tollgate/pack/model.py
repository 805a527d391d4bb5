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


class PatternRule(NamedTuple):
    """A semgrep rule of the pack; semgrep itself parses and runs its patterns."""

    id: str
    title: str
    description: str  # semgrep's message: what is wrong and how to fix it
    languages: tuple[str, ...]
    severity: Severity
    confidence: Confidence
    category: str
    cwe: str
    source: str
    references: tuple[str, ...] = ()
    tests: tuple[str, ...] = ()  # paths of the annotated test files beside the rule
    fix: str = ""
    # Literal strings of which a file must contain one for the rule to be worth running on it
    # (metadata `prefilter`): lets costly taint rules stay out of commits they cannot match.
    prefilter: tuple[str, ...] = ()


class Pack(NamedTuple):
    name: str
    version: str
    description: str
    root: Path
    secrets: tuple[SecretRule, ...]
    patterns: tuple[PatternRule, ...] = ()
    # The pack's pattern rules merged into one semgrep config file (semgrep would otherwise
    # prefix every rule id with its directory).
    semgrep_config: str = ""
    # The same without the rules that have a prefilter, for changes none of whose files match one.
    semgrep_unconditional: str = ""

    def rule(self, rule_id: str) -> SecretRule | PatternRule | None:
        found = next((r for r in self.secrets if r.id == rule_id), None)
        return found or next((r for r in self.patterns if r.id == rule_id), None)

    def rule_ids(self) -> list[str]:
        return [r.id for r in self.secrets] + [r.id for r in self.patterns]
