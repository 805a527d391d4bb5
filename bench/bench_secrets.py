#!/usr/bin/env python3
"""Benchmark `tollgate scan` against detect-secrets, side by side, in real git repositories.

Run it with the interpreter of the environment tollgate is installed in:

    .venv/bin/python bench/bench_secrets.py [--quick] [--only 1-file,100-file] [--json out.json]

detect-secrets is installed into a separate throwaway venv (reused while its stamp matches).
Every scenario builds its own repository of generated source files in a temporary directory, warms
each command up once, then alternates the two commands for --runs timed runs and reports medians.
The exit status is 0 when every target is met, 1 when one is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from common import (
    MIN_RUNS,
    Cmd,
    Env,
    Row,
    bench_parser,
    dist_version,
    ensure_venv,
    format_table,
    init_repo,
    measure,
    peak_rss_mb,
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

PEER_SPEC = "detect-secrets"
DEFAULT_PEERS_VENV = Path.home() / ".cache" / "tollgate-bench" / "peers"
QUICK_ALL_FILES_RUNS = 3
RSS_RUNS = 3
FULL_TREE_MB = 50
QUICK_TREE_MB = 10
BIG_REPO_FILES = 50_000
SMALL_REPO_FILES = 10
CHANGED_FILE = "src/app/service.py"
SCENARIOS = ("1-file", "100-file", "all-files", "repo-size")

# Ordinary identifiers, including the words secret detectors key on, so prefilters work honestly.
_WORDS = (
    "user", "account", "session", "token", "key", "password_field", "config", "cache",
    "request", "response", "order", "invoice", "payload", "client", "handler", "record",
    "item", "batch", "queue", "retry", "timeout", "limit", "offset", "page", "query",
    "result", "status", "event", "message", "schema", "field", "value", "index", "entry",
    "path", "name", "label", "owner", "group", "role", "auth", "header", "body", "metric",
    "window", "bucket", "region", "tenant", "secret_name", "api_version",
)  # fmt: skip
# YAML keys a keyword detector would (rightly) flag with any value; the values stay ordinary.
_KEYWORDS = frozenset({"token", "key", "password_field", "auth", "secret_name"})
_PLAIN_WORDS = tuple(w for w in _WORDS if w not in _KEYWORDS)
_VERBS = (
    "get", "load", "build", "parse", "render", "update", "fetch", "resolve", "validate",
    "format", "merge", "create", "delete", "refresh", "compute", "apply",
)  # fmt: skip
_HEADERS = ("Authorization", "X-Request-Id", "X-Api-Version", "Accept", "Content-Type")

_PY = (
    "import {w1}_{w2}",
    "from {w1}.{w2} import {c1}{c2}",
    "",
    "class {c1}{c2}({c3}Base):",
    '    """{s}."""',
    "    def {v1}_{w1}(self, {w2}, {w3}=None):",
    "        {w1} = self.{w2}.{v1}_{w3}({w4})",
    "        if {w1} is None or len({w2}) > {n}:",
    "            return {w3}",
    '        token = request.headers.get("{h}", "")',
    '        password_field = form.fields["{w1}"]',
    "        key = cache_key({w1}, {w2}, ttl={n})",
    '        logger.debug("{v1} {w1} %s for %s", {w2}, {w3})',
    "        for {w1} in self.{w2}_list:",
    "            {w1}_{w2}[{w3}.{w4}] = {v1}_{w2}({w1}, limit={n})",
    "    # {s}",
    '        raise {c1}Error("cannot {v1} {w1}")',
    '        return {{"{w1}": {w2}, "{w3}": {n}}}',
)
_JS = (
    'import {{ {v1}{c1} }} from "./{w1}/{w2}";',
    "export async function {v1}{c1}({w1}, options = {{}}) {{",
    "  const {w1} = await {w2}Client.{v1}{c3}({w3}, {{ limit: {n} }});",
    "  if (!{w1} || {w1}.length > {n}) {{",
    '    throw new Error("{s}");',
    "  }}",
    '  const token = req.headers["{h}"] ?? "";',
    "  const key = [prefix, {w1}.id].join(':');",
    '  this.passwordField = form.field("{w1}");',
    "  return {{ ...{w1}, {w2}: {w3}.{w4}, count: {n} }};",
    "}}",
    "// {s}",
)
_YAML = (
    "{w1}:",
    "  {k}: {w3}-{w4}",
    "  replicas: {n}",
    "  token_ttl_seconds: {n}",
    "  - name: {w1}-{w2}",
    "    image: registry.example.com/{w1}/{w2}:{n}.{m}",
    "  # {s}",
    "  key_path: /etc/{w1}/{w2}.conf",
)
_LANGS = {"py": _PY, "js": _JS, "yaml": _YAML}


# --------------------------------------------------------------------------- generated content


class SourceGen:
    """Deterministic generator of realistic-looking Python, JavaScript and YAML source."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def _fields(self) -> dict[str, str | int]:
        r = self.rng
        words = [r.choice(_WORDS) for _ in range(4)]
        camel = [r.choice(_WORDS).title().replace("_", "") for _ in range(3)]
        sentence = " ".join(r.choice(_WORDS) for _ in range(r.randint(4, 9))).capitalize()
        return {
            "w1": words[0], "w2": words[1], "w3": words[2], "w4": words[3],
            "c1": camel[0], "c2": camel[1], "c3": camel[2],
            "v1": r.choice(_VERBS), "h": r.choice(_HEADERS), "s": sentence,
            "k": r.choice(_PLAIN_WORDS), "n": r.randint(1, 5000), "m": r.randint(0, 40),
        }  # fmt: skip

    def lines(self, lang: str, count: int) -> list[str]:
        templates = _LANGS[lang]
        return [self.rng.choice(templates).format(**self._fields()) for _ in range(count)]

    def text(self, lang: str, count: int) -> str:
        return "\n".join(self.lines(lang, count)) + "\n"

    def lang(self) -> str:
        return self.rng.choices(("py", "js", "yaml"), weights=(6, 3, 1))[0]


