"""Shared packs end to end: layers, overrides, enforcement, locking, the cache, offline use, path
escapes, nested configs. Remote packs are real git repositories served over file://."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Repo, Run, tollgate

TOKEN_PREFIX = "acme" + "_live_"
TOKEN = TOKEN_PREFIX + "7fK2pQ9xL4mZ8vR3" + "tB6nW1yH5cJ0dG2s"


def secret_rule(rule_id: str, prefix: str, severity: str = "high") -> str:
    token = prefix + "7fK2pQ9xL4mZ8vR3" + "tB6nW1yH5cJ0dG2s"
    return (
        "[[rules]]\n"
        f'id = "{rule_id}"\n'
        f'title = "{rule_id} token"\n'
        f"regex = '''\\b({prefix}[0-9A-Za-z]{{32}})\\b'''\n"
        "secret_group = 1\n"
        f'keywords = ["{prefix}"]\n'
        f'severity = "{severity}"\n'
        'confidence = "high"\n'
        "[[rules.examples]]\n"
        f"text = 'KEY = \"{token}\"'\n"
        "[[rules.negatives]]\n"
        "text = 'KEY = \"nothing here\"'\n"
    )


def make_pack(
    path: Path,
    name: str,
    rules: str = "",
    meta: str = "",
    version: str = "1.0.0",
) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "pack.toml").write_text(
        f'format = 1\nname = "{name}"\nversion = "{version}"\n{meta}', "utf-8"
    )
    if rules:
        (path / "secrets").mkdir(exist_ok=True)
        (path / "secrets" / "rules.toml").write_text(f"version = 1\n\n{rules}", "utf-8")
    return path


def git(path: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=path, capture_output=True, text=True, check=True)
    return proc.stdout.strip()


def publish(path: Path, tag: str) -> str:
    """Commit the pack directory as a git repository and tag it: a remote over file://."""
    if not (path / ".git").exists():
        git(path, "init", "-q")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", tag)
    git(path, "tag", "-f", tag)
    return git(path, "rev-parse", "HEAD")


def staged_token(repo: Repo, name: str = "app.py", token: str = TOKEN) -> None:
    repo.stage(name, f'KEY = "{token}"\n')


def scan(repo: Repo, *args: str, env: dict[str, str] | None = None) -> Run:
    return tollgate("scan", "--checks", "secrets", "--format", "json", *args, cwd=repo.path,
                    env=env)  # fmt: skip


def rules_of(run: Run) -> list[tuple[str, int, str, str, bool]]:
    return [
        (f["path"], f["line"], f["rule"], f["severity"], f["blocking"])
        for f in json.loads(run.out)["findings"]
    ]


def test_a_local_layer_adds_rules_over_builtin(repo: Repo, tmp_path: Path) -> None:
    make_pack(tmp_path / "team", "team", secret_rule("secrets.acme-key", TOKEN_PREFIX))
    repo.write(".tollgate.toml", f'packs = ["builtin", "{tmp_path / "team"}"]\n')
    staged_token(repo)
    run = scan(repo)
    assert run.code == 1, run.err
    assert rules_of(run) == [("app.py", 1, "secrets.acme-key", "high", True)]
    # The built-in rules still run underneath.
    repo.stage("b.py", 'AWS = "AKIA' + "QX3VN7T2RBL5W4PK" + '"\n')
    assert ("b.py", 1, "secrets.aws-access-key-id") in {r[:3] for r in rules_of(scan(repo))}


