"""Policy: what blocks (fail_on, --fail-on) and what is dropped (disable, exclude, baseline)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import Repo, fake_github_token, tollgate
from tollgate.changes import Change, ChangeSet
from tollgate.config import Config
from tollgate.findings import Finding
from tollgate.policy import excluded, judge, path_matches, select_changes
from tollgate.severity import Severity

GITHUB = "secrets.github-pat-classic"
PASSWORD = "secrets.generic-password"


def password() -> str:
    return "Zk7#" + "qLm2" + "Wx9v"


def scan(repo: Repo, *args: str) -> tuple[int, list[tuple[str, int, str, str, bool]]]:
    run = tollgate("scan", "--format", "json", *args, cwd=repo.path)
    assert run.code in (0, 1), run.err
    findings: list[dict[str, Any]] = json.loads(run.out)["findings"]
    return run.code, [
        (f["path"], f["line"], f["rule"], f["severity"], f["blocking"]) for f in findings
    ]


def stage_both(repo: Repo, name: str = "settings.py") -> None:
    repo.stage(name, f'DB_PASSWORD = "{password()}"\nTOKEN = "{fake_github_token()}"\n')


@pytest.mark.parametrize(
    ("fail_on", "code", "password_blocks", "token_blocks"),
    [
        ("info", 1, True, True),
        ("high", 1, True, True),
        ("critical", 1, False, True),
    ],
)
def test_fail_on_flag(
    repo: Repo, fail_on: str, code: int, password_blocks: bool, token_blocks: bool
) -> None:
    stage_both(repo)
    assert scan(repo, "--fail-on", fail_on) == (
        code,
        [
            ("settings.py", 1, PASSWORD, "high", password_blocks),
            ("settings.py", 2, GITHUB, "critical", token_blocks),
        ],
    )


def test_below_threshold_is_reported_but_exits_zero(repo: Repo) -> None:
    repo.stage("settings.py", f'DB_PASSWORD = "{password()}"\n')
    assert scan(repo, "--fail-on", "critical") == (
        0,
        [("settings.py", 1, PASSWORD, "high", False)],
    )
    text = tollgate("scan", "--fail-on", "critical", cwd=repo.path)
    assert text.code == 0
    assert "settings.py:1:16: warn high secrets.generic-password" in text.out
    assert "tollgate: no blocking findings, 1 warning(s)" in text.out


def test_fail_on_flag_overrides_config(repo: Repo) -> None:
    repo.write(".tollgate.toml", 'fail_on = "critical"\n')
    repo.stage("settings.py", f'DB_PASSWORD = "{password()}"\n')
    assert scan(repo)[0] == 0
    assert scan(repo, "--fail-on", "high") == (1, [("settings.py", 1, PASSWORD, "high", True)])


def test_bad_fail_on_flag_is_a_usage_error(repo: Repo) -> None:
    run = tollgate("scan", "--fail-on", "severe", cwd=repo.path)
    assert run.code == 2
    assert run.err.splitlines() == [
        "tollgate: error: --fail-on: severity 'severe' is not one of "
        "info, low, medium, high, critical"
    ]


def test_disable_drops_only_that_rule(repo: Repo) -> None:
    repo.write(".tollgate.toml", f'disable = ["{PASSWORD}"]\n')
    stage_both(repo)
    assert scan(repo) == (1, [("settings.py", 2, GITHUB, "critical", True)])


def test_disable_an_unrelated_rule_changes_nothing(repo: Repo) -> None:
    repo.write(".tollgate.toml", 'disable = ["secrets.generic-secret"]\n')
    stage_both(repo)
    assert [f[2] for f in scan(repo)[1]] == [PASSWORD, GITHUB]


def test_exclude_globs(repo: Repo) -> None:
    repo.write(
        ".tollgate.toml",
        'exclude = ["**/fixtures/**", "*.min.js", "vendor/*"]\n',
    )
    token = fake_github_token()
    line = f'TOKEN = "{token}"\n'
    for name in (
        "fixtures/root.py",  # `**/` also matches no directory at all
        "tests/fixtures/deep/case.py",
        "static/app.min.js",
        "vendor/lib/mod.py",
        "src/app.py",
        "src/fixtures.py",
        "static/app.js",
    ):
        repo.stage(name, line)
    assert scan(repo) == (
        1,
        [
            ("src/app.py", 1, GITHUB, "critical", True),
            ("src/fixtures.py", 1, GITHUB, "critical", True),
            ("static/app.js", 1, GITHUB, "critical", True),
        ],
    )


def test_allowlist_paths_excludes_like_exclude(repo: Repo) -> None:
    repo.write(".tollgate.toml", '[allowlist]\npaths = ["docs/**"]\n')
    repo.stage("docs/setup.md", f'password = "{password()}"\n')
    repo.stage("app.ini", f"password = {password()}\n")
    assert scan(repo) == (1, [("app.ini", 1, PASSWORD, "high", True)])


# The pure core, called directly.


def finding(rule: str, severity: Severity, path: str, line: int, fp: str) -> Finding:
    return Finding(
        check="secrets",
        rule=rule,
        severity=severity,
        path=path,
        line=line,
        column=1,
        end_line=line,
        message="m",
        excerpt="e",
        fingerprint=fp,
    )


def test_judge_marks_blocking_sorts_and_deduplicates() -> None:
    raw = [
        finding(GITHUB, Severity.CRITICAL, "b.py", 3, "fp1"),
        finding(PASSWORD, Severity.HIGH, "a.py", 9, "fp2"),
        finding(GITHUB, Severity.CRITICAL, "b.py", 3, "fp1"),  # re-added by a second commit
        finding("secrets.low", Severity.LOW, "a.py", 1, "fp3"),
    ]
    judged = judge(raw, Config(fail_on=Severity.HIGH), frozenset())
    assert [(f.path, f.line, f.rule, f.blocking) for f in judged] == [
        ("a.py", 1, "secrets.low", False),
        ("a.py", 9, PASSWORD, True),
        ("b.py", 3, GITHUB, True),
    ]


def test_judge_drops_disabled_and_baselined() -> None:
    raw = [
        finding(GITHUB, Severity.CRITICAL, "a.py", 1, "fp1"),
        finding(PASSWORD, Severity.HIGH, "a.py", 2, "fp2"),
        finding(PASSWORD, Severity.HIGH, "a.py", 3, "fp3"),
    ]
    judged = judge(raw, Config(disable=(GITHUB,)), frozenset({"fp2"}))
    assert [(f.line, f.fingerprint) for f in judged] == [(3, "fp3")]


@pytest.mark.parametrize(
    ("path", "glob", "expected"),
    [
        ("fixtures/a.py", "**/fixtures/**", True),
        ("a/b/fixtures/c/d.py", "**/fixtures/**", True),
        ("myfixtures/a.py", "**/fixtures/**", False),
        ("a.min.js", "**/*.min.js", True),
        ("x/a.min.js", "*.min.js", True),
        ("docs/a.md", "docs/**", True),
        ("src/docs/a.md", "docs/**", False),
        ("README.md", "*.MD", False),
    ],
)
def test_path_matches(path: str, glob: str, expected: bool) -> None:
    assert path_matches(path, glob) is expected


def test_select_changes_keeps_skipped_and_drops_excluded() -> None:
    config = Config(exclude=("vendor/**",))
    kept = Change("src/a.py", "A", "x", None)
    changes = ChangeSet((Change("vendor/b.py", "A", "x", None), kept))
    assert select_changes(changes, config).changes == (kept,)
    assert excluded("vendor/b.py", config)
    assert not excluded("src/a.py", config)
    assert select_changes(changes, Config()) is changes
