"""Per-rule adjustments a layer makes to the rules below it: `[rules."<id>"]` tables.

In a pack.toml or a repository's config:
    [rules."secrets.generic-password"]
    severity = "low"              # change the severity
    disable = true                # turn the rule off
    paths = ["src/**"]            # report it only under these globs
    exclude_paths = ["tests/**"]  # never report it under these
    allowlist = { regexes = [...], stopwords = [...], paths = [...] }   # more exceptions
    enforced = true               # pack.toml only: later layers may not weaken the rule
"""

from __future__ import annotations

from typing import Any, NamedTuple

from tollgate.errors import TollgateError
from tollgate.severity import Severity
from tollgate.tomlfile import check_keys, get_str_list, get_table

_KEYS = frozenset({"severity", "disable", "paths", "exclude_paths", "allowlist", "enforced"})
_ALLOW_KEYS = frozenset({"regexes", "stopwords", "paths"})


class Override(NamedTuple):
    source: str  # the file (and layer) that made it, for error messages
    severity: Severity | None = None
    disable: bool = False
    paths: tuple[str, ...] = ()
    exclude_paths: tuple[str, ...] = ()
    allow_regexes: tuple[str, ...] = ()
    allow_stopwords: tuple[str, ...] = ()
    allow_paths: tuple[str, ...] = ()
    enforced: bool = False

    def weakens(self, severity: Severity) -> str:
        """What in this override would weaken a rule now at `severity` ("" if nothing)."""
        if self.disable:
            return "disables"
        if self.severity is not None and self.severity < severity:
            return f"lowers to {self.severity.label}"
        if self.paths or self.exclude_paths:
            return "limits to paths"
        return ""


def parse_overrides(
    table: dict[str, Any], where: str, may_enforce: bool
) -> tuple[tuple[str, Override], ...]:
    rules = get_table(table, "rules", where)
    found: list[tuple[str, Override]] = []
    for rule_id, raw in rules.items():
        at = f'{where}: rules."{rule_id}"'
        if not isinstance(raw, dict):
            raise TollgateError(f'{at} must be a table ([rules."{rule_id}"])')
        check_keys(raw, _KEYS, at)
        disable = raw.get("disable", False)
        enforced = raw.get("enforced", False)
        if not isinstance(disable, bool) or not isinstance(enforced, bool):
            raise TollgateError(f"{at}: 'disable' and 'enforced' are true or false")
        if enforced and not may_enforce:
            raise TollgateError(f"{at}: only a pack can enforce a rule (in its pack.toml)")
        allow = get_table(raw, "allowlist", at)
        check_keys(allow, _ALLOW_KEYS, f"{at}: allowlist")
        severity = raw.get("severity")
        found.append(
            (
                rule_id,
                Override(
                    source=where,
                    severity=None if severity is None else Severity.parse(severity, at),
                    disable=disable,
                    paths=get_str_list(raw, "paths", at),
                    exclude_paths=get_str_list(raw, "exclude_paths", at),
                    allow_regexes=get_str_list(allow, "regexes", at),
                    allow_stopwords=get_str_list(allow, "stopwords", at),
                    allow_paths=get_str_list(allow, "paths", at),
                    enforced=enforced,
                ),
            )
        )
    return tuple(found)