def test_config_overrides_change_severity_paths_and_disable(repo: Repo, tmp_path: Path) -> None:
    make_pack(tmp_path / "team", "team", secret_rule("secrets.acme-key", TOKEN_PREFIX))
    staged_token(repo, "src/app.py")
    staged_token(repo, "tests/test_app.py")
    base = f'packs = ["builtin", "{tmp_path / "team"}"]\n'
    repo.write(".tollgate.toml", base + '[rules."secrets.acme-key"]\nseverity = "low"\n')
    assert rules_of(scan(repo)) == [
        ("src/app.py", 1, "secrets.acme-key", "low", False),
        ("tests/test_app.py", 1, "secrets.acme-key", "low", False),
    ]
    repo.write(
        ".tollgate.toml", base + '[rules."secrets.acme-key"]\nexclude_paths = ["tests/**"]\n'
    )
    assert rules_of(scan(repo)) == [("src/app.py", 1, "secrets.acme-key", "high", True)]
    repo.write(".tollgate.toml", base + '[rules."secrets.acme-key"]\npaths = ["tests/**"]\n')
    assert rules_of(scan(repo)) == [("tests/test_app.py", 1, "secrets.acme-key", "high", True)]
    repo.write(".tollgate.toml", base + '[rules."secrets.acme-key"]\ndisable = true\n')
    assert rules_of(scan(repo)) == []
    repo.write(".tollgate.toml", base + '[rules."secrets.acme-kye"]\ndisable = true\n')
    run = scan(repo)
    assert run.code == 2
    assert "no such rule (did you mean 'secrets.acme-key'?)" in run.err


def test_thresholds_per_path(repo: Repo, tmp_path: Path) -> None:
    make_pack(tmp_path / "team", "team", secret_rule("secrets.acme-key", TOKEN_PREFIX))
    staged_token(repo, "src/app.py")
    staged_token(repo, "tests/test_app.py")
    repo.write(
        ".tollgate.toml",
        f'packs = ["builtin", "{tmp_path / "team"}"]\n'
        '[[thresholds]]\npaths = ["tests/**"]\nfail_on = "never"\n',
    )
    run = scan(repo)
    assert rules_of(run) == [
        ("src/app.py", 1, "secrets.acme-key", "high", True),
        ("tests/test_app.py", 1, "secrets.acme-key", "high", False),
    ]
    repo.git("rm", "-q", "--cached", "src/app.py")
    assert scan(repo).code == 0  # only a warning left
    repo.write(
        ".tollgate.toml",
        f'packs = ["builtin", "{tmp_path / "team"}"]\n'
        '[[thresholds]]\npaths = ["tests/**"]\nwarn_on = "critical"\n',
    )
    assert rules_of(scan(repo)) == []


ENFORCING = 'enforced = ["secrets.acme-*"]\n'


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[rules."secrets.acme-key"]\ndisable = true\n', "disables a rule that org 1.0.0"),
        ('[rules."secrets.acme-key"]\nseverity = "low"\n', "lowers to low a rule that org 1.0.0"),
        ('disable = ["secrets.acme-key"]\n', "disables a rule that org 1.0.0"),
        ('[rules."secrets.acme-key"]\nexclude_paths = ["x/**"]\n', "limits to paths"),
    ],
)
def test_enforced_rules_cannot_be_weakened(
    repo: Repo, tmp_path: Path, config: str, message: str
) -> None:
    make_pack(tmp_path / "org", "org", secret_rule("secrets.acme-key", TOKEN_PREFIX), ENFORCING)
    repo.write(".tollgate.toml", f'packs = ["builtin", "{tmp_path / "org"}"]\n{config}')
    staged_token(repo)
    run = scan(repo)
    assert run.code == 2
    assert message in run.err
    assert f"({tmp_path / 'org'}) enforces" in run.err
    assert len(run.err.strip().splitlines()) == 1


def test_enforced_rule_may_be_raised_and_not_redefined(repo: Repo, tmp_path: Path) -> None:
    make_pack(tmp_path / "org", "org", secret_rule("secrets.acme-key", TOKEN_PREFIX), ENFORCING)
    repo.write(
        ".tollgate.toml",
        f'packs = ["builtin", "{tmp_path / "org"}"]\n'
        '[rules."secrets.acme-key"]\nseverity = "critical"\n',
    )
    staged_token(repo)
    assert rules_of(scan(repo)) == [("app.py", 1, "secrets.acme-key", "critical", True)]
    make_pack(tmp_path / "team", "team", secret_rule("secrets.acme-key", "acme_test_"))
    repo.write(
        ".tollgate.toml", f'packs = ["builtin", "{tmp_path / "org"}", "{tmp_path / "team"}"]\n'
    )
    run = scan(repo)
    assert run.code == 2
    assert "team 1.0.0" in run.err and "redefines rule secrets.acme-key" in run.err


