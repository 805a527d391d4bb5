"""End to end, the odd corners of a staged change: links, binaries, sizes, encodings, errors."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Repo, fake_github_token, tollgate
from tests.test_staged import TOKEN, at, password, scan

MB = 1024 * 1024


def test_staged_gitlink_is_skipped(repo: Repo) -> None:
    repo.stage("a.py", "x = 1\n")
    head = repo.commit()
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{head},sub")
    # A submodule's commit is usually not in this repository's object store at all.
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{'12' * 20},lib/missing")
    for args in ((), ("--all-files",), ("sub", "lib")):
        run, found = scan(repo.path, *args)
        assert (run.code, found, run.err) == (0, [], ""), args
    repo.stage("b.py", password())
    _, found = scan(repo.path)
    assert found == [at("b.py", 1)]
    _, found = scan(repo.path, "--all-files")
    assert found == [at("b.py", 1)]
    head = repo.commit()
    _, found = scan(repo.path, "--from-ref", "HEAD~1", "--to-ref", head)
    assert found == [at("b.py", 1)]


def test_symlink_target_is_not_scanned_as_content(repo: Repo) -> None:
    (repo.path / "link").symlink_to(password().strip())
    repo.git("add", "link")
    for args in ((), ("--all-files",), ("link",)):
        run, found = scan(repo.path, *args)
        assert (run.code, found) == (0, []), args
    repo.stage("real", password().strip())
    _, found = scan(repo.path)
    assert found == [at("real", 1)]
    _, found = scan(repo.path, "--all-files")
    assert found == [at("real", 1)]


def test_binary_file_is_skipped(repo: Repo) -> None:
    repo.stage("blob.bin", b"\x00\x01\x02\n" + password().encode())
    run, found = scan(repo.path)
    assert (run.code, found) == (0, [])
    repo.commit()
    repo.stage("blob.bin", b"\x00\x01\x02\n" + password().encode() + password("more").encode())
    run, found = scan(repo.path)
    assert (run.code, found) == (0, [])
    repo.stage("text.bin", b"\x01\x02\n" + password().encode())
    _, found = scan(repo.path)
    assert found == [at("text.bin", 2)]


def test_file_over_default_limit_is_skipped_with_one_warning(repo: Repo) -> None:
    line = "x = 1\n"
    filler = line * (5 * MB // len(line))
    size = repo.stage("big file.txt", password() + filler + "z").stat().st_size
    repo.stage("at limit.txt", password() + filler[: 5 * MB - len(password())])
    assert size > 5 * MB
    assert (repo.path / "at limit.txt").stat().st_size == 5 * MB
    run, found = scan(repo.path)
    assert found == [at("at limit.txt", 1)]
    reason = f"larger than the {5 * MB}-byte limit ({size} bytes)"
    assert run.err.splitlines() == [f"tollgate: warning: big file.txt: skipped, {reason}"]
    assert json.loads(run.out)["stats"]["skipped"][0]["path"] == "big file.txt"


def test_max_file_size_is_configurable(repo: Repo) -> None:
    repo.stage(".tollgate.toml", 'version = 1\nmax_file_size = "1kb"\n')
    repo.stage("small.py", password("small"))
    size = repo.stage("large.py", password("large") + "# pad\n" * 200).stat().st_size
    run, found = scan(repo.path)
    assert found == [at("small.py", 1)]
    assert run.err.splitlines() == [
        f"tollgate: warning: large.py: skipped, larger than the 1024-byte limit ({size} bytes)"
    ]


def test_skip_warning_stays_on_one_line(repo: Repo) -> None:
    repo.stage(".tollgate.toml", "max_file_size = 64\n")
    repo.stage("odd\nname.txt", password() + "# pad\n" * 20)
    run, found = scan(repo.path)
    assert found == []
    assert len(run.err.splitlines()) == 1
    assert run.err.startswith("tollgate: warning: odd\\nname.txt: skipped, larger than")
    assert json.loads(run.out)["stats"]["skipped"][0]["path"] == "odd\nname.txt"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(repo: Repo, encoding: str) -> None:
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    repo.stage("new.txt", bom + ("a = 1\r\nb = 2\r\n" + password("new")).encode(encoding))
    _, found = scan(repo.path)
    assert found == [at("new.txt", 3)]
    repo.commit()
    # git calls a UTF-16 file binary and shows no line diff: the lines added are still found.
    text = "a = 1\r\n" + password("edit") + "b = 2\r\n" + password("new")
    repo.stage("new.txt", bom + text.encode(encoding))
    _, found = scan(repo.path)
    assert found == [at("new.txt", 2)]
    repo.stage("new.txt", bom + text.replace("a = 1", "a = 2").encode(encoding))
    repo.commit()
    repo.stage("new.txt", bom + text.replace("b = 2", "b = 3").encode(encoding))
    run, found = scan(repo.path)
    assert (run.code, found) == (0, [])


def test_text_file_git_diffs_as_binary_still_reports_added_lines(repo: Repo) -> None:
    repo.stage(".gitattributes", "*.env -diff\n")
    repo.stage("app.env", "A=1\n" + password("old"))
    repo.commit()
    repo.stage("app.env", "A=1\n" + password("old") + password("new"))
    _, found = scan(repo.path)
    assert found == [at("app.env", 3)]


def test_invalid_utf8_does_not_stop_the_scan(repo: Repo) -> None:
    repo.stage("mixed.txt", b"caf\xe9 \xff\xfe\n" + password().encode() + b"tail \xc3\n")
    _, found = scan(repo.path)
    assert found == [at("mixed.txt", 2)]
    repo.stage("mixed.txt", b"caf\xe9 \xff\xfe\nclean = 1\n")
    run, found = scan(repo.path)
    assert (run.code, found) == (0, [])


@pytest.mark.parametrize("name", ["with space.py", "caf\u00e9 \u65e5\u672c.py", "new\nline.py"])
def test_odd_file_names(repo: Repo, name: str) -> None:
    repo.stage(name, "x = 1\n" + password())
    repo.stage("plain.py", "y = 2\n")
    _, found = scan(repo.path)
    assert found == [at(name, 2)]
    _, found = scan(repo.path, name)
    assert found == [at(name, 2)]
    repo.commit()
    repo.stage(name, "x = 2\n" + password())
    run, found = scan(repo.path)
    assert (run.code, found) == (0, [])


def test_crlf_line_numbers(repo: Repo) -> None:
    repo.stage("win.py", b"a = 1\r\nb = 2\r\nc = 3\r\n")
    repo.commit()
    content = "x = 0\r\na = 1\r\nb = 2\r\n" + password().replace("\n", "\r\n") + "c = 3\r\n"
    repo.stage("win.py", content.encode())
    repo.stage("new.py", ("n = 1\r\n" + password("crlf").replace("\n", "\r\n")).encode())
    _, found = scan(repo.path)
    assert found == [at("new.py", 2), at("win.py", 4)]
    repo.commit()
    repo.stage("win.py", content.replace("c = 3", "c = 4").encode())
    run, found = scan(repo.path)
    assert (run.code, found) == (0, [])


def test_context_from_git_config_or_environment_is_not_counted_as_added(repo: Repo) -> None:
    # Both would put unchanged lines (an empty one printed as "" here) inside the -U0 hunks.
    repo.git("config", "diff.interHunkContext", "5")
    repo.git("config", "diff.suppressBlankEmpty", "true")
    repo.stage("s.py", "a = 1\n\n" + password("old") + "b = 2\n")
    repo.commit()
    repo.stage("s.py", "a = 10\n\n" + password("old") + "b = 20\n")
    for env in ({}, {"GIT_DIFF_OPTS": "--unified=3"}):
        run, found = scan(repo.path, env=env)
        assert (run.code, found) == (0, []), env
    repo.stage("s.py", "a = 10\n\n" + password("old") + password("new") + "b = 20\n")
    for env in ({}, {"GIT_DIFF_OPTS": "--unified=3"}):
        _, found = scan(repo.path, env=env)
        assert found == [at("s.py", 4)], env


def test_index_named_by_git_index_file_is_the_one_scanned(repo: Repo) -> None:
    # `git commit -a` and `git commit PATH` run the hook against a temporary index named this way.
    repo.stage("a.py", "x = 1\n")
    repo.commit()
    temporary = repo.path / ".git" / "next-index"
    temporary.write_bytes((repo.path / ".git" / "index").read_bytes())
    env = {**os.environ, "GIT_INDEX_FILE": str(temporary)}
    repo.write("a.py", "x = 1\n" + password())
    subprocess.run(["git", "add", "a.py"], cwd=repo.path, env=env, check=True)
    _, found = scan(repo.path, env={"GIT_INDEX_FILE": str(temporary)})
    assert found == [at("a.py", 2)]
    run, found = scan(repo.path)
    assert (run.code, found) == (0, [])


def test_token_rule_severity_and_clean_exit(repo: Repo) -> None:
    repo.stage("ci.yml", "env:\n  TOKEN: " + fake_github_token() + "\n")
    _, found = scan(repo.path)
    assert found == [at("ci.yml", 2, TOKEN)]
    repo.stage("ci.yml", "env:\n  TOKEN: ${{ secrets.TOKEN }}\n")
    run, found = scan(repo.path)
    assert (run.code, found) == (0, [])


def test_missing_object_is_an_error_not_a_hang(repo: Repo) -> None:
    # Enough blobs to fill both pipes of `git cat-file --batch` after the reader stops early.
    for i in range(2500):
        repo.write(f"f/{i:04}.txt", f"line {i} " + "x" * 60 + "\n")
    repo.git("add", "f")
    missing = "12" * 20
    repo.git("update-index", "--add", "--info-only", "--cacheinfo", f"100644,{missing},a.txt")
    for args in ((), ("--all-files",)):
        proc = subprocess.run(
            [sys.executable, "-m", "tollgate", "scan", *args],
            cwd=repo.path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert (proc.returncode, proc.stdout) == (2, ""), args
        assert proc.stderr == f"tollgate: error: git cat-file could not read object {missing}\n"
    repo.git("rm", "-q", "--cached", "a.txt")
    run, found = scan(repo.path)
    assert (run.code, found) == (0, [])


def _error(cwd: Path, *args: str) -> str:
    run = tollgate("scan", *args, cwd=cwd)
    assert run.code == 2, run.err
    assert run.out == ""
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith("tollgate: error: ")
    return lines[0]


def test_not_a_repository_is_exit_2(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    assert "not inside a git working tree" in _error(outside)
    assert "--no-git" in _error(outside)
    assert "no such file" in _error(outside, "--no-git", "missing.txt")


def test_bad_ref_is_exit_2(repo: Repo) -> None:
    repo.stage("a.py", "x = 1\n")
    head = repo.commit()
    assert "no-such-branch: not a commit" in _error(repo.path, "--from-ref", "no-such-branch")
    assert "not a commit" in _error(repo.path, "--from-ref", head, "--to-ref", "nope")
    assert "--to-ref needs --from-ref" in _error(repo.path, "--to-ref", head)
    assert "--all-files" in _error(repo.path, "--from-ref", head, "--all-files")
    assert "--no-git" in _error(repo.path, "--from-ref", head, "--no-git", "a.py")
    run, found = scan(repo.path, "--from-ref", head, "--to-ref", head)
    assert (run.code, found) == (0, [])


def test_bad_ref_in_a_repo_without_commits_is_exit_2(repo: Repo) -> None:
    assert "HEAD: not a commit" in _error(repo.path, "--from-ref", "0" * 40)


@pytest.mark.parametrize(
    "config", ['max_file_size = "huge"\n', "version = 9\n", "max_file_size = [\n", "bogus = 1\n"]
)
def test_bad_config_is_exit_2(repo: Repo, config: str) -> None:
    repo.write(".tollgate.toml", config)
    repo.stage("a.py", password())
    assert ".tollgate.toml" in _error(repo.path)


def test_outside_path_is_exit_2(repo: Repo, tmp_path: Path) -> None:
    other = tmp_path / "other.py"
    other.write_text(password())
    assert "outside the repository" in _error(repo.path, str(other))
