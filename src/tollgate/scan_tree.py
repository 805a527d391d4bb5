"""A scan over a repository whose subdirectories may hold their own `.tollgate.toml`."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from tollgate.changes import ChangeSet
from tollgate.checks import CHECKS
from tollgate.checks.result import Checked
from tollgate.config import Config
from tollgate.context import Context
from tollgate.engine import scan
from tollgate.findings import Finding
from tollgate.policy import select_changes
from tollgate.severity import Severity


def scan_tree(
    ctx: Context,
    config: Config,
    changes: ChangeSet,
    baseline: frozenset[str],
    checks: Sequence[str] | None,
    *,
    nested: bool = True,
    pack_dir: str | None = None,
    allow_unlocked: bool = False,
    fail_on: Severity | None = None,
    environ: Mapping[str, str] = os.environ,
) -> Checked:
    """Each file judged under the configs that apply to it: the root's, and nested ones over it.

    `fail_on`, when given (the command line's), wins over every nested config.
    """
    if not nested:
        return scan(changes, ctx.pack, config, baseline, checks)
    from tollgate.config_tree import nested_dirs  # noqa: PLC0415

    paths = [c.path for c in changes.changes] + [s.path for s in changes.skipped]
    paths += [path for _, path in changes.touched]
    chains = nested_dirs(ctx.root, paths)
    if not any(chains.values()):
        return scan(changes, ctx.pack, config, baseline, checks)
    from tollgate.config_tree import layered  # noqa: PLC0415
    from tollgate.context import resolve_pack  # noqa: PLC0415

    findings: list[Finding] = []
    warnings: list[str] = []
    for chain in sorted(set(chains.values())):
        group = ChangeSet(
            tuple(c for c in changes.changes if chains[c.path] == chain),
            tuple(s for s in changes.skipped if chains[s.path] == chain),
            changes.snapshot,
            tuple(t for t in changes.touched if chains.get(t[1], ()) == chain),
        )
        here, pack = config, ctx.pack
        if chain:
            here = layered(config, ctx.root, chain, frozenset(CHECKS))
            if fail_on is not None:
                here = here._replace(fail_on=fail_on)
            pack = resolve_pack(ctx.root, here, pack_dir, environ, allow_unlocked)
            pack = pack._replace(pin_settings=here.pins)
        checked = scan(select_changes(group, here), pack, here, baseline, checks)
        findings.extend(checked.findings)
        warnings.extend(checked.warnings)
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.rule))
    return Checked(findings, tuple(dict.fromkeys(warnings)))
