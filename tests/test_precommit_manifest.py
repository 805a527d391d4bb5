"""The hook manifest, run by the real pre-commit against a one-commit snapshot of this tree."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, Repo, fake_github_token

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
HOOK_IDS = ("tollgate", "tollgate-secrets")
RULE = "secrets.github-pat-classic"
# The rule's own shape: masking must leave no full token anywhere in the output.
FULL_TOKEN = re.compile(r"ghp_[A-Za-z0-9]{36}")
LEAK = 'import os\n\nGITHUB_TOKEN = "{token}"\n'
CLEAN = 'import os\n\nGITHUB_TOKEN = os.environ["GITHUB_TOKEN"]\n'


@dataclass(frozen=True)
class Source:
    """This repository as pre-commit sees it: a path, a commit, the store holding its env."""

    path: Path
    rev: str
    home: Path


def _isolated_git_env(base: Path) -> dict[str, str]:
    gitconfig = base / "gitconfig"
    gitconfig.write_text("[init]\n\tdefaultBranch = main\n", "utf-8")
    # HOME stays the user's: pip's configuration (mirrors, certificates) must reach the build.
    return {
        **os.environ,
        "GIT_CONFIG_GLOBAL": str(gitconfig),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test Author",
        "GIT_AUTHOR_EMAIL": "author@example.invalid",
        "GIT_COMMITTER_NAME": "Test Author",
        "GIT_COMMITTER_EMAIL": "author@example.invalid",
    }


def _snapshot(dest: Path, env: dict[str, str]) -> str:
    """Copy tracked and untracked-not-ignored files, as a repository with one commit.

    pre-commit clones `rev` from `repo:`, so a dirty working tree would otherwise go untested.
    """
    listing = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for name in listing.split("\0"):
        source = ROOT / name
        if not name or name.split("/")[0] == ".venv":
            continue
        if not (source.is_file() or source.is_symlink()):
            continue  # tracked but deleted in the working tree
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
    for args in (("init", "-q"), ("add", "-A", "-f"), ("commit", "-q", "-m", "snapshot")):
        subprocess.run(["git", *args], cwd=dest, env=env, check=True, capture_output=True)
    out = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=dest, env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip()


def _config(source: Source, *hook_ids: str) -> str:
    hooks = "".join(f"  - id: {hook_id}\n" for hook_id in hook_ids)
    # JSON strings are YAML strings: a temporary path needs no further quoting.
    return f"repos:\n- repo: {json.dumps(str(source.path))}\n  rev: {source.rev}\n  hooks:\n{hooks}"


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Source:
    """The snapshot, with the hook environment built once for the whole module."""
    base = tmp_path_factory.mktemp("pre-commit")
    env = _isolated_git_env(base)
    snapshot = base / "tollgate"
    built = Source(snapshot, _snapshot(snapshot, env), base / "home")
    setup = base / "setup"
    subprocess.run(["git", "init", "-q", str(setup)], env=env, check=True)
    (setup / ".pre-commit-config.yaml").write_text(_config(built, *HOOK_IDS), "utf-8")
    proc = subprocess.run(
        [str(PRE_COMMIT), "install-hooks"],
        cwd=setup,
        env={**env, "PRE_COMMIT_HOME": str(built.home)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, (
        f"building the hook environment failed:\n{proc.stdout}{proc.stderr}"
    )
    return built


@pytest.fixture
def configured(repo: Repo, source: Source, monkeypatch: pytest.MonkeyPatch) -> Repo:
    monkeypatch.setenv("PRE_COMMIT_HOME", str(source.home))
    return repo


def _use(repo: Repo, source: Source, hook_id: str) -> None:
    repo.stage(".pre-commit-config.yaml", _config(source, hook_id))
    repo.commit("use tollgate")


def _pre_commit(repo: Repo, *args: str) -> tuple[int, str]:
    proc = subprocess.run(
        [str(PRE_COMMIT), *args], cwd=repo.path, capture_output=True, text=True, check=False
    )
    return proc.returncode, proc.stdout + proc.stderr


def _assert_blocked(out: str, path: str, line: int, commit: str = "") -> None:
    where = rf"{re.escape(path)}:{line}:\d+"
    if commit:
        where += rf" \(commit {commit[:12]}\)"
    assert re.search(rf"^{where}: BLOCK \w+ {re.escape(RULE)}$", out, re.M), out
    assert not FULL_TOKEN.search(out), out


@pytest.mark.parametrize("hook_id", HOOK_IDS)
def test_hook_blocks_a_staged_token(configured: Repo, source: Source, hook_id: str) -> None:
    _use(configured, source, hook_id)
    configured.stage("app/settings.py", LEAK.format(token=fake_github_token()))
    before = configured.git("status", "--porcelain")

    code, out = _pre_commit(configured, "run", "--color", "never")

    assert code == 1, out
    assert f"- hook id: {hook_id}" in out
    _assert_blocked(out, "app/settings.py", 3)
    assert configured.git("status", "--porcelain") == before, "the hook changed the index"


@pytest.mark.parametrize("hook_id", HOOK_IDS)
def test_hook_passes_a_clean_change(configured: Repo, source: Source, hook_id: str) -> None:
    _use(configured, source, hook_id)
    configured.stage("app/settings.py", CLEAN)

    code, out = _pre_commit(configured, "run", "--color", "never")

    assert code == 0, out
    assert "Passed" in out


def test_hook_judges_the_staged_content_not_the_working_tree(
    configured: Repo, source: Source
) -> None:
    _use(configured, source, "tollgate")
    configured.stage("app/settings.py", LEAK.format(token=fake_github_token()))
    configured.write("app/settings.py", CLEAN)

    code, out = _pre_commit(configured, "run", "--color", "never")

    assert code == 1, out
    _assert_blocked(out, "app/settings.py", 3)
    assert configured.path.joinpath("app/settings.py").read_text("utf-8") == CLEAN


def test_installed_pre_commit_blocks_a_real_commit(configured: Repo, source: Source) -> None:
    _use(configured, source, "tollgate-secrets")
    code, out = _pre_commit(configured, "install")
    assert code == 0, out
    configured.stage("settings.py", LEAK.format(token=fake_github_token()))

    proc = subprocess.run(
        ["git", "commit", "-m", "leak"],
        cwd=configured.path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert proc.returncode != 0
    _assert_blocked(proc.stdout + proc.stderr, "settings.py", 3)
    assert configured.git("rev-list", "--count", "HEAD").strip() == "1"
    configured.stage("settings.py", CLEAN)
    configured.commit("fixed")
    assert configured.git("rev-list", "--count", "HEAD").strip() == "2"


def test_pre_push_stage_scans_the_pushed_commits(configured: Repo, source: Source) -> None:
    _use(configured, source, "tollgate")
    base = configured.git("rev-parse", "HEAD").strip()
    configured.stage("settings.py", LEAK.format(token=fake_github_token()))
    leak = configured.commit("leak")
    configured.stage("settings.py", CLEAN)
    head = configured.commit("fixed")

    code, out = _pre_commit(
        configured, "run", "--hook-stage", "pre-push", "--from-ref", base, "--to-ref", head,
        "--color", "never",
    )  # fmt: skip

    assert code == 1, out
    _assert_blocked(out, "settings.py", 3, commit=leak)


def _manifest() -> list[dict[str, object]]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert isinstance(hooks, list)
    return hooks


def test_manifest_is_valid_for_pre_commit() -> None:
    proc = subprocess.run(
        [str(PRE_COMMIT), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_manifest_hooks_are_complete() -> None:
    hooks = _manifest()
    ids = [hook["id"] for hook in hooks]
    assert len(ids) == len(set(ids)), ids
    assert set(HOOK_IDS) <= set(ids)
    for hook in hooks:
        assert isinstance(hook["entry"], str)
        assert hook["entry"].split()[0] == "tollgate", hook
        assert hook["language"] == "python", hook
        assert hook["require_serial"] is True, hook
        assert hook.get("name") and hook.get("description"), hook
        minimum = str(hook["minimum_pre_commit_version"])
        # 3.2.0 renamed the stages to the git hook names the manifest uses.
        assert tuple(int(part) for part in minimum.split(".")) >= (3, 2, 0), hook


def test_every_hook_id_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    missing = [hook["id"] for hook in _manifest() if f"`{hook['id']}`" not in readme]
    assert not missing, f"README.md does not document these hook ids: {missing}"


WORKFLOW = """\
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
"""


def test_pins_hook_blocks_a_floating_action_and_skips_other_files(
    configured: Repo, source: Source
) -> None:
    _use(configured, source, "tollgate-pins")
    configured.stage("README.md", "# app\n")
    code, out = _pre_commit(configured, "run", "--color", "never")
    assert code == 0, out
    assert "(no files to check)" in out
    configured.stage(".github/workflows/ci.yml", WORKFLOW)
    code, out = _pre_commit(configured, "run", "--color", "never")
    assert code == 1, out
    assert re.search(
        r"^\.github/workflows/ci\.yml:6:\d+: BLOCK \w+ pins\.actions\.unpinned-uses$", out, re.M
    ), out


def test_pins_hook_runs_on_a_lockfile_only_change(configured: Repo, source: Source) -> None:
    manifest = '{\n  "name": "web",\n  "dependencies": {\n    "left-pad": "^1.3.0"\n  }\n}\n'
    lock = {
        "name": "web",
        "lockfileVersion": 3,
        "packages": {
            "": {"name": "web", "dependencies": {"left-pad": "^1.3.0"}},
            "node_modules/left-pad": {"version": "1.3.0"},
        },
    }
    configured.stage("package.json", manifest)
    configured.stage("package-lock.json", json.dumps(lock, indent=2) + "\n")
    _use(configured, source, "tollgate-pins")
    del lock["packages"]["node_modules/left-pad"]  # type: ignore[attr-defined]
    configured.stage("package-lock.json", json.dumps(lock, indent=2) + "\n")
    code, out = _pre_commit(configured, "run", "--color", "never")
    assert code == 1, out
    assert re.search(r"^package\.json:4:\d+: BLOCK \w+ pins\.npm\.out-of-sync$", out, re.M), out


# One name each ecosystem reads: the tollgate-pins hook's `files:` must let every one through.
MANIFEST_NAMES = (
    "requirements.txt", "requirements/dev.in", "constraints.txt", "svc/pyproject.toml",
    "uv.lock", "poetry.lock", "Pipfile", "Pipfile.lock", "setup.cfg", "web/package.json",
    "web/package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "Dockerfile",
    "docker/Dockerfile.prod", "build/app.Dockerfile", "Containerfile", "scripts/install.sh",
    ".github/workflows/ci.yml", "tools/action.yaml", ".gitlab-ci.yml", ".gitlab/ci/build.yml",
    "docker-compose.override.yml", "compose.yaml", "k8s/deployment.yaml", "Kustomization",
    "overlays/prod/kustomization.yaml", ".pre-commit-config.yaml", "go.mod", "go.sum",
    "Cargo.toml", "Cargo.lock", "Gemfile", "Gemfile.lock", "requirements/base.txt", "gems.rb",
    "gems.locked", "ci/tools.gemfile", "ci/tools.gemfile.lock", "dev-requirements.txt",
)  # fmt: skip


def test_pins_hook_files_cover_every_ecosystem() -> None:
    from tollgate.checks.pins.ecosystems import ECOSYSTEMS  # noqa: PLC0415

    [hook] = [h for h in _manifest() if h["id"] == "tollgate-pins"]
    files = re.compile(str(hook["files"]))
    claimed = {
        name: [eco for eco, module in ECOSYSTEMS.items() if module.manifests(name)]
        for name in MANIFEST_NAMES
    }
    assert all(claimed.values()), {n: e for n, e in claimed.items() if not e}
    assert {e for names in claimed.values() for e in names} == set(ECOSYSTEMS)
    missed = [name for name in MANIFEST_NAMES if not files.search(name)]
    assert not missed, missed
