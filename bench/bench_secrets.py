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
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

PEER_SPEC = "detect-secrets"
STAMP_NAME = "tollgate-bench.stamp"
DEFAULT_PEERS_VENV = Path.home() / ".cache" / "tollgate-bench" / "peers"
PYCACHE_DIR = Path.home() / ".cache" / "tollgate-bench" / "pycache"
DEFAULT_RUNS = 7
MIN_RUNS = 5
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


class BenchError(Exception):
    """A command or setup step failed; the benchmark cannot continue."""


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


def write_files(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


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


# --------------------------------------------------------------------------- git and processes


@dataclass(frozen=True)
class Cmd:
    label: str
    argv: tuple[str, ...]
    cwd: Path

    def shell(self) -> str:
        return f"(cd {self.cwd} && {' '.join(self.argv)})"


@dataclass
class Env:
    """The environment every command runs in: git identity and config isolated in a temp dir."""

    vars: dict[str, str]

    @classmethod
    def isolated(cls, workdir: Path) -> Env:
        gitconfig = workdir / "gitconfig"
        gitconfig.write_text(
            "[user]\n\tname = Bench\n\temail = bench@example.invalid\n"
            "[init]\n\tdefaultBranch = main\n"
            "[gc]\n\tauto = 0\n"  # no background gc while timing
            "[maintenance]\n\tauto = false\n",
            "utf-8",
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        env.update(GIT_CONFIG_GLOBAL=str(gitconfig), GIT_CONFIG_NOSYSTEM="1", NO_COLOR="1")
        # Both tools load cached bytecode, as installed hooks do: without this, an environment
        # with PYTHONDONTWRITEBYTECODE=1 recompiles every edited module on every run.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE_DIR)
        return cls(env)


def git(env: Env, repo: Path, *args: str) -> None:
    proc = subprocess.run(["git", *args], cwd=repo, env=env.vars, capture_output=True, check=False)
    if proc.returncode != 0:
        raise BenchError(f"git {' '.join(args)} failed: {proc.stderr.decode(errors='replace')}")


def init_repo(env: Env, repo: Path, files: dict[str, str]) -> None:
    """A repository with `files` in one commit, packed as a real repository would be."""
    repo.mkdir(parents=True)
    git(env, repo, "init", "-q")
    write_files(repo, files)
    git(env, repo, "add", "-A")
    git(env, repo, "commit", "-q", "-m", "initial import")
    git(env, repo, "repack", "-adq")


def stage(env: Env, repo: Path, files: dict[str, str]) -> None:
    write_files(repo, files)
    git(env, repo, "add", "--", *files)


def run_once(cmd: Cmd, env: Env) -> tuple[float, int]:
    """Wall time in ms and exit status of one run; a crash (status >= 2) is an error."""
    start = time.perf_counter()
    proc = subprocess.run(cmd.argv, cwd=cmd.cwd, env=env.vars, capture_output=True, check=False)
    elapsed = (time.perf_counter() - start) * 1000
    if proc.returncode not in (0, 1):
        err = proc.stderr.decode(errors="replace")[-2000:]
        raise BenchError(f"{cmd.shell()} exited {proc.returncode}:\n{err}")
    return elapsed, proc.returncode


_RSS_HELPER = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def peak_rss_mb(cmd: Cmd, env: Env) -> float:
    """Peak RSS (MB) of the largest process in the command's tree, via a fresh helper process."""
    argv = [sys.executable, "-c", _RSS_HELPER, *cmd.argv]
    out = subprocess.run(
        argv, cwd=cmd.cwd, env=env.vars, capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux


@dataclass
class Timing:
    cmd: Cmd
    runs_ms: list[float] = field(default_factory=list)
    warmup_exit: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.runs_ms)


def measure(a: Cmd, b: Cmd, env: Env, runs: int) -> tuple[Timing, Timing]:
    """Warm each command up once, then alternate them so drift hits both equally."""
    ta, tb = Timing(a), Timing(b)
    ta.warmup_exit = run_once(a, env)[1]
    tb.warmup_exit = run_once(b, env)[1]
    for _ in range(runs):
        ta.runs_ms.append(run_once(a, env)[0])
        tb.runs_ms.append(run_once(b, env)[0])
    return ta, tb


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


def tollgate_argv() -> tuple[str, ...]:
    """The `tollgate` script next to this interpreter (what pre-commit runs), else `-m tollgate`."""
    script = Path(sys.executable).parent / "tollgate"
    if script.is_file() and os.access(script, os.X_OK):
        return (str(script),)
    return (sys.executable, "-m", "tollgate")


def ensure_peers(venv: Path) -> Path:
    """A venv with detect-secrets, created once and reused while its stamp file matches."""
    stamp = venv / STAMP_NAME
    key = f"{PEER_SPEC} python{sys.version_info.major}.{sys.version_info.minor}\n"
    bin_dir = venv / "bin"
    if stamp.is_file() and stamp.read_text() == key and (bin_dir / "detect-secrets-hook").is_file():
        return bin_dir
    print(f"creating peer venv {venv} ...", file=sys.stderr)
    if venv.exists():
        shutil.rmtree(venv)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(bin_dir / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, PEER_SPEC], check=True)
    stamp.write_text(key)
    return bin_dir


def tollgate_revision(argv: tuple[str, ...]) -> str:
    """`tollgate --version`, plus the source checkout's commit (and -dirty) when there is one."""
    out = subprocess.run([*argv, "--version"], capture_output=True, text=True, check=False)
    version = out.stdout.strip() or "unknown"
    code = "import tollgate, os; print(os.path.dirname(tollgate.__file__))"
    where = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    describe = ["git", "describe", "--always", "--dirty", "--abbrev=12"]
    rev = subprocess.run(
        describe, cwd=where.stdout.strip() or ".", capture_output=True, text=True, check=False
    )
    return f"{version} ({rev.stdout.strip()})" if rev.returncode == 0 else version


def peer_version(bin_dir: Path) -> str:
    code = "import importlib.metadata as m; print(m.version('detect-secrets'))"
    out = subprocess.run(
        [str(bin_dir / "python"), "-c", code], capture_output=True, text=True, check=False
    )
    return out.stdout.strip() or "unknown"


# --------------------------------------------------------------------------- results


@dataclass
class Row:
    scenario: str
    unit: str
    tollgate: float
    peer: float | None
    peer_name: str
    ratio: float | None
    target: str
    passed: bool
    detail: dict[str, object] = field(default_factory=dict)


def timing_row(scenario: str, ta: Timing, tb: Timing, max_ratio: float, **extra: object) -> Row:
    ratio = ta.median / tb.median
    detail: dict[str, object] = {
        "tollgate_cmd": ta.cmd.shell(),
        "peer_cmd": tb.cmd.shell(),
        "tollgate_runs_ms": [round(x, 1) for x in ta.runs_ms],
        "peer_runs_ms": [round(x, 1) for x in tb.runs_ms],
        "tollgate_warmup_exit": ta.warmup_exit,
        "peer_warmup_exit": tb.warmup_exit,
        **extra,
    }
    return Row(
        scenario, "ms", ta.median, tb.median, tb.cmd.label, ratio,
        f"ratio <= {max_ratio:g}", ratio <= max_ratio, detail,
    )  # fmt: skip


@dataclass(frozen=True)
class Bench:
    tools: Tools
    env: Env
    workdir: Path
    runs: int
    quick: bool
    repo_extra: dict[str, str]  # committed into every scenario repo (e.g. a .tollgate.toml)

    def init_repo(self, repo: Path, files: dict[str, str]) -> None:
        init_repo(self.env, repo, {**files, **self.repo_extra})


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


def format_table(rows: Sequence[Row]) -> str:
    head = ("scenario", "tollgate", "peer", "peer command", "ratio", "target", "result")
    body = [
        (
            r.scenario,
            f"{r.tollgate:.1f} {r.unit}",
            "-" if r.peer is None else f"{r.peer:.1f} {r.unit}",
            r.peer_name,
            "-" if r.ratio is None else f"{r.ratio:.3f}",
            r.target,
            "PASS" if r.passed else "FAIL",
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in (head, *body)) for i in range(len(head))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([fmt.format(*head), fmt.format(*("-" * w for w in widths))] + [
        fmt.format(*line) for line in body
    ])  # fmt: skip


def report(rows: Sequence[Row], b: Bench, argv: Sequence[str]) -> dict[str, object]:
    return {
        "command": " ".join([sys.executable, *argv]),
        "tollgate": " ".join(b.tools.tollgate),
        "tollgate_version": b.tools.tollgate_version,
        "peer": f"detect-secrets {b.tools.peer_version}",
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "runs": b.runs,
        "quick": b.quick,
        "repo_extra_files": b.repo_extra,
        "results": [asdict(r) for r in rows],
    }


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--runs", type=int, default=DEFAULT_RUNS, help=f"timed runs (>= {MIN_RUNS})")
    p.add_argument("--quick", action="store_true", help="all-files: 10 MB tree and 3 runs")
    p.add_argument("--only", help=f"comma-separated scenarios from {','.join(SCENARIOS)}")
    p.add_argument("--json", type=Path, help="also write the results as JSON here")
    p.add_argument("--peers-venv", type=Path, default=DEFAULT_PEERS_VENV)
    p.add_argument("--keep", action="store_true", help="keep the generated repositories")
    args = p.parse_args(argv)
    if args.runs < MIN_RUNS:
        p.error(f"--runs must be at least {MIN_RUNS}")
    args.scenarios = _selected(p, args.only)
    return args


def _selected(p: argparse.ArgumentParser, only: str | None) -> list[str]:
    if not only:
        return list(SCENARIOS)
    names = [n.strip() for n in only.split(",") if n.strip()]
    unknown = sorted(set(names) - set(SCENARIOS))
    if unknown:
        p.error(f"unknown scenario(s) {unknown}; known: {', '.join(SCENARIOS)}")
    return names


@contextmanager
def workdir(keep: bool) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="tollgate-bench-"))
    try:
        yield path
    finally:
        if keep:
            print(f"kept repositories in {path}", file=sys.stderr)
        else:
            shutil.rmtree(path, ignore_errors=True)


