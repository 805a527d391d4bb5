"""What the benchmarks share: an isolated git environment, repositories, timing, peers, output.

bench_secrets.py and bench_patterns.py import from here. Nothing in this module knows about a
particular check or peer tool.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn, TypeVar

STAMP_NAME = "tollgate-bench.stamp"
PYCACHE_DIR = Path.home() / ".cache" / "tollgate-bench" / "pycache"
DEFAULT_RUNS = 7
MIN_RUNS = 5


class BenchError(Exception):
    """A command or setup step failed; the benchmark cannot continue."""


def write_files(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


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


def run_once(cmd: Cmd, env: Env, timeout: float | None = None) -> tuple[float, int]:
    """Wall time in ms and exit status of one run; a crash (status >= 2) is an error."""
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd.argv, cwd=cmd.cwd, env=env.vars, capture_output=True, check=False, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        raise BenchError(f"{cmd.shell()} did not finish within {timeout:g} s") from None
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


def measure(
    a: Cmd, b: Cmd, env: Env, runs: int, timeout: float | None = None, *, abba: bool = False
) -> tuple[Timing, Timing]:
    """Warm each command up once, then alternate them so drift hits both equally.

    With `abba`, every other round runs `b` first (a b, b a, a b, ...), so neither command always
    runs in the other's wake: that matters when the two differ by a few milliseconds.
    """
    ta, tb = Timing(a), Timing(b)
    ta.warmup_exit = run_once(a, env, timeout)[1]
    tb.warmup_exit = run_once(b, env, timeout)[1]
    for i in range(runs):
        order = (tb, ta) if abba and i % 2 else (ta, tb)
        for timing in order:
            timing.runs_ms.append(run_once(timing.cmd, env, timeout)[0])
    return ta, tb


# --------------------------------------------------------------------------- tools


def tollgate_argv() -> tuple[str, ...]:
    """The `tollgate` script next to this interpreter (what pre-commit runs), else `-m tollgate`."""
    script = Path(sys.executable).parent / "tollgate"
    if script.is_file() and os.access(script, os.X_OK):
        return (str(script),)
    return (sys.executable, "-m", "tollgate")


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


def ensure_venv(venv: Path, spec: str, script: str) -> Path:
    """A venv with `pip install spec`, created once and reused while its stamp file matches.

    `script` is a console script the install must leave in the venv's bin directory.
    """
    stamp = venv / STAMP_NAME
    key = f"{spec} python{sys.version_info.major}.{sys.version_info.minor}\n"
    bin_dir = venv / "bin"
    if stamp.is_file() and stamp.read_text() == key and (bin_dir / script).is_file():
        return bin_dir
    print(f"creating peer venv {venv} ...", file=sys.stderr)
    if venv.exists():
        shutil.rmtree(venv)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(bin_dir / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, spec], check=True)
    stamp.write_text(key)
    return bin_dir


def dist_version(bin_dir: Path, dist: str) -> str:
    """The installed version of distribution `dist` in the venv of `bin_dir`."""
    code = f"import importlib.metadata as m; print(m.version({dist!r}))"
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


def difference_row(scenario: str, ta: Timing, tb: Timing, max_ms: float, **extra: object) -> Row:
    """`ta` against `tb` by the difference of their medians (ms), not by their ratio."""
    row = timing_row(scenario, ta, tb, 0.0, **extra)
    difference = ta.median - tb.median
    # Paired differences of the alternating runs: less sensitive to drift, for the record.
    pairs = [a - b for a, b in zip(ta.runs_ms, tb.runs_ms, strict=True)]
    row.detail["difference_ms"] = round(difference, 2)
    row.detail["paired_difference_median_ms"] = round(statistics.median(pairs), 2)
    row.ratio = None
    row.target = f"difference <= {max_ms:g} ms"
    row.passed = difference <= max_ms
    return row


def _compare(row: Row) -> str:
    if row.ratio is not None:
        return f"{row.ratio:.3f}"
    difference = row.detail.get("difference_ms")
    if isinstance(difference, float | int):
        return f"{difference:+.1f} {row.unit}"
    return "-"


def format_table(rows: Sequence[Row]) -> str:
    head = ("scenario", "tollgate", "peer", "peer command", "ratio", "target", "result")
    body = [
        (
            r.scenario,
            f"{r.tollgate:.1f} {r.unit}",
            "-" if r.peer is None else f"{r.peer:.1f} {r.unit}",
            r.peer_name,
            _compare(r),
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


# --------------------------------------------------------------------------- running


def bench_parser(
    doc: str | None, scenarios: Sequence[str] = (), runs: int = DEFAULT_RUNS
) -> argparse.ArgumentParser:
    """The options every benchmark takes: --runs, --only (given scenarios), --json, --keep."""
    p = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    p.add_argument("--runs", type=int, default=runs, help=f"timed runs (>= {MIN_RUNS})")
    if scenarios:
        p.add_argument("--only", help=f"comma-separated scenarios from {','.join(scenarios)}")
    p.add_argument("--json", type=Path, help="also write the results as JSON here")
    p.add_argument("--keep", action="store_true", help="keep the generated repositories")
    return p


def run_facts(argv: Sequence[str], tollgate: Sequence[str], version: str) -> dict[str, object]:
    """What every benchmark's JSON records of the run and the machine it ran on."""
    return {
        "command": " ".join([sys.executable, *argv]),
        "tollgate": " ".join(tollgate),
        "tollgate_version": version,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }


def selected_scenarios(
    p: argparse.ArgumentParser, only: str | None, known: Sequence[str]
) -> list[str]:
    """The scenarios `--only` names (all of `known` without it); unknown names are an error."""
    if not only:
        return list(known)
    names = [n.strip() for n in only.split(",") if n.strip()]
    unknown = sorted(set(names) - set(known))
    if unknown:
        p.error(f"unknown scenario(s) {unknown}; known: {', '.join(known)}")
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


B = TypeVar("B")


def run_scenarios(
    b: B, names: Sequence[str], funcs: Mapping[str, Callable[[B], list[Row]]]
) -> list[Row]:
    rows: list[Row] = []
    for name in names:
        print(f"[{name}] building repository and measuring ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        load_before = os.getloadavg()[0]
        new = funcs[name](b)
        for row in new:
            row.detail["loadavg_1min_before_after"] = [load_before, os.getloadavg()[0]]
        print(f"[{name}] done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        print(format_table(new), file=sys.stderr, flush=True)
        rows.extend(new)
    return rows


def run_main(main: Callable[[], int]) -> NoReturn:
    """Exit with main()'s status (0 all targets met, 1 one missed), or 2 when the bench fails."""
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        sys.exit(2)
