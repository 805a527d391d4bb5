"""`--format sarif`: SARIF 2.1.0 for code-scanning dashboards, fingerprints included."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from tollgate import __version__
from tollgate.findings import Finding
from tollgate.pack.model import AnyRule, Pack
from tollgate.result import ScanResult
from tollgate.severity import Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
# GitHub code scanning reads `security-severity` (0-10) to rank security alerts.
_SCORE = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "0.0",
}


def render(result: ScanResult, pack: Pack, environ: Mapping[str, str], tty: bool) -> str:
    used = sorted({f.rule for f in result.findings})
    index = {rule_id: i for i, rule_id in enumerate(used)}
    rules = [_rule(pack.rule(rule_id), rule_id, result.findings) for rule_id in used]
    run = {
        "tool": {
            "driver": {
                "name": "tollgate",
                "version": __version__,
                "informationUri": "https://pypi.org/project/tollgate/",
                "rules": rules,
            }
        },
        "results": [_result(f, index[f.rule]) for f in result.findings],
        "columnKind": "unicodeCodePoints",
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2)


def _rule(rule: AnyRule | None, rule_id: str, findings: tuple[Finding, ...]) -> dict[str, Any]:
    severity = next(f.severity for f in findings if f.rule == rule_id)
    title = rule.title if rule else rule_id
    help_text = "\n\n".join(x for x in (rule.description, rule.fix) if x) if rule else ""
    entry: dict[str, Any] = {
        "id": rule_id,
        "name": rule_id.replace(".", "/"),
        "shortDescription": {"text": title},
        "fullDescription": {"text": (rule.description if rule else "") or title},
        "help": {"text": help_text or title},
        "defaultConfiguration": {"level": _LEVEL[severity]},
        "properties": {
            "tags": ["security", rule_id.split(".", 1)[0]],
            "security-severity": _SCORE[severity],
        },
    }
    if rule and rule.references:
        entry["helpUri"] = rule.references[0]
    return entry


def _result(f: Finding, rule_index: int) -> dict[str, Any]:
    region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line}
    return {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": _LEVEL[f.severity],
        "message": {"text": f"{f.message}: {f.excerpt}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": quote(f.path), "uriBaseId": "%SRCROOT%"},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {"tollgate/v1": f.fingerprint},
        "properties": {"blocking": f.blocking, "severity": f.severity.label},
    }
