"""`tollgate demo`: the leak is shown blocked, masked, in order, and nothing outlives the demo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Repo, tollgate

FULL_TOKEN = re.compile(r"ghp_[A-Za-z0-9]{36}")


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """TMPDIR for the demo's throwaway repository; output order as a real pipe gives it."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    # Unbuffered output would hide a missing flush before the demo's child processes.
    monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)
    return tmp


def test_demo_blocks_the_leak_then_commits_the_fix(scratch: Path, tmp_path: Path) -> None:
    run = tollgate("demo", cwd=tmp_path)

    assert run.code == 0, run.err
    lines = run.out.splitlines()
    block = next(i for i, line in enumerate(lines) if " BLOCK " in line)
    assert re.fullmatch(r"app\.py:3:\d+: BLOCK \w+ secrets\.github-pat-classic", lines[block])
    assert lines.index("(exit 1)") > block
    assert "# a token is staged" in lines[block - 1]
    fixed = next(i for i, line in enumerate(lines) if "# read from the environment" in line)
    assert fixed > lines.index("(exit 1)")
    assert lines[fixed + 1].startswith("tollgate: no findings")
    assert lines[fixed + 2] == "(exit 0)"
    assert lines[-1].startswith("demo: the leak was blocked (exit 1), the fix passed (exit 0)")
    assert not FULL_TOKEN.search(run.out + run.err)
    assert list(scratch.iterdir()) == [], "the demo left its repository behind"


def test_demo_ignores_the_users_git_config(scratch: Path, tmp_path: Path) -> None:
    # Signing with no key, or a hooks path, would break a demo that read the user's config.
    Path.home().joinpath(".gitconfig").write_text(
        f"[commit]\n\tgpgsign = true\n[core]\n\thooksPath = {tmp_path / 'no-such-hooks'}\n", "utf-8"
    )

    run = tollgate("demo", cwd=tmp_path)

    assert run.code == 0, run.err


def test_demo_never_touches_the_repository_in_git_dir(scratch: Path, repo: Repo) -> None:
    # An exported GIT_DIR (a common dotfiles set-up) must not send the demo's commits there.
    repo.stage("notes.txt", "hello\n")
    head = repo.commit("mine")
    status = repo.git("status", "--porcelain")

    run = tollgate("demo", cwd=scratch, env={"GIT_DIR": str(repo.path / ".git")})

    assert run.code == 0, run.err
    assert repo.git("rev-parse", "HEAD").strip() == head
    assert repo.git("status", "--porcelain") == status
    assert repo.git("ls-files") == "notes.txt\n"