def test_extends_inside_a_pack_cannot_escape_it(repo: Repo, tmp_path: Path) -> None:
    make_pack(tmp_path / "base", "base", secret_rule("secrets.acme-key", TOKEN_PREFIX))
    for spec in ("../base", str(tmp_path / "base")):
        make_pack(tmp_path / "team", "team", meta=f'extends = ["{spec}"]\n')
        repo.write(".tollgate.toml", f'packs = ["{tmp_path / "team"}"]\n')
        run = scan(repo)
        assert run.code == 2, spec
        assert "outside the pack" in run.err or "absolute path" in run.err


def test_extends_cycle_is_an_error(repo: Repo, tmp_path: Path) -> None:
    make_pack(tmp_path / "a", "a", meta='extends = ["inner"]\n')
    make_pack(tmp_path / "a" / "inner", "inner", meta='extends = [".."]\n')
    repo.write(".tollgate.toml", f'packs = ["{tmp_path / "a"}"]\n')
    run = scan(repo)
    assert run.code == 2
    assert "outside the pack" in run.err or "cycle" in run.err


def locked_repo(repo: Repo, tmp_path: Path) -> tuple[Path, str]:
    remote = make_pack(tmp_path / "remote", "org", secret_rule("secrets.acme-key", TOKEN_PREFIX))
    commit = publish(remote, "v1")
    repo.write(".tollgate.toml", f'packs = ["builtin", "git+file://{remote}@v1"]\n')
    run = tollgate("pack", "lock", cwd=repo.path)
    assert run.code == 0, run.err
    assert f"locked git+file://{remote}@v1 at {commit[:12]} (org 1.0.0)" in run.out
    return remote, commit


def test_lock_pins_commit_and_digest_and_scans_offline(repo: Repo, tmp_path: Path) -> None:
    remote, commit = locked_repo(repo, tmp_path)
    lock = (repo.path / "tollgate.lock").read_text()
    assert f'commit = "{commit}"' in lock
    assert 'digest = "sha256:' in lock
    staged_token(repo)
    shutil.move(remote, tmp_path / "gone")  # the network is down from here on
    run = scan(repo)
    assert rules_of(run) == [("app.py", 1, "secrets.acme-key", "high", True)]
    store = Path(os.environ["XDG_CACHE_HOME"]) / "tollgate" / "store"
    assert [p.name for p in store.iterdir() if not p.name.startswith(".")]


def test_the_cache_honours_tollgate_cache_dir(repo: Repo, tmp_path: Path) -> None:
    remote = make_pack(tmp_path / "remote", "org", secret_rule("secrets.acme-key", TOKEN_PREFIX))
    publish(remote, "v1")
    repo.write(".tollgate.toml", f'packs = ["builtin", "git+file://{remote}@v1"]\n')
    env = {"TOLLGATE_CACHE_DIR": str(tmp_path / "own-cache")}
    assert tollgate("pack", "lock", cwd=repo.path, env=env).code == 0
    assert (tmp_path / "own-cache" / "store").is_dir()
    staged_token(repo)
    assert scan(repo, env=env).code == 1


def test_a_tampered_cache_fails_closed(repo: Repo, tmp_path: Path) -> None:
    locked_repo(repo, tmp_path)
    store = Path(os.environ["XDG_CACHE_HOME"]) / "tollgate" / "store"
    [cached] = [p for p in store.iterdir() if not p.name.startswith(".")]
    rules = cached / "secrets" / "rules.toml"
    rules.write_text(rules.read_text().replace('severity = "high"', 'severity = "info"'))
    staged_token(repo)
    run = scan(repo)
    assert run.code == 2
    assert "does not match tollgate.lock" in run.err and "was modified" in run.err


