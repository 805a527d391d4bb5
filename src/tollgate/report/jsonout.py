"""`--format json`: the contract CI systems parse (field names are stable; see DESIGN.md)."""

from __future__ import annotations

import json
from collections.abc import Mapping

from tollgate.pack.model import Pack
from tollgate.result import ScanResult

JSON_VERSION = 1


def render(result: ScanResult, pack: Pack, environ: Mapping[str, str], tty: bool) -> str:
    findings = [
        {
            "check": f.check,
            "rule": f.rule,
            "severity": f.severity.label,
            "path": f.path,
            "line": f.line,
            "column": f.column,
            "end_line": f.end_line,
            "message": f.message,
            "fingerprint": f.fingerprint,
            "excerpt": f.excerpt,
            "blocking": f.blocking,
            # Only range scans know which commit added a line; staged findings have no commit.
            **({"commit": f.commit} if f.commit else {}),
        }
        for f in result.findings
    ]
    stats = {
        "mode": result.mode,
        "files_scanned": result.files,
        "findings": len(result.findings),
        "blocking": len(result.blocking),
        "skipped": [{"path": s.path, "reason": s.reason} for s in result.skipped],
        "warnings": list(result.warnings),
        "seconds": round(result.seconds, 4),
        "pack": {"name": pack.name, "version": pack.version},
    }
    return json.dumps({"version": JSON_VERSION, "findings": findings, "stats": stats}, indent=2)
