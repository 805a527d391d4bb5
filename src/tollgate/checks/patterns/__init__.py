"""The patterns check: the pack's semgrep rules over the staged content of the changed files."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from tollgate.changes import Change, ChangeSet
from tollgate.checks.patterns.languages import covered, semgrep_name
from tollgate.checks.result import Checked
from tollgate.findings import Finding, fingerprint
from tollgate.pack.model import Pack, PatternRule

NAME = "patterns"
_MAX_EXCERPT = 160


def run(changes: ChangeSet, pack: Pack) -> Checked:
    if not pack.patterns:
        return Checked([])
    languages = {language for rule in pack.patterns for language in rule.languages}
    wanted = [c for c in changes.changes if covered(c.path, languages)]
    if not wanted:
        return Checked([])  # semgrep never starts for a commit it has nothing to say about
    import tempfile  # noqa: PLC0415 - the docs-only commit pays nothing for this check

    from tollgate.checks.patterns.semgrep import run_semgrep  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="tollgate-patterns-") as tmp:
        targets = materialise(wanted, Path(tmp))
        report = run_semgrep(semgrep_config_for(wanted, pack), sorted(targets), Path(tmp))
    return Checked(findings_from(report, targets, pack))


def semgrep_config_for(changes: list[Change], pack: Pack) -> str:
    """All rules, or only those without a prefilter when no changed file matches any prefilter."""
    keys = {key for rule in pack.patterns for key in rule.prefilter}
    if not keys or not pack.semgrep_unconditional:
        return pack.semgrep_config
    if any(key in change.text for change in changes for key in keys):
        return pack.semgrep_config
    return pack.semgrep_unconditional


def materialise(changes: list[Change], root: Path) -> dict[str, Change]:
    """Write each change's staged text under `root`; map the names semgrep sees back to changes.

    semgrep reads the index content this way, never the work tree. Changes from different commits
    of a range go under separate folders, since one path can appear in several commits.
    """
    commits = {c.commit for c in changes}
    targets: dict[str, Change] = {}
    for change in changes:
        folder = f"c{sorted(commits).index(change.commit)}/" if len(commits) > 1 else ""
        name = folder + semgrep_name(_safe(change.path))
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(change.text.encode("utf-8", "replace"))
        targets[name] = change
    return targets


def _safe(path: str) -> str:
    parts = [p if p not in ("..", ".") else "_" for p in PurePosixPath(path).parts if p != "/"]
    return "/".join(parts) or "_"


def findings_from(report: dict[str, Any], targets: dict[str, Change], pack: Pack) -> list[Finding]:
    from tollgate.checks.secrets.locate import LineIndex  # noqa: PLC0415
    from tollgate.ignore import pattern_suppression  # noqa: PLC0415

    rules = {rule.id: rule for rule in pack.patterns}
    findings: list[Finding] = []
    indexes: dict[str, LineIndex] = {}
    for result in report.get("results", []):
        change = targets.get(str(result.get("path")))
        rule = _rule_for(str(result.get("check_id")), rules)
        if change is None or rule is None:
            continue
        line, end_line = int(result["start"]["line"]), int(result["end"]["line"])
        if not change.touches(line, end_line):
            continue
        # Keyed by the name semgrep saw: in a range, one path can stand in several commits.
        name = str(result.get("path"))
        index = indexes.get(name) or indexes.setdefault(name, LineIndex(change.text))
        before = index.line_text(line - 1) if line > 1 else ""
        verdict = pattern_suppression(index.line_text(line), before, rule.id, rule.category)
        if verdict.suppressed:
            continue
        text = index.line_text(line)
        message = " ".join(str(result.get("extra", {}).get("message") or rule.description).split())
        if verdict.refusal:
            message += f" (suppression refused: {verdict.refusal})"
        matched = "\n".join(index.line_text(n) for n in range(line, end_line + 1))
        findings.append(
            Finding(
                check=NAME,
                rule=rule.id,
                severity=rule.severity,
                path=change.path,
                line=line,
                column=int(result["start"].get("col", 1)),
                end_line=end_line,
                message=message,
                excerpt=_excerpt(text, rule),
                fingerprint=fingerprint(rule.id, change.path, " ".join(matched.split())),
                fix=rule.fix,
                commit=change.commit,
            )
        )
    return findings


def _rule_for(check_id: str, rules: dict[str, PatternRule]) -> PatternRule | None:
    # semgrep may prefix ids with the config's folder; ours always start with "patterns.".
    at = check_id.find("patterns.")
    while at >= 0:
        if check_id[at:] in rules:
            return rules[check_id[at:]]
        at = check_id.find("patterns.", at + 1)
    return None


def _excerpt(line: str, rule: PatternRule) -> str:
    text = line.strip()
    if rule.category == "secrets-exposure":
        from tollgate.mask import mask  # noqa: PLC0415

        # The finding is about a value in the source: show the key, never the value.
        for separator in ("=", ":", " "):
            key, sep, value = text.partition(separator)
            if sep and value.strip():
                text = f"{key}{sep}{mask(value.strip())}"
                break
    return text if len(text) <= _MAX_EXCERPT else text[:_MAX_EXCERPT] + "…"
