"""The precommit ecosystem (`rev:` of each hook repository) and the cache lookup `tollgate fix pins`
uses to freeze a rev offline. The parser is tested directly; real repositories for what a commit
is responsible for; real pre-commit (offline, from a `file://` repository) fills the cache."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import Repo, tollgate
from tests.conftest import pins_scan as scan
from tollgate.checks.pins.ecosystems import precommit
from tollgate.checks.pins.model import Files, Ref
from tollgate.checks.pins.precommit_cache import cache_dir, cached_commit
from tollgate.pack.model import PinSettings

SHA = "2c9f875913ee60ca25ce70243dc24d5b6415598c"
CONFIG = ".pre-commit-config.yaml"
HOOKS = "https://github.com/pre-commit/pre-commit-hooks"


def analyse(text: str) -> list[Ref]:
    analysis = precommit.analyse(Files(CONFIG, text, {}), PinSettings())
    assert analysis.notes == []
    return analysis.refs


def found(text: str) -> list[tuple[str, int, int]]:
    return [(r.rule.removeprefix("pins.precommit."), r.line, r.column) for r in analyse(text)]


def entry(rev: str, repo: str = HOOKS) -> str:
    return f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: check-yaml\n"


@pytest.mark.parametrize(
    ("path", "judged"),
    [
        (".pre-commit-config.yaml", True),
        (".pre-commit-config.yml", True),
        ("services/api/.pre-commit-config.yaml", True),
        (".pre-commit-hooks.yaml", False),
        ("pre-commit-config.yaml", False),
    ],
)
def test_manifests(path: str, judged: bool) -> None:
    assert precommit.manifests(path) == ((path,) if judged else ())
    assert precommit.context(path) == ()


@pytest.mark.parametrize(
    ("rev", "kind"),
    [
        ("main", "floating-rev"),
        ("master", "floating-rev"),
        ("HEAD", "floating-rev"),
        ("develop", "floating-rev"),
        ("stable", "floating-rev"),
        ("v4.5.0", "mutable-rev"),
        ("23.12.1", "mutable-rev"),
        ("'v4.0.0-alpha.8'", "mutable-rev"),
        ("2c9f875", "mutable-rev"),  # abbreviated SHA
        (SHA, None),
        (f"{SHA}  # frozen: v4.6.0", None),
        (f'"{SHA}"', None),
    ],
)
def test_revs(rev: str, kind: str | None) -> None:
    assert found(entry(rev)) == ([(kind, 3, 10)] if kind else [])


def test_a_tag_names_its_repository_and_the_frozen_form() -> None:
    [ref] = analyse(entry("v4.5.0  # pinned later"))
    assert ref.name == HOOKS
    assert ref.text == "rev: v4.5.0"
    assert ref.detail == "`rev: v4.5.0` is a tag: whoever controls the repository can move it"
    assert f"pre-commit autoupdate --freeze --repo {HOOKS}" in ref.fix
    assert "`rev: <sha>  # frozen: v4.5.0`" in ref.fix
    assert f"git ls-remote {HOOKS} refs/tags/v4.5.0 'refs/tags/v4.5.0^{{}}'" in ref.fix


def test_a_credential_in_the_url_is_never_shown() -> None:
    url = "https://ci-bot:" + "x" * 12 + "@git.example.invalid/hooks"
    [ref] = analyse(entry("v1.0.0", url))
    assert ref.name == url  # what a policy matches and pre-commit's cache is keyed by
    assert "x" * 12 not in ref.fix
    assert "https://***@git.example.invalid/hooks" in ref.fix


def test_a_branch_and_head() -> None:
    [ref] = analyse(entry("main"))
    assert ref.detail.startswith("`rev: main` is a branch")
    [ref] = analyse(entry("HEAD"))
    assert ref.detail.startswith("`rev: HEAD` follows the default branch")


def test_a_missing_rev_is_reported_on_the_repo_line() -> None:
    text = "repos:\n  - repo: https://github.com/example-org/hooks\n    hooks: []\n"
    [ref] = analyse(text)
    assert (ref.rule, ref.line, ref.column) == ("pins.precommit.floating-rev", 2, 11)
    assert ref.text == "repo: https://github.com/example-org/hooks"
    assert ref.detail.startswith("no `rev:`")
    assert found(text.replace("hooks: []", "rev: ''\n    hooks: []")) == [("floating-rev", 2, 11)]


def test_local_and_meta_are_never_judged() -> None:
    text = (
        "repos:\n- repo: local\n  hooks:\n  - id: t\n    entry: make\n    language: system\n"
        "- repo: meta\n  hooks:\n  - id: check-hooks-apply\n"
    )
    assert found(text) == []


def test_flow_entries_the_old_list_format_and_odd_shapes() -> None:
    assert found("repos:\n- {repo: https://x.invalid/h, rev: main, hooks: []}\n") == [
        ("floating-rev", 2, 36)
    ]
    assert found("- repo: https://x.invalid/h\n  rev: v1.0.0\n  hooks: []\n") == [
        ("mutable-rev", 2, 8)
    ]
    assert found("repos: none\n---\n- plain\n---\nrepos:\n- just text\n- repo: [1]\n") == []
    assert found("") == []


def test_an_anchored_entry_is_one_declaration() -> None:
    text = "x-hooks: &h\n  repo: https://x.invalid/h\n  rev: main\n  hooks: []\nrepos:\n  - *h\n"
    assert found(text) == [("floating-rev", 3, 8)]


def test_malformed_yaml_is_a_note_with_its_line() -> None:
    text = "repos:\n  - repo: https://x.invalid/h\n    rev: 'v1\n"
    analysis = precommit.analyse(Files(CONFIG, text, {}), PinSettings())
    assert analysis.refs == []
    [note] = analysis.notes
    assert (note.line, note.message.startswith("invalid YAML: ")) == (3, True)


# ---- end to end ---------------------------------------------------------------------------


TWO = (
    f"repos:\n  - repo: {HOOKS}\n    rev: v4.5.0\n    hooks:\n      - id: check-yaml\n"
    "  - repo: https://github.com/psf/black\n    rev: stable\n    hooks:\n      - id: black\n"
)


def test_default_flags_branches_and_strict_flags_tags(repo: Repo) -> None:
    repo.stage(CONFIG, TWO)
    assert scan(repo)[:2] == (1, [(CONFIG, 7, "pins.precommit.floating-rev", "high")])
    repo.write(".tollgate.toml", '[pins]\nprofile = "strict"\n')
    assert scan(repo)[:2] == (
        1,
        [
            (CONFIG, 3, "pins.precommit.mutable-rev", "medium"),
            (CONFIG, 7, "pins.precommit.floating-rev", "high"),
        ],
    )


def test_only_the_rev_a_commit_changes_is_reported(repo: Repo) -> None:
    repo.stage(CONFIG, TWO)
    repo.commit()
    repo.write(".tollgate.toml", '[pins]\nprofile = "strict"\n')
    repo.stage(CONFIG, TWO.replace("v4.5.0", "v4.6.0"))
    assert scan(repo)[:2] == (1, [(CONFIG, 3, "pins.precommit.mutable-rev", "medium")])
    repo.stage(CONFIG, TWO.replace("v4.5.0", f"{SHA}  # frozen: v4.6.0"))
    assert scan(repo)[:2] == (0, [])


def test_an_organisation_allows_its_own_hooks_by_url(repo: Repo) -> None:
    repo.stage(CONFIG, entry("main", "https://github.com/my-org/hooks") + TWO.split("\n", 1)[1])
    repo.write(".tollgate.toml", '[pins]\nallow = ["https://github.com/my-org/*"]\n')
    assert scan(repo)[:2] == (1, [(CONFIG, 11, "pins.precommit.floating-rev", "high")])


def test_a_malformed_config_is_a_warning(repo: Repo) -> None:
    repo.stage(CONFIG, "repos:\n  - repo: x\n   rev: main\n")
    code, rows, err = scan(repo)
    assert (code, rows) == (0, [])
    [warning] = [line for line in err.splitlines() if "warning" in line]
    assert warning.startswith(f"tollgate: warning: {CONFIG}:3: invalid YAML: ")


# ---- pre-commit's cache ----------------------------------------------------------------------


def git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return proc.stdout.strip()


@pytest.fixture
def hooks(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A hook repository with an annotated tag v1.0.0, a lightweight v1.1.0 and a newer main."""
    path = tmp_path / "hooks"
    path.mkdir()
    git(path, "init", "-q")
    (path / ".pre-commit-hooks.yaml").write_text(
        "- id: noop\n  name: noop\n  entry: noop\n  language: fail\n  files: '^$'\n", "utf-8"
    )
    git(path, "add", ".")
    git(path, "commit", "-q", "-m", "one")
    git(path, "tag", "-a", "v1.0.0", "-m", "release")
    git(path, "commit", "-q", "--allow-empty", "-m", "two")
    git(path, "tag", "v1.1.0")
    git(path, "commit", "-q", "--allow-empty", "-m", "three")
    commits = {
        "v1.0.0": git(path, "rev-parse", "v1.0.0^{commit}"),
        "v1.1.0": git(path, "rev-parse", "v1.1.0"),
        "main": git(path, "rev-parse", "HEAD"),
    }
    return path, commits


