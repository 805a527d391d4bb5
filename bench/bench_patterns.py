#!/usr/bin/env python3
"""Benchmark the patterns check (`tollgate scan --checks patterns`) against semgrep's own hook.

Run it with the interpreter of the environment tollgate is installed in:

    .venv/bin/python bench/bench_patterns.py [--only 1-file,10-file,docs-only] [--json out.json]

The peer is semgrep run as semgrep's pre-commit hook runs it, with `--config` pointing at the same
rules tollgate uses; it is installed (the version tollgate's environment has) into a separate
throwaway venv, reused while its stamp matches. Every scenario builds its own repository of
generated, syntactically valid Python in a temporary directory, warms each command up once, then
alternates the two commands for --runs timed runs and reports medians. The exit status is 0 when
every target is met, 1 when one is missed, 2 when the benchmark itself fails.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import importlib.metadata
import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench_secrets import _VERBS, _WORDS
from common import (
    MIN_RUNS,
    BenchError,
    Cmd,
    Env,
    Row,
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

PEER_DIST = "semgrep"
DEFAULT_PEERS_VENV = Path.home() / ".cache" / "tollgate-bench" / "peers-semgrep"
SCENARIOS = ("1-file", "10-file", "docs-only")
PEER_CONFIGS = ("merged", "dir")
RUN_TIMEOUT = 300.0  # seconds for one run of either tool; a hang is a benchmark failure
MODULE_LINES = 200  # lines of each generated Python module (a little more, never less)
REPO_MODULES = 30  # Python modules committed in every scenario repository
DOCS = ("README.md", "docs/install.md", "docs/usage.md", "docs/configuration.md", "docs/faq.md")
STAGED_DOCS = DOCS[:4]
ENV_SHOWN = ("SEMGREP_ENABLE_VERSION_CHECK", "PYTHONPYCACHEPREFIX", "GIT_CONFIG_GLOBAL")
MAX_RATIO = 0.25
MAX_DOCS_MS = 10.0
DOCS_RUNS_FACTOR = 3  # docs-only: ~90 ms runs, a 10 ms target and +-15 ms of noise per run

# --------------------------------------------------------------------------- generated content

# A Python module is a header and blocks (functions, classes), each block a list of lines.
# Statements are SAFE variants of what the pack's rules look for: subprocess with argument lists,
# requests with timeouts and TLS on, parametrised SQL, yaml.safe_load, sha256, secrets, tempfile
# with real files. semgrep parses and matches all of it; nothing should be reported.
_HEADER = '''"""{s}."""

from __future__ import annotations

import hashlib
import html
import json
import logging
import secrets
import shlex
import sqlite3
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
import yaml

from app.{w1} import {c1}Client, {v}_{w2}

LOG = logging.getLogger(__name__)
BASE_URL = "https://api.example.com/v{m}"
DEFAULT_TIMEOUT = {m}
MAX_RETRIES = 3


@dataclass
class {c1}{c2}Record:
    """{s2}."""

    id: int
    {w1}: str = ""
    {w2}: int = 0
    tags: list[str] = field(default_factory=list)
'''
_STATEMENTS = (
    """result = subprocess.run(
    ["git", "log", "--format=%H", "-n", str({n}), "--", str({w1}_path)],
    check=True,
    capture_output=True,
    text=True,
    timeout=DEFAULT_TIMEOUT,
)
{w2}_lines = result.stdout.splitlines()""",
    """command = ["rsync", "-a", "--delete", "--", str({w1}_dir), str({w2}_dir)]
LOG.info("running %s", shlex.join(command))
subprocess.check_call(command, timeout=DEFAULT_TIMEOUT)""",
    """version = subprocess.check_output(["{tool}", "--version"], text=True).strip()""",
    """response = requests.get(
    f"{{BASE_URL}}/{w1}s/{{{w2}_id}}",
    params={{"limit": {n}, "offset": offset}},
    headers={{"{h}": {w3}}},
    timeout=DEFAULT_TIMEOUT,
)
response.raise_for_status()
{w1}_data = response.json()""",
    """response = self.session.post(
    f"{{BASE_URL}}/{w1}s", json={{"{w2}": {w2}, "{w3}": {n}}}, timeout=DEFAULT_TIMEOUT
)""",
    """cursor = self.connection.cursor()