def test_offline_without_the_locked_pack_names_the_fix(repo: Repo, tmp_path: Path) -> None:
    remote, _ = locked_repo(repo, tmp_path)
    shutil.rmtree(Path(os.environ["XDG_CACHE_HOME"]) / "tollgate")
    shutil.move(remote, tmp_path / "gone")
    staged_token(repo)
    run = scan(repo)
    assert run.code == 2
    assert f"pack git+file://{remote}@v1" in run.err
    assert "`tollgate pack fetch`" in run.err
    fetch = tollgate("pack", "fetch", cwd=repo.path)
    assert fetch.code == 2
    assert f"cannot fetch pack repository file://{remote}: " in fetch.err
    assert "does not appear to be a git repository" in fetch.err


def test_a_tag_moved_upstream_keeps_the_locked_commit(repo: Repo, tmp_path: Path) -> None:
    remote, commit = locked_repo(repo, tmp_path)
    rules = remote / "secrets" / "rules.toml"
    rules.write_text(rules.read_text().replace('severity = "high"', 'severity = "low"'))
    moved = publish(remote, "v1")  # the tag now names another commit
    assert moved != commit
    shutil.rmtree(Path(os.environ["XDG_CACHE_HOME"]) / "tollgate")
    assert tollgate("pack", "fetch", cwd=repo.path).code == 0
    staged_token(repo)
    assert rules_of(scan(repo)) == [("app.py", 1, "secrets.acme-key", "high", True)]
    update = tollgate("pack", "update", cwd=repo.path)
    assert update.code == 0, update.err
    assert f"{commit[:12]} -> {moved[:12]}" in update.out
    assert "~ secrets.acme-key: severity high -> low" in update.out
    assert rules_of(scan(repo)) == [("app.py", 1, "secrets.acme-key", "low", False)]


def test_update_prints_added_and_removed_rules(repo: Repo, tmp_path: Path) -> None:
    remote, _ = locked_repo(repo, tmp_path)
    (remote / "secrets" / "rules.toml").write_text(
        "version = 1\n\n" + secret_rule("secrets.acme-test-key", "acme_test_"), "utf-8"
    )
    publish(remote, "v2")
    repo.write(".tollgate.toml", f'packs = ["builtin", "git+file://{remote}@v2"]\n')
    run = tollgate("pack", "lock", cwd=repo.path)
    assert f"unlocked git+file://{remote}@v1" in run.out
    assert "version = 1" in (repo.path / "tollgate.lock").read_text()
    old = make_pack(tmp_path / "old", "org", secret_rule("secrets.acme-key", TOKEN_PREFIX))
    diff = tollgate("pack", "diff", str(old), str(remote), cwd=repo.path)
    assert diff.out.splitlines()[1:] == [
        "+ secrets.acme-test-key (high)",
        "- secrets.acme-key (high)",
    ]


def test_unlocked_remote_pack_is_an_error_unless_allowed(repo: Repo, tmp_path: Path) -> None:
    remote = make_pack(tmp_path / "remote", "org", secret_rule("secrets.acme-key", TOKEN_PREFIX))
    publish(remote, "v1")
    repo.write(".tollgate.toml", f'packs = ["builtin", "git+file://{remote}@v1"]\n')
    staged_token(repo)
    run = scan(repo)
    assert run.code == 2
    assert "is not locked; run `tollgate pack lock`" in run.err
    assert scan(repo, "--allow-unlocked").code == 1


def test_a_pack_repository_with_a_symlink_out_is_refused(repo: Repo, tmp_path: Path) -> None:
    remote = make_pack(tmp_path / "remote", "org", secret_rule("secrets.acme-key", TOKEN_PREFIX))
    (remote / "secrets" / "leak.toml").symlink_to("/etc/passwd")
    publish(remote, "v1")
    repo.write(".tollgate.toml", f'packs = ["builtin", "git+file://{remote}@v1"]\n')
    run = tollgate("pack", "lock", cwd=repo.path)
    assert run.code == 2
    assert "leak.toml" in run.err


