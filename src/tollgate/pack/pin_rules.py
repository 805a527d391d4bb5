"""Parse `pins/*.toml` policy files into PinRule values, checking every field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tollgate.errors import TollgateError
from tollgate.pack.model import PinExample, PinRule, PinSettings
from tollgate.severity import Severity
from tollgate.tomlfile import check_keys, get_str, get_str_list, get_table, load_toml

FORMAT_VERSION = 1
PROFILES = ("default", "strict")
PROJECT_KINDS = ("auto", "application", "library")
_FILE_KEYS = frozenset({"version", "ecosystem", "rules"})
_RULE_KEYS = frozenset(
    {"id", "title", "description", "severity", "profile", "fix", "references", "allow",
     "examples", "negatives"}
)  # fmt: skip
_EXAMPLE_KEYS = frozenset({"path", "text", "lines", "files", "profile", "project", "why"})


def load_pin_rules(path: Path, label: str) -> list[PinRule]:
    from tollgate.checks.pins.ecosystems import ECOSYSTEMS  # noqa: PLC0415

    data = load_toml(path)
    check_keys(data, _FILE_KEYS, label)
    if data.get("version") != FORMAT_VERSION:
        raise TollgateError(
            f"{label}: format version {data.get('version')!r} is not supported "
            f"(expected version = {FORMAT_VERSION})"
        )
    ecosystem = get_str(data, "ecosystem", label)
    if ecosystem not in ECOSYSTEMS:
        raise TollgateError(
            f"{label}: unknown ecosystem {ecosystem!r}; known: {', '.join(sorted(ECOSYSTEMS))}"
        )
    kinds = ECOSYSTEMS[ecosystem].KINDS
    rules = data.get("rules", [])
    if not isinstance(rules, list):
        raise TollgateError(f"{label}: 'rules' must be an array of tables ([[rules]])")
    loaded = []
    for i, table in enumerate(rules):
        if not isinstance(table, dict):
            raise TollgateError(f"{label}: rules[{i}] must be a table")
        rule = _rule(table, f"{label}: rules[{i}]", label)
        kind = rule.id.removeprefix(f"pins.{ecosystem}.")
        if kind == rule.id or kind not in kinds:
            raise TollgateError(
                f"{label}: {rule.id}: the {ecosystem} ecosystem reports "
                f"{', '.join(f'pins.{ecosystem}.{k}' for k in sorted(kinds))}"
            )
        loaded.append(rule)
    return loaded


def _rule(table: dict[str, Any], where: str, source: str) -> PinRule:
    check_keys(table, _RULE_KEYS, where)
    rule_id = get_str(table, "id", where)
    where = f"{source}: {rule_id}"
    profile = get_str(table, "profile", where, "default")
    if profile not in PROFILES:
        raise TollgateError(f"{where}: profile must be one of {', '.join(PROFILES)}")
    return PinRule(
        id=rule_id,
        title=get_str(table, "title", where),
        description=get_str(table, "description", where, ""),
        severity=Severity.parse(table.get("severity"), f"{where}: severity"),
        profile=profile,
        source=source,
        fix=get_str(table, "fix", where, ""),
        references=get_str_list(table, "references", where),
        allow=get_str_list(table, "allow", where),
        examples=tuple(_examples(table, "examples", where, must_flag=True)),
        negatives=tuple(_examples(table, "negatives", where, must_flag=False)),
    )


def _examples(table: dict[str, Any], key: str, where: str, must_flag: bool) -> list[PinExample]:
    items = table.get(key, [])
    if not isinstance(items, list):
        raise TollgateError(f"{where}: {key!r} must be an array of tables ([[rules.{key}]])")
    examples = []
    for i, item in enumerate(items):
        at = f"{where}: {key}[{i}]"
        if not isinstance(item, dict):
            raise TollgateError(f"{at} must be a table")
        check_keys(item, _EXAMPLE_KEYS, at)
        lines = item.get("lines", [])
        if not isinstance(lines, list) or not all(
            isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in lines
        ):
            raise TollgateError(f"{at}: 'lines' must be a list of line numbers")
        if must_flag and not lines:
            raise TollgateError(f"{at}: an example must list the 'lines' its rule reports")
        if not must_flag and lines:
            raise TollgateError(f"{at}: a negative reports nothing; remove 'lines'")
        files = get_table(item, "files", at)
        if not all(isinstance(v, str) for v in files.values()):
            raise TollgateError(f"{at}: 'files' maps paths to their text")
        profile = get_str(item, "profile", at, "")
        if profile and profile not in PROFILES:
            raise TollgateError(f"{at}: profile must be one of {', '.join(PROFILES)}")
        project = get_str(item, "project", at, "")
        if project and project not in PROJECT_KINDS:
            raise TollgateError(f"{at}: project must be one of {', '.join(PROJECT_KINDS)}")
        examples.append(
            PinExample(
                path=get_str(item, "path", at),
                text=get_str(item, "text", at),
                lines=tuple(lines),
                files=tuple(sorted(files.items())),
                profile=profile,
                project=project,
                why=get_str(item, "why", at, ""),
            )
        )
    return examples


def pin_settings(table: dict[str, Any], where: str) -> PinSettings:
    """The `[pins]` table of a repository's config."""
    check_keys(table, frozenset({"profile", "project", "allow"}), where)
    profile = get_str(table, "profile", where, "default")
    if profile not in PROFILES:
        raise TollgateError(f"{where}: profile {profile!r} must be one of {', '.join(PROFILES)}")
    project = get_str(table, "project", where, "auto")
    if project not in PROJECT_KINDS:
        raise TollgateError(
            f"{where}: project {project!r} must be one of {', '.join(PROJECT_KINDS)}"
        )
    return PinSettings(profile, project, get_str_list(table, "allow", where))
