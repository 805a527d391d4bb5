"""The pure core: a change set and a pack in, judged findings out."""

from __future__ import annotations

from collections.abc import Sequence

from tollgate.changes import ChangeSet
from tollgate.checks import CHECKS
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
) -> list[Finding]:
    selected = select_changes(changes, config)
    raw: list[Finding] = []
    for name in checks or config.checks:
        raw.extend(CHECKS[name].run(selected, pack))
    return judge(raw, config, baseline)
