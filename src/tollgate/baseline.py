"""`.tollgate-baseline.json`: accepted findings by fingerprint; no secrets, lines or timestamps.

One entry per fingerprint, keys sorted and one field per line, so two branches that each accept a
finding merge without conflict.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from tollgate.errors import TollgateError
from tollgate.findings import Finding

BASELINE_VERSION = 1

Entries = dict[str, dict[str, str]]


def read_entries(path: Path) -> Entries:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise TollgateError(f"{path}: not a readable tollgate baseline: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
        raise TollgateError(
            f'{path}: not a tollgate baseline (expected "version": {BASELINE_VERSION})'
        )
    entries = data.get("findings", {})
    if not isinstance(entries, dict):
        raise TollgateError(f'{path}: "findings" must be an object keyed by fingerprint')
    return {str(k): dict(v) for k, v in entries.items() if isinstance(v, dict)}


def fingerprints(path: Path) -> frozenset[str]:
    return frozenset(read_entries(path))


def entries_for(findings: Iterable[Finding]) -> Entries:
    return {f.fingerprint: {"rule": f.rule, "path": f.path} for f in findings}


def write_entries(path: Path, entries: Mapping[str, Mapping[str, str]]) -> None:
    document = {"version": BASELINE_VERSION, "findings": dict(sorted(entries.items()))}
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    path.write_text(text, "utf-8")