cursor.execute(
    "SELECT id, {w1}, {w2} FROM {w3}_table WHERE {w4} = ? AND status = ? LIMIT ?",
    ({w4}, status, {n}),
)
rows = cursor.fetchall()""",
    """query = "UPDATE {w1}_table SET {w2} = ?, updated_at = ? WHERE id = ?"
self.connection.execute(query, ({w2}, time.time(), {w3}_id))
self.connection.commit()""",
    """self.connection.executemany(
    "INSERT INTO {w1}_table (id, {w2}) VALUES (?, ?)", [(r.id, r.{w2}) for r in {w3}s]
)""",
    """message = f"{v} {w1} {{{w2}!r}} in {{time.monotonic() - started:.2f}} s"
LOG.info(message)""",
    """if not {w1}:
    raise ValueError(f"{w1} is required to {v} {{{w2}!r}}")""",
    """for {w1} in {w2}s:
    if {w1}.{w3} is None:
        continue
    {w4}_map[{w1}.id] = {w1}.{w3}""",
    """try:
    {w1} = self.client.{v}_{w1}({w2}, timeout=DEFAULT_TIMEOUT)
except requests.RequestException as exc:
    LOG.warning("could not {v} {w1}: %s", exc)
    return None""",
    """path = Path(base_dir) / "{w1}" / f"{{{w2}_id}}.json"
with path.open(encoding="utf-8") as handle:
    {w3} = json.load(handle)""",
    """with open(config_path, encoding="utf-8") as handle:
    settings = yaml.safe_load(handle) or {{}}
{w1}_limit = int(settings.get("{w1}_limit", {n}))""",
    """digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
cache_key = "{w3}:" + digest[:16]""",
    """{w1}_ids = sorted({{item.id for item in {w2}s if item.{w3} > {n}}})""",
    """request_id = secrets.token_hex(16)
LOG.debug("{v} {w1} request %s", request_id)""",
    """with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
    json.dump({w1}, out, indent=2, sort_keys=True)
    written = Path(out.name)""",
    """label = html.escape(str({w1}.{w2}))""",
    """started = time.monotonic()""",
    """for attempt in range(MAX_RETRIES):
    response = self.session.get(url, timeout=DEFAULT_TIMEOUT)
    if response.status_code != 503:
        break
    time.sleep(2**attempt)""",
    """LOG.debug("{v} {w1}: %d rows for %s", len(rows), {w2})""",
    """{w1} = {{key: value for key, value in {w2}.items() if value is not None}}""",
)
_RETURNS = (
    'return {{"{w1}": {w2}, "count": len({w3}s), "status": "ok"}}',
    "return [{c1}{c2}Record(id=row[0], {w1}=row[1]) for row in rows]",
    "return {w1}",
    "return None",
)
_TOOLS = ("git", "rsync", "tar", "docker", "kubectl", "terraform")
_HEADERS = ("Accept", "Content-Type", "X-Request-Id", "X-Api-Version", "If-None-Match")
_MD_LINES = (
    "## {c1} {w1}",
    "",
    "{s}. See [the {w1} guide](docs/{w2}.md) for {w3} and {w4}.",
    "- `{w1}`: the {w2} used to {v} each {w3} (default `{n}`).",
    "```sh\ntool {v} --{w1} {w2} --limit {n}\n```",
    "> {s}.",
    "{s}; {v} the `{w1}_{w2}` setting when {w3} changes.",
)


class ModuleGen:
    """Deterministic generator of realistic, syntactically valid Python modules and Markdown."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def _fields(self) -> dict[str, str | int]:
        r = self.rng
        words = r.sample(_WORDS, 4)  # distinct: they also name a function's parameters
        camel = [r.choice(_WORDS).title().replace("_", "") for _ in range(2)]
        return {
            "w1": words[0], "w2": words[1], "w3": words[2], "w4": words[3],
            "c1": camel[0], "c2": camel[1], "v": r.choice(_VERBS), "n": r.randint(1, 5000),
            "m": r.randint(1, 30), "h": r.choice(_HEADERS), "tool": r.choice(_TOOLS),
            "s": self.sentence(), "s2": self.sentence(),
        }  # fmt: skip

    def sentence(self) -> str:
        return " ".join(self.rng.choice(_WORDS) for _ in range(self.rng.randint(4, 9))).capitalize()

    def _body(self, count: int) -> list[str]:
        lines: list[str] = []
        for _ in range(count):
            lines.extend(self.rng.choice(_STATEMENTS).format(**self._fields()).splitlines())
        lines.append(self.rng.choice(_RETURNS).format(**self._fields()))
        return lines

    def function(self) -> list[str]:
        f = self._fields()
        head = [
            f"def {f['v']}_{f['w1']}({f['w2']}: str, {f['w3']}_id: int, *, limit: int = {f['n']})"
            " -> Any:",
            f'    """{f["s"]}."""',
        ]
        return ["", "", *head, *("    " + line for line in self._body(self.rng.randint(3, 6)))]

    def service(self) -> list[str]:
        f = self._fields()
        lines = [
            "",
            "",
            f"class {f['c1']}{f['c2']}Service:",
            f'    """{f["s"]}."""',
            "",
            "    def __init__(self, connection: sqlite3.Connection, session: requests.Session)"
            " -> None:",
            "        self.connection = connection",
            "        self.session = session",
            f"        self.client = {f['c1']}Client(session)",
        ]
        for _ in range(self.rng.randint(2, 3)):
            m = self._fields()
            lines += [
                "",
                f"    def {m['v']}_{m['w1']}(self, {m['w2']}: str, offset: int = 0) -> Any:",
                f'        """{m["s"]}."""',
                *("        " + line for line in self._body(self.rng.randint(2, 5))),
            ]
        return lines

    def block(self) -> list[str]:
        return self.service() if self.rng.random() < 0.3 else self.function()

    def module(self, lines: int = MODULE_LINES) -> list[list[str]]:
        """A module as blocks: the header, then functions and classes up to `lines` lines."""
        blocks = [_HEADER.format(**self._fields()).rstrip("\n").splitlines()]
        while sum(len(b) for b in blocks) < lines:
            blocks.append(self.block())
        return blocks

    def modified(self, blocks: list[list[str]], count: int = 2) -> list[list[str]]:
        """`blocks` with `count` of its functions or classes rewritten (~20-40 changed lines)."""
        new = list(blocks)
        for i in self.rng.sample(range(1, len(blocks)), min(count, len(blocks) - 1)):
            new[i] = self.block()
        return new

    def markdown(self, lines: int) -> list[str]:
        out = [f"# {self.sentence()}", ""]
        while len(out) < lines:
            out.extend(self.rng.choice(_MD_LINES).format(**self._fields()).splitlines())
        return out


