"""Shared fixtures: real git repositories in tmp_path with a fixed identity and isolated config."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Isolate git from the user's config, and fail any test that writes into the source tree."""
    home = tmp_path / "home"
    home.mkdir()
    # A suite run from inside a git hook or pre-commit must not reach the outer repository.
    for name in (
        "GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
        "PRE_COMMIT_FROM_REF", "PRE_COMMIT_TO_REF", "PRE_COMMIT_SOURCE", "PRE_COMMIT_ORIGIN",
        "TOLLGATE_CACHE_DIR",
    ):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Test Author")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "author@example.invalid")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test Author")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "author@example.invalid")
    monkeypatch.setenv("NO_COLOR", "1")
    (home / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n", "utf-8")
    before = _tree_state(ROOT)
    yield
    assert _tree_state(ROOT) == before, "the test wrote into the source tree"


def _tree_state(root: Path) -> str:
    out = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "--ignored=no"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout


@dataclass
class Repo:
    path: Path

    def git(self, *args: str, check: bool = True) -> str:
        proc = subprocess.run(
            ["git", *args], cwd=self.path, capture_output=True, text=True, check=False
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr}")
        return proc.stdout

    def write(self, name: str, content: str | bytes) -> Path:
        path = self.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
        return path

    def stage(self, name: str, content: str | bytes) -> Path:
        path = self.write(name, content)
        self.git("add", "--", name)
        return path

    def commit(self, message: str = "commit") -> str:
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    path = tmp_path / "repo"
    path.mkdir()
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    return Repo(path)


@dataclass
class Run:
    code: int
    out: str
    err: str


def tollgate(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run the real CLI in a subprocess, as a hook would."""
    proc = subprocess.run(
        [sys.executable, "-m", "tollgate", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def pins_scan(repo: Repo) -> tuple[int, list[tuple[str, int, str, str]], str]:
    """`tollgate scan --checks pins` as JSON: the exit code, (path, line, rule, severity) of each
    finding, and stderr (which must never hold a traceback)."""
    run = tollgate("scan", "--checks", "pins", "--format", "json", cwd=repo.path)
    assert "Traceback" not in run.err
    rows = [
        (f["path"], f["line"], f["rule"], f["severity"]) for f in json.loads(run.out)["findings"]
    ]
    return run.code, rows, run.err


def fake_github_token() -> str:
    from tollgate.commands.demo import fake_github_token as make  # noqa: PLC0415

    return make()