def installed_pack(tmp_path: Path, name: str = "acme") -> Path:
    """A distribution on sys.path exposing a pack through the `tollgate.packs` entry point."""
    site = tmp_path / "site"
    make_pack(
        site / "acme_rules" / "pack", "acme-dist", secret_rule("secrets.acme-key", TOKEN_PREFIX)
    )
    (site / "acme_rules" / "__init__.py").write_text("raise SystemExit('packs are data')\n")
    info = site / "acme_rules-2.0.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-rules\nVersion: 2.0.0\n")
    (info / "entry_points.txt").write_text(f"[tollgate.packs]\n{name} = acme_rules:pack\n")
    return site


def test_a_pack_from_an_installed_distribution(repo: Repo, tmp_path: Path) -> None:
    site = installed_pack(tmp_path)
    env = {"PYTHONPATH": str(site)}
    repo.write(".tollgate.toml", 'packs = ["builtin", "py:acme"]\n')
    staged_token(repo)
    assert "is not locked" in scan(repo, env=env).err
    lock = tollgate("pack", "lock", cwd=repo.path, env=env)
    assert lock.code == 0, lock.err
    assert 'commit = "acme-rules==2.0.0"' in (repo.path / "tollgate.lock").read_text()
    assert rules_of(scan(repo, env=env)) == [("app.py", 1, "secrets.acme-key", "high", True)]
    rules = site / "acme_rules" / "pack" / "secrets" / "rules.toml"
    rules.write_text(rules.read_text() + "\n")
    run = scan(repo, env=env)
    assert run.code == 2
    assert "does not match tollgate.lock" in run.err


def test_a_nested_config_applies_under_its_directory(repo: Repo, tmp_path: Path) -> None:
    make_pack(tmp_path / "team", "team", secret_rule("secrets.acme-key", TOKEN_PREFIX))
    repo.write(".tollgate.toml", f'packs = ["builtin", "{tmp_path / "team"}"]\n')
    repo.write(
        "services/legacy/.tollgate.toml",
        '[rules."secrets.acme-key"]\nseverity = "critical"\n'
        '[[thresholds]]\npaths = ["fixtures/**"]\nfail_on = "never"\n',
    )
    staged_token(repo, "app.py")
    staged_token(repo, "services/legacy/app.py")
    staged_token(repo, "services/legacy/fixtures/data.py")
    staged_token(repo, "fixtures/data.py")  # the nested glob is relative to its directory
    assert rules_of(scan(repo)) == [
        ("app.py", 1, "secrets.acme-key", "high", True),
        ("fixtures/data.py", 1, "secrets.acme-key", "high", True),
        ("services/legacy/app.py", 1, "secrets.acme-key", "critical", True),
        ("services/legacy/fixtures/data.py", 1, "secrets.acme-key", "critical", False),
    ]
    repo.write("services/legacy/.tollgate.toml", 'baseline = "x.json"\n')
    run = scan(repo)
    assert run.code == 2 and "'baseline' is set for the whole repository" in run.err


def test_pack_new_scaffold_tests_and_info(tmp_path: Path) -> None:
    run = tollgate("pack", "new", str(tmp_path / "acme-sec"), cwd=tmp_path)
    assert run.code == 0, run.err
    tested = tollgate("pack", "test", str(tmp_path / "acme-sec"), cwd=tmp_path)
    assert tested.code == 0, tested.out
    assert "0 failure(s): passed" in tested.out
    assert "of its own, over 1 layer(s)" in tested.out
    info = tollgate("pack", "info", str(tmp_path / "acme-sec"), cwd=tmp_path)
    assert "acme-sec 0.1.0" in info.out
    assert "digest: sha256:" in info.out
    assert "  secrets: 1 rules (1 critical)" in info.out.splitlines()
    assert "  pins: 1 rules (1 high)" in info.out.splitlines()
    again = tollgate("pack", "new", str(tmp_path / "acme-sec"), cwd=tmp_path)
    assert again.code == 2 and "not empty" in again.err


def test_an_incompatible_pack_is_a_clear_error(repo: Repo, tmp_path: Path) -> None:
    make_pack(tmp_path / "future", "future", meta='requires_tollgate = ">=9.0"\n')
    repo.write(".tollgate.toml", f'packs = ["builtin", "{tmp_path / "future"}"]\n')
    run = scan(repo)
    assert run.code == 2
    assert "this pack needs tollgate >=9.0" in run.err