def python_text(blocks: list[list[str]], name: str) -> str:
    text = "\n".join(line for block in blocks for line in block) + "\n"
    try:
        ast.parse(text, name)
    except SyntaxError as exc:  # the generator's own bug: semgrep would time a parse error
        raise BenchError(f"generated {name} is not valid Python: {exc}") from None
    return text


def module_path(index: int) -> str:
    return f"src/app/{_WORDS[index % len(_WORDS)]}_{index:03d}.py"


@dataclass
class Project:
    """A small Python project: modules, docs and packaging files, as blocks so it can change."""

    modules: dict[str, list[list[str]]]
    docs: dict[str, list[str]]

    @classmethod
    def generate(cls, gen: ModuleGen, count: int) -> Project:
        modules = {module_path(i): gen.module() for i in range(count)}
        docs = {path: gen.markdown(gen.rng.randint(80, 160)) for path in DOCS}
        return cls(modules, docs)

    def files(self) -> dict[str, str]:
        files = {path: python_text(blocks, path) for path, blocks in self.modules.items()}
        files.update({path: "\n".join(lines) + "\n" for path, lines in self.docs.items()})
        files["pyproject.toml"] = '[project]\nname = "app"\nversion = "1.0.0"\n'
        files["src/app/__init__.py"] = '"""The app."""\n'
        return files


# --------------------------------------------------------------------------- tools


@dataclass(frozen=True)
class Tools:
    tollgate: tuple[str, ...]
    tollgate_version: str
    peer_bin: Path
    peer_version: str
    peer_config: Path

    def tollgate_cmd(self, repo: Path, checks: str = "patterns") -> Cmd:
        # The `tollgate-patterns` hook's command (pre-commit would also pass the file names).
        argv = (*self.tollgate, "scan", "--checks", checks)
        return Cmd(f"tollgate --checks {checks}", argv, repo)

    def peer_cmd(self, repo: Path, files: Sequence[str], *extra: str) -> Cmd:
        # semgrep's pre-commit hook: `entry: semgrep` with these args, then the staged files.
        argv = (
            str(self.peer_bin / "semgrep"),
            "--config",
            str(self.peer_config),
            "--disable-version-check",
            "--quiet",
            "--skip-unknown-extensions",
            "--metrics=off",
            *extra,
            *files,
        )
        return Cmd("semgrep", argv, repo)


