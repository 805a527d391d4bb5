"""`tollgate pack info [DIR]` and `tollgate pack diff A B`: what a pack holds, what changed."""

from __future__ import annotations

import argparse
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from tollgate.pack.model import AnyRule


def info(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> int:
    from tollgate.pack.digest import pack_digest  # noqa: PLC0415
    from tollgate.pack.load import load_pack  # noqa: PLC0415

    if args.dir:
        root = Path(args.dir)
        pack = load_pack(root, environ)
        print(f"{pack.name} {pack.version}" + (f": {pack.description}" if pack.description else ""))
        print(f"  path: {root.resolve()}")
        print(f"  digest: {pack_digest(root)}")
        if pack.extends:
            print(f"  extends: {', '.join(pack.extends)}")
        if pack.enforced or any(o.enforced for _, o in pack.overrides):
            enforced = [*pack.enforced, *(r for r, o in pack.overrides if o.enforced)]
            print(f"  enforces: {', '.join(enforced)}")
        print(*_counts(pack.all_rules()), sep="\n")
        return 0
    from tollgate.context import load_context  # noqa: PLC0415
    from tollgate.gitcmd import find_root  # noqa: PLC0415

    ctx = load_context(find_root(Path.cwd(), environ), None, environ)
    print(f"this repository's rules: {len(ctx.pack.all_rules())}, in layers (last wins):")
    for label in ctx.pack.layers or (f"{ctx.pack.name} {ctx.pack.version} (builtin)",):
        print(f"  - {label}")
    print(*_counts(ctx.pack.all_rules()), sep="\n")
    return 0


def diff(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> int:
    from tollgate.pack.diff import rule_diff  # noqa: PLC0415
    from tollgate.pack.load import load_pack  # noqa: PLC0415

    old, new = load_pack(Path(args.old), environ), load_pack(Path(args.new), environ)
    print(f"{old.name} {old.version} -> {new.name} {new.version}")
    print(*rule_diff(old, new), sep="\n")
    return 0


def _counts(rules: Sequence[AnyRule]) -> list[str]:
    lines = []
    for check in ("secrets", "patterns", "pins"):
        own = [r for r in rules if r.id.startswith(f"{check}.")]
        if not own:
            continue
        by = Counter(r.severity for r in own)
        shown = ", ".join(f"{by[s]} {s.label}" for s in sorted(by, reverse=True))
        lines.append(f"  {check}: {len(own)} rules ({shown})")
    return lines or ["  no rules"]
