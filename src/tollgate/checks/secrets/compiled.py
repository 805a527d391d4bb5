"""A secret rule ready to run: regexes compiled on first use, allowlist and validator resolved."""

from __future__ import annotations

import fnmatch
from typing import Any

from tollgate.checks.secrets.entropy import shannon
from tollgate.checks.secrets.falsepositives import false_positive_reason
from tollgate.checks.secrets.validators import VALIDATORS
from tollgate.errors import TollgateError
from tollgate.pack.model import SecretRule
from tollgate.regex import Pattern, compile_re2


class CompiledRule:
    __slots__ = ("_allow", "_pattern", "rule")

    def __init__(self, rule: SecretRule) -> None:
        self.rule = rule
        self._pattern: Pattern | None = None
        self._allow: list[Any] | None = None

    @property
    def pattern(self) -> Pattern:
        if self._pattern is None:
            self._pattern = compile_re2(self.rule.regex, f"{self.rule.source}: {self.rule.id}")
        return self._pattern

    @property
    def group(self) -> int:
        """The secret group as a number (RE2's match methods take no group names)."""
        group = self.rule.secret_group
        if isinstance(group, int):
            return group
        try:
            return int(self.pattern.groupindex[group])
        except KeyError:
            raise TollgateError(
                f"{self.rule.source}: {self.rule.id}: secret_group {group!r} is not a named group"
            ) from None

    def compile_all(self) -> None:
        """Compile every regex now, so a broken pack fails at validation, not mid-scan."""
        if self.rule.regex:
            _ = self.group
            if self.group > self.pattern.groups:
                raise TollgateError(
                    f"{self.rule.source}: {self.rule.id}: secret_group {self.group} does not exist"
                )
        self._allowlist()

    def _allowlist(self) -> list[Any]:
        if self._allow is None:
            where = f"{self.rule.source}: {self.rule.id}: allowlist"
            self._allow = [compile_re2(r, where) for r in self.rule.allowlist.regexes]
        return self._allow

    def path_allowed(self, path: str) -> bool:
        # Same glob semantics as the config's `exclude` (tollgate.policy.path_matches): a leading
        # `**/` also matches at the repository root, so `**/fixtures/**` holds `fixtures/a.py`.
        return any(
            fnmatch.fnmatchcase(path, glob)
            or (glob.startswith("**/") and fnmatch.fnmatchcase(path, glob[3:]))
            for glob in self.rule.allowlist.paths
        )

    def rejects(self, secret: str) -> str:
        """Why this candidate is not reported, or "" to report it."""
        rule = self.rule
        if rule.entropy and shannon(secret) < rule.entropy:
            return "entropy"
        lower = secret.lower()
        if any(word in lower for word in rule.allowlist.stopwords):
            return "stopword"
        if any(regex.search(secret) for regex in self._allowlist()):
            return "allowlist"
        if rule.validator and not VALIDATORS[rule.validator](secret):
            return "validator"
        return false_positive_reason(secret, validated=bool(rule.validator))