def peer_spec() -> str:
    """semgrep pinned to the version in tollgate's own environment (this interpreter's)."""
    return f"{PEER_DIST}=={importlib.metadata.version(PEER_DIST)}"


@dataclass(frozen=True)
class Rules:
    """The rules both tools run: tollgate's built-in pack, as a config semgrep can read."""

    config: Path
    mode: str
    count: int
    files: int
    digest: str
    key: str  # a hash of tollgate's cache key of the pack (file names, sizes, mtimes)


def prepare_rules(dest: Path, mode: str) -> Rules:
    """The pack's pattern rules for the peer: tollgate's merged config, or a copy of the files."""
    from tollgate.pack.cache import pack_key  # noqa: PLC0415 - tollgate's venv runs the bench
    from tollgate.pack.load import builtin_pack_dir, load_pack  # noqa: PLC0415
    from tollgate.pack.pattern_rules import rule_files  # noqa: PLC0415

    root = builtin_pack_dir()
    key = _digest(pack_key(root).encode())
    merged = dest / "tollgate-patterns.semgrep.json"
    pack = load_pack(root, semgrep_config=merged)
    if not pack.semgrep_config:
        raise BenchError(f"{root}: the pack has no pattern rules")
    sources = rule_files(root)  # every rule file; never a `*.test.yaml` or a test source
    config = merged
    if mode == "dir":
        config = dest / "patterns"
        for path in sources:
            target = config / path.relative_to(root / "patterns")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return Rules(config, mode, len(pack.patterns), len(sources), _digest(merged.read_bytes()), key)


def rules_key() -> str:
    from tollgate.pack.cache import pack_key  # noqa: PLC0415
    from tollgate.pack.load import builtin_pack_dir  # noqa: PLC0415

    return _digest(pack_key(builtin_pack_dir()).encode())


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


# --------------------------------------------------------------------------- scenarios


@dataclass(frozen=True)
class Bench:
    tools: Tools
    env: Env
    workdir: Path
    runs: int
    docs_runs: int
    rules: Rules
    warnings: list[str] = field(default_factory=list)


def project_repo(b: Bench, name: str, seed: int) -> tuple[Path, Project, ModuleGen]:
    gen = ModuleGen(seed)
    project = Project.generate(gen, REPO_MODULES)
    repo = b.workdir / name
    init_repo(b.env, repo, project.files())
    return repo, project, gen


def peer_check(b: Bench, repo: Path, files: Sequence[str]) -> dict[str, object]:
    """Run the peer once with --json: the generated code must parse and give no findings."""
    cmd = b.tools.peer_cmd(repo, files, "--json")
    proc = subprocess.run(
        cmd.argv, cwd=repo, env=b.env.vars, capture_output=True, check=False, timeout=RUN_TIMEOUT
    )
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        err = proc.stderr.decode(errors="replace")[-2000:]
        raise BenchError(f"{cmd.shell()} exited {proc.returncode}, no JSON:\n{err}") from None
    results, errors = report.get("results", []), report.get("errors", [])
    scanned = report.get("paths", {}).get("scanned", [])
    if results or errors:
        rules = sorted({str(r.get("check_id")) for r in results})
        b.warnings.append(
            f"{repo.name}: semgrep reports {len(results)} finding(s) {rules} and "
            f"{len(errors)} error(s) on the generated files; both tools do extra work"
        )
    return {"findings": len(results), "errors": len(errors), "scanned": len(scanned)}


def changed_python(b: Bench, name: str, seed: int, count: int) -> list[Row]:
    repo, project, gen = project_repo(b, name, seed)
    paths = sorted(project.modules)[:count]
    changed = {p: python_text(gen.modified(project.modules[p]), p) for p in paths}
    stage(b.env, repo, changed)
    lines = sum(t.count("\n") for t in changed.values())
    check = peer_check(b, repo, paths)
    tg, peer = b.tools.tollgate_cmd(repo), b.tools.peer_cmd(repo, paths)
    ta, tb = measure(tg, peer, b.env, b.runs, RUN_TIMEOUT, abba=True)
    staged = {"files": len(paths), "lines": lines, "repo_files": len(project.files())}
    return [timing_row(f"{count}-file", ta, tb, MAX_RATIO, staged=staged, peer_json_check=check)]


def scenario_1_file(b: Bench) -> list[Row]:
    return changed_python(b, "one-file", 11, 1)


