#!/usr/bin/env python3
"""Benchmark what layered, locked rule packs add to a commit's scan.

    .venv/bin/python bench/bench_packs.py [--runs N] [--json out.json] [--keep]

Two repositories get the same 1-file staged change. One uses the built-in pack alone; the other
a 3-layer locked configuration: the built-in pack, an organisation pack from a git repository
(served over file://, locked in tollgate.lock, already in the cache as after `tollgate pack
lock`) and a team pack directory. Both run `tollgate scan` (every check) with a warm cache; the
target is the difference of the medians: resolving and verifying the layers (reading the lock,
hashing the git pack's files against its digest, loading three cached packs, merging them) must
add at most 20 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from common import (
    DEFAULT_RUNS,
    MIN_RUNS,
    BenchError,
    Cmd,
    Env,
    Row,
    bench_parser,
    difference_row,
    format_table,
    git,
    init_repo,
    measure,
    run_facts,
    run_main,
    stage,
    tollgate_argv,
    tollgate_revision,
    workdir,
    write_files,
)

MAX_MS = 20.0
RUNS_FACTOR = 3  # a few milliseconds against ~+-10 ms of noise per run
ORG_RULES = 40  # secret rules in the organisation pack
TEAM_RULES = 10

_MODULE = '''"""Orders service."""

from __future__ import annotations

import logging

LOG = logging.getLogger(__name__)


def total(items: list[dict[str, int]]) -> int:
    """Sum of the items' amounts."""
    return sum(item["amount"] for item in items)
'''


def secret_rules(prefix: str, count: int) -> str:
    """`count` provider-style token rules, each with an example and a negative."""
    rules = ["version = 1"]
    for i in range(count):
        token = f"{prefix}{i:02d}_" + "7fK2pQ9xL4mZ8vR3" + "tB6nW1yH5cJ0dG2s"
        rules.append(
            "\n[[rules]]\n"
            f'id = "secrets.{prefix}-{i:02d}"\n'
            f'title = "{prefix} token {i}"\n'
            f"regex = '''\\b({prefix}{i:02d}_[0-9A-Za-z]{{32}})\\b'''\n"
            "secret_group = 1\n"
            f'keywords = ["{prefix}{i:02d}_"]\n'
            'severity = "high"\nconfidence = "high"\n'
            "[[rules.examples]]\n"
            f"text = 'KEY = \"{token}\"'  # pragma: allowlist secret\n"
            "[[rules.negatives]]\n"
            "text = 'KEY = \"nothing\"'\n"
        )
    return "\n".join(rules) + "\n"


def pack_files(name: str, prefix: str, count: int, extends: str = "") -> dict[str, str]:
    meta = f'format = 1\nname = "{name}"\nversion = "1.0.0"\n{extends}'
    return {"pack.toml": meta, f"secrets/{name}.toml": secret_rules(prefix, count)}


def build(root: Path, env: Env) -> tuple[Path, Path]:
    org = root / "org-pack"
    init_repo(env, org, pack_files("org", "orgtok", ORG_RULES, 'enforced = ["secrets.orgtok-*"]\n'))
    git(env, org, "tag", "v1.0.0")
    team = root / "team-pack"
    write_files(team, pack_files("team", "teamtok", TEAM_RULES))
    plain, layered = root / "builtin-only", root / "three-layers"
    files = {"README.md": "# app\n", "src/app/orders.py": _MODULE}
    init_repo(env, plain, files)
    config = f'packs = ["builtin", "git+file://{org}@v1.0.0", "{team}"]\n'
    init_repo(env, layered, {**files, ".tollgate.toml": config})
    lock = subprocess.run(
        [*tollgate_argv(), "pack", "lock"],
        cwd=layered,
        env=env.vars,
        capture_output=True,
        check=False,
    )
    if lock.returncode != 0:
        raise BenchError(f"tollgate pack lock failed: {lock.stderr.decode(errors='replace')}")
    change = {"src/app/orders.py": _MODULE + '\n\nLIMIT = "orders"\n'}
    stage(env, plain, change)
    stage(env, layered, change)
    return plain, layered


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = bench_parser(__doc__, runs=RUNS_FACTOR * DEFAULT_RUNS)
    args = p.parse_args(argv)
    if args.runs < MIN_RUNS:
        p.error(f"--runs must be at least {MIN_RUNS}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    argv0 = tollgate_argv()
    with workdir(args.keep) as tmp:
        env = Env.isolated(tmp)
        env.vars["TOLLGATE_CACHE_DIR"] = str(tmp / "cache")
        plain, layered = build(tmp, env)
        both = Cmd("tollgate (3 layers)", (*argv0, "scan"), layered)
        alone = Cmd("tollgate (builtin)", (*argv0, "scan"), plain)
        ta, tb = measure(both, alone, env, args.runs, abba=True)
        row: Row = difference_row("3-layer locked", ta, tb, MAX_MS, layers=3)
        revision = tollgate_revision(argv0)
        print(f"{revision}; medians of {args.runs} runs; {os.cpu_count()} CPUs")
        print(format_table([row]))
        if args.json:
            report = {
                **run_facts([sys.argv[0], *argv], argv0, revision),
                "results": [asdict(row)],
            }
            args.json.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    return 0 if row.passed else 1


if __name__ == "__main__":
    run_main(main)
