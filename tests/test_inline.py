"""Inline suppressions: a comment on the finding's own line, for one rule or for all of them."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import Repo, fake_github_token, tollgate
from tollgate.inline import suppressed_secret

GITHUB = "secrets.github-pat-classic"
PASSWORD = "secrets.generic-password"


def password() -> str:
    return "Zk7#" + "qLm2" + "Wx9v"


def scan(repo: Repo) -> tuple[int, list[tuple[str, int, str, str]]]:
    run = tollgate("scan", "--format", "json", cwd=repo.path)
    assert run.code in (0, 1), run.err
    findings: list[dict[str, Any]] = json.loads(run.out)["findings"]
    return run.code, [(f["path"], f["line"], f["rule"], f["severity"]) for f in findings]


@pytest.mark.parametrize(
    "comment",
    [
        "# tollgate: allow",
        "# tollgate:allow",
        f"# tollgate: allow[{GITHUB}]",
        f"# tollgate: allow[{PASSWORD}, {GITHUB}]",
        "# pragma: allowlist secret",
        "# gitleaks:allow",
    ],
)
def test_comment_on_the_line_suppresses(repo: Repo, comment: str) -> None:
    token = fake_github_token()
    repo.stage("app.py", f'DEBUG = True\nTOKEN = "{token}"  {comment}\n')
    assert scan(repo) == (0, [])


@pytest.mark.parametrize(
    "comment",
    [
        f"# tollgate: allow[{PASSWORD}]",
        "# tollgate: allow[secrets.github-pat]",  # a prefix of the id is another id
        f"# tollgate: allow[{GITHUB}",  # unclosed: must not fall back to a bare allow-all
        "# tollgate: allowance for the demo",
        "# pragma: allowlist",
    ],
)
def test_other_rule_or_malformed_comment_does_not_suppress(repo: Repo, comment: str) -> None:
    token = fake_github_token()
    repo.stage("app.py", f'DEBUG = True\nTOKEN = "{token}"  {comment}\n')
    assert scan(repo) == (1, [("app.py", 2, GITHUB, "critical")])


def test_rule_id_suppresses_only_that_rule_on_a_shared_line(repo: Repo) -> None:
    token = fake_github_token()
    repo.stage(
        "settings.py",
        f'DB_PASSWORD = "{password()}"; GH = "{token}"  # tollgate: allow[{GITHUB}]\n',
    )
    assert scan(repo) == (1, [("settings.py", 1, PASSWORD, "high")])


def test_comment_on_another_line_does_not_suppress(repo: Repo) -> None:
    token = fake_github_token()
    repo.stage("app.py", f'# tollgate: allow\nTOKEN = "{token}"\n# gitleaks:allow\n')
    assert scan(repo) == (1, [("app.py", 2, GITHUB, "critical")])


@pytest.mark.parametrize(
    ("name", "template"),
    [
        ("config.yaml", "db:\n  password: {pw}  # tollgate: allow[{rule}]\n"),
        ("config.js", 'const dbPassword = "{pw}"; // tollgate: allow[{rule}]\n'),
        ("server.xml", "<password>{pw}</password> <!-- tollgate: allow[{rule}] -->\n"),
        (".env", "DB_PASSWORD={pw} # pragma: allowlist secret\n"),
    ],
)
def test_comment_syntax_of_each_language(repo: Repo, name: str, template: str) -> None:
    repo.stage(name, template.format(pw=password(), rule=PASSWORD))
    assert scan(repo) == (0, [])


def test_suppressed_secret_unit() -> None:
    assert suppressed_secret("x  # tollgate: allow", GITHUB)
    assert suppressed_secret(f"x  # tollgate: allow[ {GITHUB} ]", GITHUB)
    assert not suppressed_secret(f"x  # tollgate: allow[{PASSWORD}]", GITHUB)
    assert not suppressed_secret("x  # tollgate: allow[]", GITHUB)
    assert not suppressed_secret("x  # nothing here", GITHUB)
