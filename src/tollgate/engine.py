"""The pure core: a change set and a pack in, judged findings (and warnings) out."""

from __future__ import annotations

from collections.abc import Sequence

from tollgate.changes import ChangeSet
from tollgate.checks import CHECKS
from tollgate.checks.result import Checked
from tollgate.config import Config
from tollgate.findings import Finding
from tollgate.pack.model import Pack
from tollgate.policy import judge, select_changes


def scan(
    changes: ChangeSet,
    pack: Pack,
    config: Config,
    baseline: frozenset[str] = frozenset(),
    checks: Sequence[str] | None = None,
) -> Checked:
    selected = select_changes(changes, config)
    raw: list[Finding] = []
    warnings: list[str] = []
    for name in checks or config.checks:
        checked = CHECKS[name].run(selected, pack)
        raw.extend(checked.findings)
        warnings.extend(checked.warnings)
    return Checked(judge(raw, config, baseline, pack.scopes), tuple(warnings))
