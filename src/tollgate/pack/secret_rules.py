"""Parse `secrets/*.toml` rule files into SecretRule values, checking every field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tollgate.errors import TollgateError
from tollgate.pack.model import Allowlist, Example, SecretRule
from tollgate.severity import Confidence, Severity
from tollgate.tomlfile import (
    check_keys,
    get_number,
    get_str,
    get_str_list,
    get_table,
    load_toml,
)

FORMAT_VERSION = 1
DETECTORS = frozenset({"generic-assignment", "kubernetes-secret"})
_FILE_KEYS = frozenset({"version", "rules"})
_RULE_KEYS = frozenset(
    {
        "id", "title", "description", "regex", "secret_group", "keywords", "entropy", "severity",
        "confidence", "validator", "detector", "fix", "references", "allowlist", "examples",
        "negatives", "cwe",
    }
)  # fmt: skip
_ALLOWLIST_KEYS = frozenset({"regexes", "stopwords", "paths"})
_EXAMPLE_KEYS = frozenset({"text", "secret", "why", "path"})


def load_secret_rules(path: Path, label: str) -> list[SecretRule]:
    data = load_toml(path)
    check_keys(data, _FILE_KEYS, label)
    version = data.get("version")
    if version != FORMAT_VERSION:
        raise TollgateError(
            f"{label}: format version {version!r} is not supported "
            f"(expected version = {FORMAT_VERSION})"
        )
    rules = data.get("rules", [])
    if not isinstance(rules, list):
        raise TollgateError(f"{label}: 'rules' must be an array of tables ([[rules]])")
    return [_rule(table, f"{label}: rules[{i}]", label) for i, table in enumerate(rules)]


def _rule(table: dict[str, Any], where: str, source: str) -> SecretRule:
    check_keys(table, _RULE_KEYS, where)
    rule_id = get_str(table, "id", where)
    where = f"{source}: {rule_id}"
    if not rule_id.startswith("secrets.") or not rule_id[8:].replace("-", "").isalnum():
        raise TollgateError(f"{where}: id must look like 'secrets.<name>' (letters, digits, '-')")
    detector = get_str(table, "detector", where, "")
    if detector and detector not in DETECTORS:
        raise TollgateError(f"{where}: unknown detector {detector!r}; known: {sorted(DETECTORS)}")
    from tollgate.checks.secrets.validators import VALIDATORS  # noqa: PLC0415

    validator = get_str(table, "validator", where, "")
    if validator and validator not in VALIDATORS:
        raise TollgateError(
            f"{where}: unknown validator {validator!r}; known: {sorted(VALIDATORS)}"
        )
    regex = get_str(table, "regex", where, "" if detector else None)
    group = table.get("secret_group", 0)
    if not isinstance(group, (int, str)) or isinstance(group, bool):
        raise TollgateError(f"{where}: 'secret_group' must be a group number or name")
    keywords = get_str_list(table, "keywords", where)
    if any(k != k.lower() or not k for k in keywords):
        raise TollgateError(f"{where}: keywords must be non-empty and lower-case")
    allow = get_table(table, "allowlist", where)
    check_keys(allow, _ALLOWLIST_KEYS, f"{where}: allowlist")
    return SecretRule(
        id=rule_id,
        title=get_str(table, "title", where),
        description=get_str(table, "description", where, ""),
        regex=regex,
        secret_group=group,
        keywords=keywords,
        severity=Severity.parse(table.get("severity"), where),
        confidence=Confidence.parse(table.get("confidence", "medium"), where),
        source=source,
        entropy=get_number(table, "entropy", where, 0.0),
        validator=validator,
        detector=detector,
        fix=get_str(table, "fix", where, ""),
        references=get_str_list(table, "references", where),
        allowlist=Allowlist(
            regexes=get_str_list(allow, "regexes", f"{where}: allowlist"),
            stopwords=tuple(s.lower() for s in get_str_list(allow, "stopwords", where)),
            paths=get_str_list(allow, "paths", f"{where}: allowlist"),
        ),
        examples=_examples(table, "examples", where),
        negatives=_examples(table, "negatives", where),
    )


def _examples(table: dict[str, Any], key: str, where: str) -> tuple[Example, ...]:
    items = table.get(key, [])
    if not isinstance(items, list):
        raise TollgateError(f"{where}: {key!r} must be an array of tables")
    result = []
    for i, item in enumerate(items):
        at = f"{where}: {key}[{i}]"
        if not isinstance(item, dict):
            raise TollgateError(f"{at}: must be a table with 'text'")
        check_keys(item, _EXAMPLE_KEYS, at)
        result.append(
            Example(
                text=get_str(item, "text", at),
                secret=get_str(item, "secret", at, ""),
                why=get_str(item, "why", at, ""),
                path=get_str(item, "path", at, "example"),
            )
        )
    return tuple(result)
