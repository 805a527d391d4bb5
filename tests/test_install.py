"""`tollgate install` / `uninstall`: native hooks that real `git commit` and `git push` run."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Repo, fake_github_token, tollgate

RULE = "secrets.github-pat-classic"
FULL_TOKEN = re.compile(r"ghp_[A-Za-z0-9]{36}")
LEAK = 'GITHUB_TOKEN = "{token}"\n'
CLEAN = 'GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]\n'
FOREIGN = "#!/bin/sh\necho 'the team hook'\n"


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # No TOLLGATE_BIN: the installed hook must find the tollgate it was installed with on its own.
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


def _count(cwd: Path, ref: str = "HEAD") -> int:
    return int(_git(cwd, "rev-list", "--count", ref).stdout)


def _install(cwd: Path, *args: str) -> None:
    run = tollgate("install", *args, cwd=cwd)
    assert run.code == 0, run.err


def _assert_blocked(proc: subprocess.CompletedProcess[str], path: str) -> None:
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert re.search(rf"^{re.escape(path)}:1:\d+.*: BLOCK \w+ {re.escape(RULE)}$", out, re.M), out
    assert not FULL_TOKEN.search(out), out


def _assert_commit_gate(cwd: Path) -> None:
    """A staged leak is refused by a real `git commit`; the fixed change commits."""
    before = _count(cwd)
    (cwd / "settings.py").write_text(LEAK.format(token=fake_github_token()), "utf-8")
    _git(cwd, "add", "settings.py")

    _assert_blocked(_git(cwd, "commit", "-m", "leak"), "settings.py")
    assert _count(cwd) == before

    (cwd / "settings.py").write_text(CLEAN, "utf-8")
    _git(cwd, "add", "settings.py")
    proc = _git(cwd, "commit", "-m", "fixed")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _count(cwd) == before + 1


def test_install_writes_an_executable_marked_hook(repo: Repo) -> None:
    run = tollgate("install", cwd=repo.path)

    hook = repo.path / ".git/hooks/pre-commit"
    assert run.code == 0, run.err
    assert run.out == f"tollgate: installed {hook}\n"
    assert os.access(hook, os.X_OK)
    assert "tollgate-hook" in hook.read_text("utf-8")
    assert not (repo.path / ".git/hooks/pre-push").exists()


def test_installed_hook_gates_real_commits(repo: Repo) -> None:
    repo.commit("base")
    _install(repo.path)

    _assert_commit_gate(repo.path)


def test_installed_hook_sees_a_commit_all_of_unstaged_edits(repo: Repo) -> None:
    # `git commit -a` commits through a temporary index that git names in GIT_INDEX_FILE.
    repo.stage("settings.py", CLEAN)
    repo.commit("base")
    _install(repo.path)
    repo.write("settings.py", LEAK.format(token=fake_github_token()))

    _assert_blocked(_git(repo.path, "commit", "-a", "-m", "leak"), "settings.py")
    assert _count(repo.path) == 1


def test_reinstall_keeps_our_hook_and_makes_no_backup(repo: Repo) -> None:
    _install(repo.path)
    _install(repo.path)

    assert sorted(
        p.name for p in (repo.path / ".git/hooks").iterdir() if "sample" not in p.name
    ) == ["pre-commit"]


def test_install_all_installs_both_hooks(repo: Repo) -> None:
    _install(repo.path, "--hook", "all")

    for name in ("pre-commit", "pre-push"):
        assert "tollgate-hook" in (repo.path / ".git/hooks" / name).read_text("utf-8")
    assert tollgate("uninstall", "--hook", "all", cwd=repo.path).code == 0
    assert not (repo.path / ".git/hooks/pre-commit").exists()
    assert not (repo.path / ".git/hooks/pre-push").exists()


@pytest.fixture
def remote(repo: Repo, tmp_path: Path) -> Path:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    repo.git("remote", "add", "origin", str(bare))
    return bare


def _remote_head(bare: Path, branch: str = "main") -> str:
    return _git(bare, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}").stdout.strip()


def test_pre_push_hook_gates_real_pushes(repo: Repo, remote: Path) -> None:
    repo.stage("settings.py", CLEAN)
    repo.commit("base")
    run = tollgate("install", "--hook", "pre-push", cwd=repo.path)
    assert run.code == 0, run.err
    assert os.access(repo.path / ".git/hooks/pre-push", os.X_OK)
    assert not (repo.path / ".git/hooks/pre-commit").exists()

    proc = _git(repo.path, "push", "origin", "main")
    assert proc.returncode == 0, proc.stderr
    pushed = _remote_head(remote)
    assert pushed == repo.git("rev-parse", "HEAD").strip()

    repo.stage("settings.py", LEAK.format(token=fake_github_token()))
    repo.commit("leak")
    _assert_blocked(_git(repo.path, "push", "origin", "main"), "settings.py")
    assert _remote_head(remote) == pushed

    # A new branch has no remote commit to start from: its unpushed commits are scanned.
    _assert_blocked(_git(repo.path, "push", "origin", "main:refs/heads/leak"), "settings.py")
    assert not _remote_head(remote, "leak")

    repo.stage("settings.py", CLEAN)
    repo.commit("fixed")
    _assert_blocked(_git(repo.path, "push", "origin", "main"), "settings.py")
    repo.git("reset", "-q", "--hard", pushed)
    repo.stage("settings.py", CLEAN + "# clean\n")
    clean = repo.commit("clean")
    proc = _git(repo.path, "push", "origin", "main")
    assert proc.returncode == 0, proc.stderr
    assert _remote_head(remote) == clean


def test_pre_push_hook_scans_every_pushed_ref(repo: Repo, remote: Path) -> None:
    repo.commit("base")
    _install(repo.path, "--hook", "pre-push")
    repo.git("push", "-q", "origin", "main")
    repo.git("checkout", "-q", "-b", "a-clean")
    repo.stage("clean.py", CLEAN)
    repo.commit("clean")
    repo.git("checkout", "-q", "-b", "z-leak", "main")
    repo.stage("settings.py", LEAK.format(token=fake_github_token()))
    repo.commit("leak")

    for order in (("a-clean", "z-leak"), ("z-leak", "a-clean")):
        _assert_blocked(_git(repo.path, "push", "origin", *order), "settings.py")
        assert not _remote_head(remote, "z-leak")


def test_pre_push_hook_allows_a_force_push_over_unfetched_commits(
    repo: Repo, remote: Path, tmp_path: Path
) -> None:
    repo.commit("base")
    repo.git("push", "-q", "origin", "main")
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "-q", str(remote), str(other)], check=True)
    subprocess.run(["git", "commit", "-q", "--allow-empty", "-m", "x"], cwd=other, check=True)
    subprocess.run(["git", "push", "-q", "origin", "main"], cwd=other, check=True)
    _install(repo.path, "--hook", "pre-push")
    repo.stage("clean.py", CLEAN)
    clean = repo.commit("mine")

    proc = _git(repo.path, "push", "--force", "origin", "main")

    assert proc.returncode == 0, proc.stderr
    assert _remote_head(remote) == clean


def test_foreign_hook_is_refused_without_force(repo: Repo) -> None:
    hook = repo.write(".git/hooks/pre-commit", FOREIGN)
    hook.chmod(0o755)

    run = tollgate("install", cwd=repo.path)

    assert run.code == 2
    assert "--force" in run.err
    assert "Traceback" not in run.err
    assert hook.read_text("utf-8") == FOREIGN
    assert not (repo.path / ".git/hooks/pre-commit.tollgate-backup").exists()


def test_force_backs_up_a_foreign_hook_and_uninstall_restores_it(repo: Repo) -> None:
    hook = repo.write(".git/hooks/pre-commit", FOREIGN)
    hook.chmod(0o755)

    _install(repo.path, "--force")

    backup = repo.path / ".git/hooks/pre-commit.tollgate-backup"
    assert backup.read_text("utf-8") == FOREIGN
    assert "tollgate-hook" in hook.read_text("utf-8")
    run = tollgate("uninstall", cwd=repo.path)
    assert run.code == 0, run.err
    assert "restored" in run.out
    assert hook.read_text("utf-8") == FOREIGN
    assert os.access(hook, os.X_OK)
    assert not backup.exists()


def test_force_never_writes_through_a_symlinked_hook(repo: Repo) -> None:
    script = repo.write("tools/hook.sh", FOREIGN)
    script.chmod(0o755)
    hook = repo.path / ".git/hooks/pre-commit"
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.symlink_to("../../tools/hook.sh")

    _install(repo.path, "--force")

    assert script.read_text("utf-8") == FOREIGN
    assert not hook.is_symlink()
    assert tollgate("uninstall", cwd=repo.path).code == 0
    assert hook.is_symlink()
    assert os.readlink(hook) == "../../tools/hook.sh"


def test_force_keeps_an_earlier_backup(repo: Repo) -> None:
    hook = repo.write(".git/hooks/pre-commit", FOREIGN)
    _install(repo.path, "--force")
    hook.write_text("#!/bin/sh\necho 'another hook'\n", "utf-8")

    run = tollgate("install", "--force", cwd=repo.path)

    assert run.code == 2
    assert "backup" in run.err
    assert (repo.path / ".git/hooks/pre-commit.tollgate-backup").read_text("utf-8") == FOREIGN


def test_uninstall_removes_our_hook(repo: Repo) -> None:
    _install(repo.path)

    run = tollgate("uninstall", cwd=repo.path)

    assert run.code == 0, run.err
    assert not (repo.path / ".git/hooks/pre-commit").exists()
    again = tollgate("uninstall", cwd=repo.path)
    assert (again.code, again.out) == (0, "tollgate: no pre-commit hook installed\n")


def test_uninstall_leaves_a_foreign_hook_in_place(repo: Repo) -> None:
    hook = repo.write(".git/hooks/pre-commit", FOREIGN)

    run = tollgate("uninstall", cwd=repo.path)

    assert run.code == 2
    assert hook.read_text("utf-8") == FOREIGN


def test_install_from_a_linked_worktree(repo: Repo, tmp_path: Path) -> None:
    repo.commit("base")
    worktree = tmp_path / "worktree"
    repo.git("worktree", "add", "-q", "-b", "feature", str(worktree))

    _install(worktree)

    # Linked worktrees share the main repository's hooks directory.
    assert "tollgate-hook" in (repo.path / ".git/hooks/pre-commit").read_text("utf-8")
    _assert_commit_gate(worktree)


@pytest.mark.parametrize("where", ["relative", "absolute"])
def test_install_honours_core_hooks_path(repo: Repo, tmp_path: Path, where: str) -> None:
    hooks = repo.path / ".githooks" if where == "relative" else tmp_path / "shared-hooks"
    repo.git("config", "core.hooksPath", ".githooks" if where == "relative" else str(hooks))
    repo.commit("base")
    (repo.path / "src").mkdir()

    _install(repo.path / "src")

    assert "tollgate-hook" in (hooks / "pre-commit").read_text("utf-8")
    assert not (repo.path / ".git/hooks/pre-commit").exists()
    _assert_commit_gate(repo.path)
    assert tollgate("uninstall", cwd=repo.path).code == 0
    assert not (hooks / "pre-commit").exists()


def test_install_outside_a_repository_is_an_error(tmp_path: Path) -> None:
    run = tollgate("install", cwd=tmp_path)

    assert run.code == 2
    assert run.err.startswith("tollgate: error: ")
    assert "Traceback" not in run.err
