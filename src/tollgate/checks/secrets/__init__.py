"""The secrets check: credentials, keys and tokens in the lines a change adds."""

from __future__ import annotations

from tollgate.changes import Change, ChangeSet
from tollgate.checks.result import Checked
from tollgate.checks.secrets.engine import SecretEngine
from tollgate.checks.secrets.hit import Hit
from tollgate.checks.secrets.locate import LineIndex
from tollgate.findings import Finding, fingerprint
from tollgate.inline import suppressed_secret
from tollgate.mask import masked_line
from tollgate.pack.model import Pack

NAME = "secrets"


def run(changes: ChangeSet, pack: Pack) -> Checked:
    engine = SecretEngine(pack.secrets)
    findings: list[Finding] = []
    for change in changes.changes:
        findings.extend(change_findings(change, engine))
    return Checked(findings)


def change_findings(change: Change, engine: SecretEngine) -> list[Finding]:
    hits = engine.hits(change.text, change.path)
    if not hits:
        return []
    index = LineIndex(change.text)
    # Every secret of the file is masked in every excerpt, not only the finding's own span.
    secrets = tuple({h.secret for h in hits if "\n" not in h.secret})
    findings = []
    for hit in hits:
        finding = _finding(hit, index, change.path, change.commit, secrets)
        if not change.touches(finding.line, finding.end_line):
            continue
        if suppressed_secret(index.line_text(finding.line), hit.rule.id):
            continue
        findings.append(finding)
    return findings


def _finding(
    hit: Hit, index: LineIndex, path: str, commit: str, secrets: tuple[str, ...]
) -> Finding:
    at = hit.start if hit.at is None else hit.at
    line = index.line_of(at)
    end_line = index.line_of(max(hit.start, hit.end - 1))
    column = index.column_of(at)
    text = index.line_text(line)
    if at == hit.start:
        excerpt = masked_line(text, column - 1, hit.end - index.line_start(line), secrets)
    else:  # the secret starts on a later line: this one is shown as is, other secrets masked
        excerpt = masked_line(text, 0, 0, secrets)
    rule = hit.rule
    return Finding(
        check=NAME,
        rule=rule.id,
        severity=rule.severity,
        path=path,
        line=line,
        column=column,
        end_line=end_line,
        message=rule.title,
        excerpt=excerpt,
        fingerprint=fingerprint(rule.id, hit.secret),
        fix=rule.fix,
        commit=commit,
    )
