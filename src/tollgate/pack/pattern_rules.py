"""Parse `patterns/**/*.yaml` semgrep rule files, checking the metadata tollgate relies on.

semgrep parses the patterns themselves (at `pack validate`, `pack test` and scan time); this module
checks what semgrep does not: ids, severities, confidence, category, CWE, references, test files.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tollgate.checks.patterns.languages import supported
from tollgate.errors import TollgateError
from tollgate.pack.model import PatternRule
from tollgate.severity import Confidence, Severity

CATEGORIES = frozenset(
    (
        "command-injection",
        "code-injection",
        "sql-injection",
        "xss",
        "xxe",
        "deserialization",
        "path-traversal",
        "ssrf",
        "open-redirect",
        "weak-crypto",
        "insecure-randomness",
        "tls",
        "auth",
        "cookie",
        "debug-mode",
        "network-exposure",
        "privilege",
        "supply-chain",
        "secrets-exposure",
        "encryption",
        "access-control",
        "resource-limits",
        "insecure-configuration",
    )
)
# semgrep's own severity must agree with ours, so semgrep's native output ranks findings the same.
_SEMGREP_SEVERITY = {
    Severity.CRITICAL: "ERROR",
    Severity.HIGH: "ERROR",
    Severity.MEDIUM: "WARNING",
    Severity.LOW: "INFO",
    Severity.INFO: "INFO",
}
_ID = re.compile(r"^patterns\.[a-z0-9-]+\.[a-z0-9][a-z0-9-]*$")
TEST_SUFFIX = ".test.yaml"


def rule_files(root: Path) -> list[Path]:
    base = root / "patterns"
    return sorted(p for p in base.rglob("*.yaml") if not p.name.endswith(TEST_SUFFIX))


def load_pattern_rules(root: Path) -> tuple[list[PatternRule], list[dict[str, Any]]]:
    """The pack's pattern rules, and their raw semgrep definitions to hand to semgrep."""
    rules: list[PatternRule] = []
    raw: list[dict[str, Any]] = []
    for path in rule_files(root):
        label = path.relative_to(root.parent).as_posix()
        data = _yaml(path, label)
        items = data.get("rules") if isinstance(data, dict) else None
        if not isinstance(items, list) or not items:
            raise TollgateError(
                f"{label}: a pattern rule file holds `rules:`, a list of semgrep rules"
            )
        tests = _tests_beside(path)
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise TollgateError(f"{label}: rules[{i}] must be a mapping")
            rules.append(_rule(item, label, tests))
            raw.append(item)
    return rules, raw


def _yaml(path: Path, label: str) -> Any:
    import yaml  # noqa: PLC0415 - only when pattern rules are (re)loaded

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(path.read_text("utf-8"), Loader=loader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise TollgateError(f"{label}:{line}: invalid YAML: {exc.problem}") from None
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        raise TollgateError(f"{label}: cannot read: {exc}") from None


def _tests_beside(path: Path) -> tuple[str, ...]:
    stem = path.name[: -len(".yaml")]
    return tuple(
        str(p)
        for p in sorted(path.parent.iterdir())
        if p != path and p.is_file() and p.name.startswith(f"{stem}.")
    )


def _rule(item: dict[str, Any], label: str, tests: tuple[str, ...]) -> PatternRule:
    rule_id = item.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise TollgateError(
            f"{label}: rule id {rule_id!r} must look like 'patterns.<language>.<name>'"
        )
    where = f"{label}: {rule_id}"
    message = item.get("message")
    if not isinstance(message, str) or not message.strip():
        raise TollgateError(f"{where}: 'message' must say what is wrong and how to fix it")
    languages = item.get("languages")
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        raise TollgateError(f"{where}: 'languages' must be a list of semgrep languages")
    unknown = [name for name in languages if not supported(name)]
    if unknown:
        raise TollgateError(
            f"{where}: tollgate does not know which files language {unknown[0]!r} covers"
        )
    meta = item.get("metadata")
    if not isinstance(meta, dict):
        raise TollgateError(
            f"{where}: 'metadata' with severity, confidence, category, cwe, references"
        )
    severity = Severity.parse(meta.get("severity"), f"{where}: metadata")
    if item.get("severity") != _SEMGREP_SEVERITY[severity]:
        raise TollgateError(
            f"{where}: semgrep severity {item.get('severity')!r} does not match metadata severity "
            f"{severity.label!r} (expected {_SEMGREP_SEVERITY[severity]})"
        )
    category = meta.get("category")
    if category not in CATEGORIES:
        raise TollgateError(f"{where}: metadata category {category!r} is not one of the taxonomy")
    references = meta.get("references")
    if not isinstance(references, list) or not references:
        raise TollgateError(f"{where}: metadata 'references' must be a non-empty list")
    cwe = meta.get("cwe")
    cwe_text = ", ".join(cwe) if isinstance(cwe, list) else cwe
    if not isinstance(cwe_text, str) or not cwe_text.startswith("CWE-"):
        raise TollgateError(f"{where}: metadata 'cwe' must name a CWE ('CWE-78: ...')")
    prefilter = meta.get("prefilter", [])
    if not isinstance(prefilter, list) or not all(isinstance(x, str) and x for x in prefilter):
        raise TollgateError(f"{where}: metadata 'prefilter' must be a list of non-empty strings")
    text = " ".join(message.split())
    return PatternRule(
        id=rule_id,
        title=_title(text),
        description=text,
        languages=tuple(languages),
        severity=severity,
        confidence=Confidence.parse(meta.get("confidence"), f"{where}: metadata"),
        category=category,
        cwe=cwe_text,
        source=label,
        references=tuple(str(r) for r in references),
        tests=tests,
        prefilter=tuple(prefilter),
    )


def _title(message: str) -> str:
    """The message's first sentence, cut at a word if it is long (SARIF shortDescription)."""
    first = message.split(". ", maxsplit=1)[0].rstrip(".")
    if len(first) <= 100:
        return first
    return first[: first.rfind(" ", 0, 100)].rstrip(",;:") + "…"