def run_scenarios(b: Bench, names: Sequence[str]) -> list[Row]:
    rows: list[Row] = []
    for name in names:
        print(f"[{name}] building repository and measuring ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        load_before = os.getloadavg()[0]
        new = SCENARIO_FUNCS[name](b)
        for row in new:
            row.detail["loadavg_1min_before_after"] = [load_before, os.getloadavg()[0]]
        print(f"[{name}] done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        print(format_table(new), file=sys.stderr, flush=True)
        rows.extend(new)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    bin_dir = ensure_peers(args.peers_venv.expanduser())
    tg = tollgate_argv()
    tools = Tools(tg, tollgate_revision(tg), bin_dir, peer_version(bin_dir))
    with workdir(args.keep) as tmp:
        bench = Bench(tools, Env.isolated(tmp), tmp, args.runs, args.quick, {})
        rows = run_scenarios(bench, args.scenarios)
        quick = f", {QUICK_ALL_FILES_RUNS} for all-files" if args.quick else ""
        print(f"{tools.tollgate_version} vs detect-secrets {tools.peer_version}")
        print(f"medians of {args.runs} runs{quick}; {os.cpu_count()} CPUs")
        print(format_table(rows))
        if args.json:
            text = json.dumps(report(rows, bench, [sys.argv[0], *argv]), indent=2)
            args.json.write_text(text + "\n", "utf-8")
    return 0 if all(r.passed for r in rows) else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        sys.exit(2)
