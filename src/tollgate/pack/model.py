"""The immutable values a loaded pack is made of."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from tollgate.pack.overrides import Override
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


class PinExample(NamedTuple):
    """A manifest the pins check reads as if every line were new.

    For an example of a rule, `lines` are exactly the lines that rule must report; other files
    (a lockfile beside the manifest) are in `files`. `profile` defaults to the rule's own.
    """

    path: str
    text: str
    lines: tuple[int, ...] = ()
    files: tuple[tuple[str, str], ...] = ()
    profile: str = ""
    project: str = ""
    why: str = ""


class PinRule(NamedTuple):
    """The policy for one kind of floating reference an ecosystem parser reports."""

    id: str
    title: str
    description: str
    severity: Severity
    profile: str  # "default": flagged by both profiles; "strict": only by the strict profile
    source: str
    fix: str = ""
    references: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()  # globs over the referenced name that this rule never flags
    examples: tuple[PinExample, ...] = ()
    negatives: tuple[PinExample, ...] = ()

    @property
    def confidence(self) -> Confidence:
        return Confidence.HIGH  # what floats is read from the manifest's syntax, not guessed


class PinSettings(NamedTuple):
    """A repository's `[pins]` choices, layered over the pack's pin policy."""

    profile: str = "default"
    # How a pyproject.toml [project] without a lockfile is judged: "auto" treats it as a library
    # (its ranges say what it supports, not what gets installed).
    project: str = "auto"
    allow: tuple[str, ...] = ()  # globs over referenced names no pins rule flags


AnyRule = SecretRule | PatternRule | PinRule


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
    pins: tuple[PinRule, ...] = ()
    pin_settings: PinSettings = PinSettings()
    # Layering (pack.toml): the packs this one builds on, its adjustments to their rules, and
    # globs over rule ids that layers above may not weaken.
    extends: tuple[str, ...] = ()
    overrides: tuple[tuple[str, Override], ...] = ()
    enforced: tuple[str, ...] = ()
    # Filled in by layering: where each rule may report, and the layers the pack was made of.
    scopes: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()
    layers: tuple[str, ...] = ()

    def rule(self, rule_id: str) -> AnyRule | None:
        for rules in (self.secrets, self.patterns, self.pins):
            found = next((r for r in rules if r.id == rule_id), None)
            if found is not None:
                return found
        return None

    def rule_ids(self) -> list[str]:
        return [r.id for r in self.all_rules()]

    def all_rules(self) -> list[AnyRule]:
        return [*self.secrets, *self.patterns, *self.pins]
