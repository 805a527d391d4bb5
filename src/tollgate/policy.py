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
    return ChangeSet(kept, skipped, changes.snapshot, changes.touched)


Scopes = tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]


def judge(
    findings: Iterable[Finding], config: Config, baseline: frozenset[str], scopes: Scopes = ()
) -> list[Finding]:
    """Drop what is disabled, out of its rule's paths, below the path's warn_on or accepted in the
    baseline; mark what blocks (the path's fail_on); one per identity."""
    disabled = set(config.disable)
    limited = {rule: (paths, exclude) for rule, paths, exclude in scopes}
    result: list[Finding] = []
    seen: set[tuple[str, str, int]] = set()
    for finding in findings:
        if finding.rule in disabled or finding.fingerprint in baseline:
            continue
        if finding.rule in limited and not _in_scope(finding.path, *limited[finding.rule]):
            continue
        fail_on, warn_on = config.limits(finding.path)
        if finding.severity < warn_on:
            continue
        key = (finding.fingerprint, finding.path, finding.line)
        if key in seen:
            continue  # the same secret re-added by several commits of a range
        seen.add(key)
        blocking = fail_on is not None and finding.severity >= fail_on
        result.append(finding._replace(blocking=blocking))
    result.sort(key=lambda f: (f.path, f.line, f.column, f.rule))
    return result


def _in_scope(path: str, paths: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    if paths and not any(path_matches(path, glob) for glob in paths):
        return False
    return not any(path_matches(path, glob) for glob in exclude)