def scenario_10_file(b: Bench) -> list[Row]:
    return changed_python(b, "ten-files", 12, 10)


def scenario_docs_only(b: Bench) -> list[Row]:
    """Only Markdown staged: what does adding the patterns check to the run cost?"""
    repo, project, gen = project_repo(b, "docs-only", 13)
    changed = {}
    for path in STAGED_DOCS:
        lines = list(project.docs[path])
        for i in gen.rng.sample(range(2, len(lines)), 10):
            lines[i] = gen.sentence() + "."
        changed[path] = "\n".join(lines) + "\n"
    stage(b.env, repo, changed)
    both = b.tools.tollgate_cmd(repo, "secrets,patterns")
    secrets_only = b.tools.tollgate_cmd(repo, "secrets")
    ta, tb = measure(both, secrets_only, b.env, b.docs_runs, RUN_TIMEOUT, abba=True)
    staged = {"files": sorted(changed), "lines": sum(t.count("\n") for t in changed.values())}
    return [difference_row("docs-only", ta, tb, MAX_DOCS_MS, staged=staged)]


SCENARIO_FUNCS: dict[str, Callable[[Bench], list[Row]]] = {
    "1-file": scenario_1_file,
    "10-file": scenario_10_file,
    "docs-only": scenario_docs_only,
}


# --------------------------------------------------------------------------- output


def report(rows: Sequence[Row], b: Bench, argv: Sequence[str]) -> dict[str, object]:
    return {
        **run_facts(argv, b.tools.tollgate, b.tools.tollgate_version),
        "peer": f"semgrep {b.tools.peer_version}",
        "peer_config": {**asdict(b.rules), "config": str(b.rules.config)},
        "env": {k: b.env.vars[k] for k in ENV_SHOWN if k in b.env.vars},
        "runs": b.runs,
        "docs_runs": b.docs_runs,
        "warnings": b.warnings,
        "results": [asdict(r) for r in rows],
    }


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = bench_parser(__doc__, SCENARIOS)
    p.add_argument(
        "--docs-runs",
        type=int,
        help=f"timed runs of docs-only (default {DOCS_RUNS_FACTOR} x --runs: a few ms matter)",
    )
    p.add_argument("--peers-venv", type=Path, default=DEFAULT_PEERS_VENV)
    p.add_argument(
        "--peer-config",
        choices=PEER_CONFIGS,
        default="merged",
        help="semgrep's --config: the one merged file tollgate runs (default), or a directory "
        "copy of the pack's rule files",
    )
    args = p.parse_args(argv)
    if args.docs_runs is None:
        args.docs_runs = DOCS_RUNS_FACTOR * args.runs
    if min(args.runs, args.docs_runs) < MIN_RUNS:
        p.error(f"--runs and --docs-runs must be at least {MIN_RUNS}")
    args.scenarios = selected_scenarios(p, args.only, SCENARIOS)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    bin_dir = ensure_venv(args.peers_venv.expanduser(), peer_spec(), "semgrep")
    tg = tollgate_argv()
    with workdir(args.keep) as tmp:
        rules = prepare_rules(tmp, args.peer_config)
        tools = Tools(
            tg, tollgate_revision(tg), bin_dir, dist_version(bin_dir, PEER_DIST), rules.config
        )
        env = Env.isolated(tmp)
        env.vars["SEMGREP_ENABLE_VERSION_CHECK"] = "0"  # no network here: a check could hang
        bench = Bench(tools, env, tmp, args.runs, args.docs_runs, rules)
        rows = run_scenarios(bench, args.scenarios, SCENARIO_FUNCS)
        if rules_key() != rules.key:
            bench.warnings.append("the pack's rule files changed during the run")
        for warning in bench.warnings:
            print(f"bench: warning: {warning}", file=sys.stderr)
        print(f"{tools.tollgate_version} vs semgrep {tools.peer_version}")
        print(
            f"{rules.count} rules from {rules.files} files, semgrep --config {rules.mode}; "
            f"medians of {args.runs} runs ({args.docs_runs} for docs-only); {os.cpu_count()} CPUs"
        )
        print(format_table(rows))
        if args.json:
            text = json.dumps(report(rows, bench, [sys.argv[0], *argv]), indent=2)
            args.json.write_text(text + "\n", "utf-8")
    return 0 if all(r.passed for r in rows) else 1


if __name__ == "__main__":
    run_main(main)