def source_path(index: int, lang: str, per_dir: int = 40) -> str:
    return f"src/pkg{index // per_dir:04d}/module{index:06d}.{lang}"


def source_files(gen: SourceGen, count: int, lines: int) -> dict[str, str]:
    files: dict[str, str] = {}
    for i in range(count):
        lang = gen.lang()
        files[source_path(i, lang)] = gen.text(lang, lines)
    return files


def tree_of_size(gen: SourceGen, megabytes: int) -> dict[str, str]:
    """Source files of 100-800 lines until the tree holds `megabytes` MB."""
    files: dict[str, str] = {}
    total, target = 0, megabytes * 1024 * 1024
    while total < target:
        lang = gen.lang()
        text = gen.text(lang, gen.rng.randint(100, 800))
        files[source_path(len(files), lang)] = text
        total += len(text.encode())
    return files


def tiny_files(count: int) -> dict[str, str]:
    return {f"lib/d{i // 100:04d}/f{i:06d}.py": f"VALUE_{i} = {i}\n" for i in range(count)}


def modify(gen: SourceGen, path: str, text: str, changed: int) -> str:
    """Replace `changed` lines of `text` with new ones in the file's language, spread through it."""
    lines = text.splitlines()
    lang = path.rsplit(".", 1)[-1]
    for i in gen.rng.sample(range(len(lines)), min(changed, len(lines))):
        lines[i] = gen.lines(lang, 1)[0]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- tools


@dataclass(frozen=True)
class Tools:
    tollgate: tuple[str, ...]
    tollgate_version: str
    peer_bin: Path
    peer_version: str

    def tollgate_cmd(self, repo: Path, *args: str) -> Cmd:
        # The `tollgate-secrets` hook's command: the same job detect-secrets-hook does.
        return Cmd("tollgate", (*self.tollgate, "scan", "--checks", "secrets", *args), repo)

    def peer_cmd(self, repo: Path, script: str, *args: str) -> Cmd:
        return Cmd(script, (str(self.peer_bin / script), *args), repo)


def ensure_peers(venv: Path) -> Path:
    """A venv with detect-secrets, created once and reused while its stamp file matches."""
    return ensure_venv(venv, PEER_SPEC, "detect-secrets-hook")


def peer_version(bin_dir: Path) -> str:
    return dist_version(bin_dir, "detect-secrets")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Bench:
    tools: Tools
    env: Env
    workdir: Path
    runs: int
    quick: bool

    def init_repo(self, repo: Path, files: dict[str, str]) -> None:
        init_repo(self.env, repo, files)


# --------------------------------------------------------------------------- scenarios


def base_repo_with_change(b: Bench, name: str, extra: dict[str, str]) -> tuple[Path, str]:
    """A repo of CHANGED_FILE (200 lines) and `extra`; 20 lines of CHANGED_FILE changed, staged."""
    gen = SourceGen(1)
    original = gen.text("py", 200)
    repo = b.workdir / name
    b.init_repo(repo, {CHANGED_FILE: original, **extra})
    stage(b.env, repo, {CHANGED_FILE: modify(gen, CHANGED_FILE, original, 20)})
    return repo, CHANGED_FILE


def scenario_1_file(b: Bench) -> list[Row]:
    repo, path = base_repo_with_change(b, "one-file", source_files(SourceGen(2), 40, 200))
    peer = b.tools.peer_cmd(repo, "detect-secrets-hook", path)
    ta, tb = measure(b.tools.tollgate_cmd(repo), peer, b.env, b.runs)
    return [timing_row("1-file", ta, tb, 0.5)]


