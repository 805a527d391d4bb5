"""End to end: the change set git hands to `tollgate scan`, in real repositories, in every mode.

Secrets are built at test time (never a literal in this file); every finding is asserted exactly as
(path, line, rule, severity), and every case that must report is paired with one that must not.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import Repo, Run, fake_github_token, tollgate

PASSWORD = ("secrets.generic-password", "high")
TOKEN = ("secrets.github-pat-classic", "critical")
NULL_REF = "0" * 40

Finding = tuple[str, int, str, str]


def password(tail: str = "") -> str:
    """A line the generic password rule reports; `tail` makes each secret distinct."""
    return 'db_password = "' + "Zq8#" + "vLm2pW" + tail + '"\n'


def token_line() -> str:
    return f'GITHUB_TOKEN = "{fake_github_token()}"\n'


def scan(cwd: Path, *args: str, env: dict[str, str] | None = None) -> tuple[Run, list[Finding]]:
    run = tollgate("scan", "--format", "json", *args, cwd=cwd, env=env)
    assert run.code in (0, 1), run.err
    assert "Traceback" not in run.err
    report = json.loads(run.out)
    found = [(f["path"], f["line"], f["rule"], f["severity"]) for f in report["findings"]]
    assert run.code == (1 if found else 0)
    return run, found


def at(path: str, line: int, rule: tuple[str, str] = PASSWORD) -> Finding:
    return (path, line, *rule)


def test_first_commit_staged_in_a_repo_without_commits(repo: Repo) -> None:
    repo.stage("app.py", "import os\n" + token_line())
    repo.stage("clean.py", "x = 1\n")
    repo.write("untracked.py", password())
    _, found = scan(repo.path)
    assert found == [at("app.py", 2, TOKEN)]


def test_nothing_staged_is_clean(repo: Repo) -> None:
    repo.stage("a.py", password())
    repo.commit()
    repo.write("a.py", password() + password("other"))
    run, found = scan(repo.path)
    assert (run.code, found) == (0, [])


def test_detached_head(repo: Repo) -> None:
    repo.stage("a.py", "x = 1\n")
    repo.commit()
    repo.git("checkout", "-q", "--detach")
    repo.stage("a.py", "x = 1\n" + password())
    repo.stage("b.py", "y = 2\n")
    _, found = scan(repo.path)
    assert found == [at("a.py", 2)]


def test_linked_worktree_scans_its_own_index(repo: Repo, tmp_path: Path) -> None:
    repo.stage("a.py", "x = 1\n")
    repo.commit()
    linked = tmp_path / "linked"
    repo.git("worktree", "add", "-q", "-b", "feature", str(linked))
    repo.stage("main_only.py", password("main"))
    Repo(linked).stage("sub/feature.py", "y = 2\n" + password("feat"))
    _, found = scan(linked)
    assert found == [at("sub/feature.py", 2)]
    _, found = scan(repo.path)
    assert found == [at("main_only.py", 1)]


def test_subdirectory_cwd_reports_repo_relative_paths(repo: Repo) -> None:
    repo.stage("pkg/mod/a.py", password("a"))
    repo.stage("pkg/b.py", password("b"))
    repo.stage("top.py", password("top"))
    cwd = repo.path / "pkg" / "mod"
    _, found = scan(cwd)
    assert found == [at("pkg/b.py", 1), at("pkg/mod/a.py", 1), at("top.py", 1)]
    _, found = scan(cwd, "a.py", "../../top.py")
    assert found == [at("pkg/mod/a.py", 1), at("top.py", 1)]


def test_old_secret_in_untouched_line_is_not_reported_new_one_is(repo: Repo) -> None:
    repo.stage("settings.py", password("old") + "a = 1\nb = 2\n")
    repo.commit()
    repo.stage("settings.py", password("old") + "a = 1\n" + password("new") + "b = 2\n")
    _, found = scan(repo.path)
    assert found == [at("settings.py", 3)]


def test_edit_of_other_line_in_file_with_old_secret_is_clean(repo: Repo) -> None:
    repo.stage("settings.py", password("old") + "a = 1\n")
    repo.commit()
    repo.stage("settings.py", password("old") + "a = 2\n")
    run, found = scan(repo.path)
    assert (run.code, found) == (0, [])


def _numbered(n: int) -> str:
    return "".join(f"value_{i} = {i}\n" for i in range(1, n + 1))


def test_renamed_file_reports_only_its_changed_line(repo: Repo) -> None:
    repo.stage("old.py", _numbered(20) + password("kept"))
    repo.commit()
    repo.git("mv", "old.py", "new.py")
    repo.stage(
        "new.py", _numbered(20).replace("value_5 = 5\n", password("added")) + password("kept")
    )
    status, *names = repo.git("diff", "--cached", "--name-status", "-M").split()
    assert (status[0], names) == ("R", ["old.py", "new.py"])
    _, found = scan(repo.path)
    assert found == [at("new.py", 5)]
    # pre-commit passes only the new name: the rename must still be paired with its old side.
    _, found = scan(repo.path, "new.py")
    assert found == [at("new.py", 5)]
    _, found = scan(repo.path, "old.py")
    assert found == []


def test_pure_rename_is_clean(repo: Repo) -> None:
    repo.stage("old.py", _numbered(5) + password())
    repo.commit()
    repo.git("mv", "old.py", "new.py")
    run, found = scan(repo.path)
    assert (run.code, found) == (0, [])


def test_deleted_file_reports_nothing(repo: Repo) -> None:
    repo.stage("gone.py", password("gone"))
    repo.stage("trimmed.py", "a = 1\n" + password("trim"))
    repo.commit()
    repo.git("rm", "-q", "gone.py")
    repo.stage("trimmed.py", "a = 1\n")
    repo.stage("added.py", password("added"))
    _, found = scan(repo.path)
    assert found == [at("added.py", 1)]


def _state(repo: Repo) -> tuple[str, str, str, bytes]:
    return (
        repo.git("status", "--porcelain"),
        repo.git("ls-files", "-s"),
        repo.git("diff", "--cached"),
        (repo.path / "config.py").read_bytes(),
    )


def scan_untouched(repo: Repo, *args: str) -> tuple[Run, list[Finding]]:
    """Scan, and check the scan changed nothing git or the user can see."""
    before = _state(repo)
    # `git status` above may rewrite the index to refresh stat data; the scan itself never may.
    index = (repo.path / ".git" / "index").read_bytes()
    result = scan(repo.path, *args)
    assert (repo.path / ".git" / "index").read_bytes() == index
    assert _state(repo) == before
    return result


def test_partial_staging_judges_the_index_and_changes_nothing(repo: Repo) -> None:
    repo.stage("config.py", "".join(f"k{i} = {i}\n" for i in range(1, 11)))
    repo.commit()
    lines = [f"k{i} = {i}\n" for i in range(1, 11)]
    lines[1] = password("staged")
    repo.stage("config.py", "".join(lines))
    lines[7] = password("unstaged")
    repo.write("config.py", "".join(lines))
    assert repo.git("status", "--porcelain") == "MM config.py\n"
    _, found = scan_untouched(repo)
    assert found == [at("config.py", 2)]
    _, found = scan_untouched(repo, "config.py")
    assert found == [at("config.py", 2)]


def test_partial_staging_secret_only_in_unstaged_edit_is_clean(repo: Repo) -> None:
    repo.stage("config.py", "a = 1\nb = 2\nc = 3\n")
    repo.commit()
    repo.stage("config.py", "a = 1\nb = 20\nc = 3\n")
    repo.write("config.py", "a = 1\nb = 20\nc = 3\n" + password("unstaged"))
    run, found = scan_untouched(repo)
    assert (run.code, found) == (0, [])
    run, found = scan_untouched(repo, "config.py")
    assert (run.code, found) == (0, [])


def test_named_files_limit_the_scan(repo: Repo) -> None:
    repo.stage("a.py", password("a"))
    repo.stage("dir/b.py", password("b"))
    repo.stage("c.py", password("c"))
    _, found = scan(repo.path, "a.py", "dir/b.py")
    assert found == [at("a.py", 1), at("dir/b.py", 1)]
    _, found = scan(repo.path, "dir")
    assert found == [at("dir/b.py", 1)]


def test_named_file_that_is_not_staged_is_clean(repo: Repo) -> None:
    repo.stage("a.py", password("a"))
    repo.commit()
    repo.stage("b.py", password("b"))
    run, found = scan(repo.path, "a.py")
    assert (run.code, found) == (0, [])


def test_all_files_reports_every_tracked_line(repo: Repo) -> None:
    repo.stage("old.py", "a = 1\n" + password("old"))
    repo.commit()
    repo.stage("new.py", password("new"))
    repo.write("untracked.py", password("untracked"))
    _, found = scan(repo.path, "--all-files")
    assert found == [at("new.py", 1), at("old.py", 2)]
    _, found = scan(repo.path, "--all-files", "old.py")
    assert found == [at("old.py", 2)]
    _, found = scan(repo.path)
    assert found == [at("new.py", 1)]


def test_commit_range_reports_a_secret_later_removed_with_its_commit(repo: Repo) -> None:
    repo.stage("a.py", "a = 1\n")
    base = repo.commit("base")
    repo.stage("a.py", "a = 1\n" + password("leak"))
    leak = repo.commit("leak")
    repo.stage("a.py", "a = 1\n")
    fixed = repo.commit("remove the leak")
    run, found = scan(repo.path, "--from-ref", base, "--to-ref", fixed)
    assert found == [at("a.py", 2)]
    assert json.loads(run.out)["findings"][0]["commit"] == leak
    _, found = scan(repo.path, "--from-ref", leak)  # --to-ref defaults to HEAD
    assert found == []


def test_commit_range_limited_to_named_files(repo: Repo) -> None:
    repo.stage("a.py", "a = 1\n")
    base = repo.commit("base")
    repo.stage("a.py", "a = 1\n" + password("a"))
    repo.stage("lib/b.py", password("b"))
    repo.stage("lib.py", password("lib"))
    repo.commit("leaks")
    _, found = scan(repo.path, "--from-ref", base, "a.py", "lib")
    assert found == [at("a.py", 2), at("lib/b.py", 1)]
    _, found = scan(repo.path / "lib", "--from-ref", base, "b.py")
    assert found == [at("lib/b.py", 1)]
    run, found = scan(repo.path, "--from-ref", base, "other.py")
    assert (run.code, found) == (0, [])


def test_commit_range_root_commit_and_renames(repo: Repo) -> None:
    first = repo.stage("a.py", _numbered(20) + password("root"))
    root = repo.commit("root")
    repo.git("mv", "a.py", "b.py")
    first.with_name("b.py").write_text(_numbered(20) + password("root") + password("tail"))
    repo.git("add", "b.py")
    renamed = repo.commit("rename and add")
    run, found = scan(repo.path, "--from-ref", root, "--to-ref", renamed)
    assert found == [at("b.py", 22)]
    assert json.loads(run.out)["findings"][0]["commit"] == renamed


def test_null_from_ref_means_commits_not_on_any_remote(repo: Repo, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    repo.git("remote", "add", "origin", str(remote))
    repo.stage("pushed.py", password("pushed"))
    repo.commit("pushed")
    repo.git("push", "-q", "origin", "main")
    repo.stage("local.py", "x = 1\n" + password("local"))
    local = repo.commit("local")
    run, found = scan(repo.path, "--from-ref", NULL_REF, "--to-ref", "HEAD")
    assert found == [at("local.py", 2)]
    assert json.loads(run.out)["findings"][0]["commit"] == local
    repo.git("push", "-q", "origin", "main")
    run, found = scan(repo.path, "--from-ref", NULL_REF, "--to-ref", "HEAD")
    assert (run.code, found) == (0, [])


def test_no_git_scans_plain_paths_outside_any_repo(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    (plain / "conf").mkdir(parents=True)
    (plain / "conf" / "app.ini").write_text("[db]\nhost = x\n" + password("ini"))
    (plain / "clean.txt").write_text("nothing here\n")
    (plain / "note.txt").write_text(password("note"))
    (plain / "node_modules").mkdir()
    (plain / "node_modules" / "dep.js").write_text(password("dep"))
    (plain / "link.txt").symlink_to(password("link").strip())
    _, found = scan(plain, "--no-git", "conf", "clean.txt", "link.txt")
    assert found == [at("conf/app.ini", 3)]
    _, found = scan(plain, "--no-git", ".")
    assert found == [at("conf/app.ini", 3), at("note.txt", 1)]
    run, found = scan(plain, "--no-git", "clean.txt")
    assert (run.code, found) == (0, [])
