"""From raw findings to what blocks: path excludes, disabled rules, baseline, severity threshold."""

from __future__ import annotations

import dataclasses
import fnmatch
from collections.abc import Iterable

from tollgate.changes import ChangeSet
from tollgate.config import Config
from tollgate.findings import Finding


def excluded(path: str, config: Config) -> bool:
    globs = config.exclude + config.allow_paths
    return any(fnmatch.fnmatchcase(path, glob) for glob in globs)


def select_changes(changes: ChangeSet, config: Config) -> ChangeSet:
    if not (config.exclude or config.allow_paths):
        return changes
    kept = tuple(c for c in changes.changes if not excluded(c.path, config))
    return ChangeSet(kept, changes.skipped)


def judge(findings: Iterable[Finding], config: Config, baseline: frozenset[str]) -> list[Finding]:
    """Drop what is disabled or accepted in the baseline; mark what blocks; one per identity."""
    disabled = set(config.disable)
    result: list[Finding] = []
    seen: set[tuple[str, str, int]] = set()
    for finding in findings:
        if finding.rule in disabled or finding.fingerprint in baseline:
            continue
        key = (finding.fingerprint, finding.path, finding.line)
        if key in seen:
            continue  # the same secret re-added by several commits of a range
        seen.add(key)
        result.append(dataclasses.replace(finding, blocking=finding.severity >= config.fail_on))
    result.sort(key=lambda f: (f.path, f.line, f.column, f.rule))
    return result