def test_a_pack_of_500_rules(repo: Repo, tmp_path: Path) -> None:
    rules = "\n".join(secret_rule(f"secrets.big-{i:03d}", f"big{i:03d}_") for i in range(500))
    make_pack(tmp_path / "big", "big", rules)
    tested = tollgate("pack", "test", str(tmp_path / "big"), cwd=tmp_path)
    assert tested.code == 0, tested.out[-2000:]
    assert "big 1.0.0: 500 secret rules, 1000 examples" in tested.out
    repo.write(".tollgate.toml", f'packs = ["builtin", "{tmp_path / "big"}"]\n')
    staged_token(repo, "a.py", "big417_" + "7fK2pQ9xL4mZ8vR3" + "tB6nW1yH5cJ0dG2s")
    assert rules_of(scan(repo)) == [("a.py", 1, "secrets.big-417", "high", True)]


def test_a_pack_extending_a_git_pack_locks_it_too(repo: Repo, tmp_path: Path) -> None:
    base = make_pack(tmp_path / "base", "base", secret_rule("secrets.acme-key", TOKEN_PREFIX))
    publish(base, "v3")
    team = make_pack(
        tmp_path / "team",
        "team",
        secret_rule("secrets.acme-test-key", "acme_test_"),
        f'extends = ["builtin", "git+file://{base}@v3"]\n',
    )
    repo.write(".tollgate.toml", f'packs = ["{team}"]\n')
    run = tollgate("pack", "lock", cwd=repo.path)
    assert run.code == 0, run.err
    assert f"git+file://{base}@v3" in (repo.path / "tollgate.lock").read_text()
    staged_token(repo)
    staged_token(repo, "b.py", "acme_test_" + "7fK2pQ9xL4mZ8vR3" + "tB6nW1yH5cJ0dG2s")
    assert [r[:3] for r in rules_of(scan(repo))] == [
        ("app.py", 1, "secrets.acme-key"),
        ("b.py", 1, "secrets.acme-test-key"),
    ]
    info = tollgate("pack", "info", cwd=repo.path)
    assert [line.strip() for line in info.out.splitlines()[1:4]] == [
        "- tollgate-default 0.1.0 (builtin)",
        f"- base 1.0.0 (git+file://{base}@v3)",
        f"- team 1.0.0 ({team})",
    ]


def test_a_local_pack_with_a_symlink_out_is_refused(repo: Repo, tmp_path: Path) -> None:
    team = make_pack(tmp_path / "team", "team", secret_rule("secrets.acme-key", TOKEN_PREFIX))
    (tmp_path / "elsewhere.toml").write_text("version = 1\n", "utf-8")
    (team / "secrets" / "more.toml").symlink_to(tmp_path / "elsewhere.toml")
    repo.write(".tollgate.toml", f'packs = ["builtin", "{team}"]\n')
    run = scan(repo)
    assert run.code == 2
    assert "secrets/more.toml is a symlink pointing outside the pack" in run.err


def test_a_pack_in_a_folder_of_a_git_repository(repo: Repo, tmp_path: Path) -> None:
    remote = tmp_path / "security-repo"
    make_pack(remote / "packs" / "acme", "acme", secret_rule("secrets.acme-key", TOKEN_PREFIX))
    (remote / "README.md").write_text("# the security team's repository\n", "utf-8")
    publish(remote, "v1")
    spec = f"git+file://{remote}@v1#subdirectory=packs/acme"
    repo.write(".tollgate.toml", f'packs = ["builtin", "{spec}"]\n')
    assert tollgate("pack", "lock", cwd=repo.path).code == 0
    staged_token(repo)
    assert rules_of(scan(repo)) == [("app.py", 1, "secrets.acme-key", "high", True)]
    repo.write(".tollgate.toml", f'packs = ["builtin", "{spec.replace("acme", "../x", 1)}"]\n')
    run = scan(repo)
    assert run.code == 2 and "#subdirectory=<a folder inside the repository>" in run.err