def make_db(home: Path, rows: list[tuple[str, str, str]]) -> None:
    """pre-commit's db.db, with the schema of its store.py."""
    home.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(home / "db.db")) as db, db:
        db.execute(
            "CREATE TABLE repos (repo TEXT NOT NULL, ref TEXT NOT NULL, path TEXT NOT NULL, "
            "PRIMARY KEY (repo, ref))"
        )
        db.executemany("INSERT INTO repos (repo, ref, path) VALUES (?, ?, ?)", rows)


def clone(source: Path, into: Path, rev: str) -> str:
    """A clone the way pre-commit makes one: a shallow fetch of the rev, FETCH_HEAD checked out."""
    into.mkdir(parents=True)
    git(into, "init", "-q")
    git(into, "remote", "add", "origin", source.as_uri())
    git(into, "fetch", "-q", "origin", rev, "--depth=1")
    git(into, "checkout", "-q", "FETCH_HEAD")
    return str(into)


def test_cached_commit_from_real_pre_commit(
    hooks: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed beside this Python")
    source, commits = hooks
    url = source.as_uri()
    project = tmp_path / "project"
    project.mkdir()
    git(project, "init", "-q")
    config = "repos:\n" + "".join(
        f"- repo: {url}\n  rev: {rev}\n  hooks: [{{id: noop}}]\n" for rev in ("v1.0.0", "v1.1.0")
    )
    (project / CONFIG).write_text(config, "utf-8")
    environ = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    subprocess.run(
        [str(pre_commit), "install-hooks", "--config", CONFIG],
        cwd=project,
        env=environ,
        capture_output=True,
        check=True,
    )
    assert cached_commit(url, "v1.0.0", environ) == commits["v1.0.0"]  # an annotated tag
    assert cached_commit(url, "v1.1.0", environ) == commits["v1.1.0"]
    assert cached_commit(url, "v2.0.0", environ) is None  # never cloned
    assert cached_commit(url + "-other", "v1.0.0", environ) is None
    # The lookup never needs the repository itself: pre-commit's clone is enough.
    git(source, "tag", "-d", "v1.0.0")
    assert cached_commit(url, "v1.0.0", environ) == commits["v1.0.0"]


def test_cached_commit_from_a_hand_built_cache(
    hooks: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    source, commits = hooks
    url = "https://git.example.invalid/hooks"
    home = tmp_path / "cache"
    shallow = clone(source, home / "repo1", "v1.1.0")
    full = home / "repo2"
    subprocess.run(["git", "clone", "-q", str(source), str(full)], check=True)
    make_db(
        home,
        [
            (url, "v1.1.0", shallow),
            (f"{url}:requests==2.32.3", "main", str(full)),  # a hook with extra dependencies
            (url, "v9", str(home / "gone")),
        ],
    )
    environ = {"PRE_COMMIT_HOME": str(home), "PATH": os.environ["PATH"]}
    assert cached_commit(url, "v1.1.0", environ) == commits["v1.1.0"]  # the clone's HEAD
    assert cached_commit(url, "main", environ) == commits["main"]  # what main was when cloned
    assert cached_commit(url, "v1.0.0", environ) == commits["v1.0.0"]  # a tag the full clone has
    assert cached_commit(url, "v9", environ) is None  # its clone was removed
    assert cached_commit(url, "--help", environ) is None
    assert cached_commit(url, "v1.0.0^{tree}", environ) is None
    assert cached_commit("https://git.example.invalid/hook", "v1.1.0", environ) is None
    assert cached_commit(url, SHA, environ) == SHA
    assert cached_commit(url, SHA.upper(), environ) == SHA


def test_cached_commit_ignores_the_repository_git_points_at(
    hooks: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    source, commits = hooks
    home = tmp_path / "cache"
    make_db(home, [("u", "v1.1.0", clone(source, home / "repo1", "v1.1.0"))])
    # git sets GIT_DIR for its hooks; it must not redirect the lookup into the project.
    environ = {"PRE_COMMIT_HOME": str(home), "GIT_DIR": str(source / ".git"), **_path()}
    assert cached_commit("u", "v1.1.0", environ) == commits["v1.1.0"]


def test_no_cache_or_a_foreign_db_is_no_answer(tmp_path: Path) -> None:
    home = tmp_path / "cache"
    environ = {"PRE_COMMIT_HOME": str(home), **_path()}
    assert cached_commit("u", "v1", environ) is None
    home.mkdir()
    (home / "db.db").write_bytes(b"not a database")
    assert cached_commit("u", "v1", environ) is None
    (home / "db.db").unlink()
    with closing(sqlite3.connect(home / "db.db")) as db, db:
        db.execute("CREATE TABLE other (x TEXT)")
    assert cached_commit("u", "v1", environ) is None


def test_cache_dir_follows_pre_commit() -> None:
    assert cache_dir({"PRE_COMMIT_HOME": "/p", "XDG_CACHE_HOME": "/x"}) == Path("/p")
    assert cache_dir({"XDG_CACHE_HOME": "/x", "HOME": "/h"}) == Path("/x/pre-commit")
    assert cache_dir({"HOME": "/h"}) == Path("/h/.cache/pre-commit")
    assert cache_dir({"PRE_COMMIT_HOME": "", "HOME": "/h"}) == Path("/h/.cache/pre-commit")


def _path() -> dict[str, str]:
    return {"PATH": os.environ["PATH"]}


@pytest.mark.parametrize("rev", ["pylint-2.6.0", "mypy/v1.8.0", "v1.2.3-rc1", "24.1.0"])
def test_a_release_tag_behind_a_name_is_a_tag_not_a_branch(rev: str) -> None:
    text = f"repos:\n  - repo: https://github.com/example/hooks\n    rev: {rev}\n"
    assert [r.rule for r in analyse(text)] == ["pins.precommit.mutable-rev"]


def test_fix_pins_freezes_revs_from_pre_commits_cache(
    hooks: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    pre_commit = Path(sys.executable).with_name("pre-commit")
    source, commits = hooks
    url = source.as_uri()
    project = tmp_path / "project"
    project.mkdir()
    git(project, "init", "-q")
    config = (
        f"repos:\n- repo: {url}\n  rev: v1.0.0\n  hooks: [{{id: noop}}]\n"
        f"- repo: {url}-elsewhere\n  rev: v3.0.0\n  hooks: [{{id: noop}}]\n"
    )
    (project / CONFIG).write_text(config.partition(f"- repo: {url}-elsewhere")[0], "utf-8")
    env = {"PRE_COMMIT_HOME": str(tmp_path / "cache")}
    subprocess.run(
        [str(pre_commit), "install-hooks", "--config", CONFIG],
        cwd=project,
        env={**os.environ, **env},
        capture_output=True,
        check=True,
    )
    (project / CONFIG).write_text(config, "utf-8")
    git(project, "add", CONFIG)
    run = tollgate("fix", "pins", "--profile", "strict", cwd=project, env=env)
    assert run.code == 1  # the second repository was never cloned: it needs the network
    assert f"{CONFIG}:3: pins.precommit.mutable-rev: fixed: `rev: v1.0.0`" in run.out
    assert f"{CONFIG}:6: pins.precommit.mutable-rev: not fixed: needs pre-commit's clone" in run.out
    text = (project / CONFIG).read_text()
    assert f"  rev: {commits['v1.0.0']}  # frozen: v1.0.0\n" in text
    assert "  rev: v3.0.0\n" in text
