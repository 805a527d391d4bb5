"""From raw findings to what blocks: path excludes, disabled rules, baseline, severity threshold."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable

from tollgate.changes import ChangeSet
from tollgate.config import Config
from tollgate.findings import Finding


def excluded(path: str, config: Config) -> bool:
    globs = config.exclude + config.allow_paths
    return any(path_matches(path, glob) for glob in globs)


def path_matches(path: str, glob: str) -> bool:
    """fnmatch on the repo path, where a leading `**/` may also match no directory at all.

    Without that, `**/fixtures/**` would miss `fixtures/a.py` at the repository root.
    """
    if fnmatch.fnmatchcase(path, glob):
        return True
    return glob.startswith("**/") and fnmatch.fnmatchcase(path, glob[3:])


def select_changes(changes: ChangeSet, config: Config) -> ChangeSet:
    if not (config.exclude or config.allow_paths):
        return changes
    kept = tuple(c for c in changes.changes if not excluded(c.path, config))
    skipped = tuple(s for s in changes.skipped if not excluded(s.path, config))
    return ChangeSet(kept, skipped, changes.snapshot)


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
        result.append(finding._replace(blocking=finding.severity >= config.fail_on))
    result.sort(key=lambda f: (f.path, f.line, f.column, f.rule))
    return result