def scenario_100_file(b: Bench) -> list[Row]:
    gen = SourceGen(3)
    files = source_files(gen, 150, 200)
    repo = b.workdir / "hundred-files"
    b.init_repo(repo, files)
    changed = {p: modify(gen, p, t, 20) for p, t in list(files.items())[:100]}
    stage(b.env, repo, changed)
    peer = b.tools.peer_cmd(repo, "detect-secrets-hook", *changed)
    ta, tb = measure(b.tools.tollgate_cmd(repo), peer, b.env, b.runs)
    return [timing_row("100-file", ta, tb, 0.3)]


def scenario_all_files(b: Bench) -> list[Row]:
    megabytes = QUICK_TREE_MB if b.quick else FULL_TREE_MB
    runs = QUICK_ALL_FILES_RUNS if b.quick else b.runs
    files = tree_of_size(SourceGen(4), megabytes)
    size = sum(len(t.encode()) for t in files.values())
    lines = sum(t.count("\n") for t in files.values())
    repo = b.workdir / "all-files"
    b.init_repo(repo, files)
    tg = b.tools.tollgate_cmd(repo, "--all-files")
    peer = b.tools.peer_cmd(repo, "detect-secrets", "scan", "--all-files")
    ta, tb = measure(tg, peer, b.env, runs)
    tree = {"files": len(files), "bytes": size, "lines": lines, "runs": runs}
    rows = [timing_row("all-files", ta, tb, 0.1, tree=tree)]
    rows.append(rss_row(b, tg))
    return rows


def rss_row(b: Bench, tg: Cmd) -> Row:
    """tollgate's peak RSS: the largest process of its tree, worst of RSS_RUNS runs."""
    tg_mb = max(peak_rss_mb(tg, b.env) for _ in range(RSS_RUNS))
    detail: dict[str, object] = {
        "method": f"max ru_maxrss (RUSAGE_CHILDREN, fresh helper) over {RSS_RUNS} runs",
        "tollgate_cmd": tg.shell(),
    }
    return Row("all-files RSS", "MB", tg_mb, None, "-", None, "<= 200 MB", tg_mb <= 200, detail)


def scenario_repo_size(b: Bench) -> list[Row]:
    big, _ = base_repo_with_change(b, "repo-50k", tiny_files(BIG_REPO_FILES - 1))
    small, _ = base_repo_with_change(b, "repo-10", tiny_files(SMALL_REPO_FILES - 1))
    ta, tb = measure(b.tools.tollgate_cmd(big), b.tools.tollgate_cmd(small), b.env, b.runs)
    tb.cmd = Cmd(f"tollgate ({SMALL_REPO_FILES}-file repo)", tb.cmd.argv, tb.cmd.cwd)
    repos = {"big_files": BIG_REPO_FILES, "small_files": SMALL_REPO_FILES}
    return [timing_row("repo-size", ta, tb, 1.2, repos=repos)]


SCENARIO_FUNCS: dict[str, Callable[[Bench], list[Row]]] = {
    "1-file": scenario_1_file,
    "100-file": scenario_100_file,
    "all-files": scenario_all_files,
    "repo-size": scenario_repo_size,
}


# --------------------------------------------------------------------------- output


def report(rows: Sequence[Row], b: Bench, argv: Sequence[str]) -> dict[str, object]:
    return {
        **run_facts(argv, b.tools.tollgate, b.tools.tollgate_version),
        "peer": f"detect-secrets {b.tools.peer_version}",
        "runs": b.runs,
        "quick": b.quick,
        "results": [asdict(r) for r in rows],
    }


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = bench_parser(__doc__, SCENARIOS)
    p.add_argument("--quick", action="store_true", help="all-files: 10 MB tree and 3 runs")
    p.add_argument("--peers-venv", type=Path, default=DEFAULT_PEERS_VENV)
    args = p.parse_args(argv)
    if args.runs < MIN_RUNS:
        p.error(f"--runs must be at least {MIN_RUNS}")
    args.scenarios = selected_scenarios(p, args.only, SCENARIOS)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    bin_dir = ensure_peers(args.peers_venv.expanduser())
    tg = tollgate_argv()
    tools = Tools(tg, tollgate_revision(tg), bin_dir, peer_version(bin_dir))
    with workdir(args.keep) as tmp:
        bench = Bench(tools, Env.isolated(tmp), tmp, args.runs, args.quick)
        rows = run_scenarios(bench, args.scenarios, SCENARIO_FUNCS)
        quick = f", {QUICK_ALL_FILES_RUNS} for all-files" if args.quick else ""
        print(f"{tools.tollgate_version} vs detect-secrets {tools.peer_version}")
        print(f"medians of {args.runs} runs{quick}; {os.cpu_count()} CPUs")
        print(format_table(rows))
        if args.json:
            text = json.dumps(report(rows, bench, [sys.argv[0], *argv]), indent=2)
            args.json.write_text(text + "\n", "utf-8")
    return 0 if all(r.passed for r in rows) else 1


if __name__ == "__main__":
    run_main(main)
