"""Configuration: `.tollgate.toml` or `[tool.tollgate]`, and errors that name file and key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Repo, tollgate
from tollgate.config import Config, load_config
from tollgate.errors import TollgateError
from tollgate.severity import Severity

CHECKS = frozenset({"secrets"})


def password() -> str:
    return "Zk7#" + "qLm2" + "Wx9v"


def stage_password(repo: Repo) -> None:
    repo.stage("settings.py", f'DEBUG = True\nDB_PASSWORD = "{password()}"\n')


def scan(repo: Repo) -> tuple[int, list[tuple[str, int, str, str, bool]]]:
    run = tollgate("scan", "--format", "json", cwd=repo.path)
    assert run.code in (0, 1), run.err
    findings: list[dict[str, Any]] = json.loads(run.out)["findings"]
    return run.code, [
        (f["path"], f["line"], f["rule"], f["severity"], f["blocking"]) for f in findings
    ]


def one_error_line(repo: Repo) -> str:
    run = tollgate("scan", cwd=repo.path)
    assert run.code == 2
    assert run.out == ""
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith("tollgate: error: ")
    return lines[0]


def test_defaults_without_any_config(repo: Repo) -> None:
    assert load_config(repo.path, CHECKS) == Config()
    stage_password(repo)
    assert scan(repo) == (1, [("settings.py", 2, "secrets.generic-password", "high", True)])


def test_fail_on_from_dedicated_file(repo: Repo) -> None:
    repo.write(".tollgate.toml", 'version = 1\nfail_on = "critical"\n')
    stage_password(repo)
    # Below the threshold: still reported, as a warning that lets the commit through.
    assert scan(repo) == (0, [("settings.py", 2, "secrets.generic-password", "high", False)])


def test_fail_on_from_pyproject(repo: Repo) -> None:
    repo.write("pyproject.toml", '[project]\nname = "x"\n\n[tool.tollgate]\nfail_on = "critical"\n')
    stage_password(repo)
    assert scan(repo) == (0, [("settings.py", 2, "secrets.generic-password", "high", False)])
    config = load_config(repo.path, CHECKS)
    assert config.fail_on is Severity.CRITICAL
    assert config.source.endswith("pyproject.toml [tool.tollgate]")


def test_pyproject_dotted_keys_configure_too(repo: Repo) -> None:
    repo.write("pyproject.toml", 'tool.tollgate.fail_on = "critical"\n[project]\nname = "x"\n')
    assert load_config(repo.path, CHECKS).fail_on is Severity.CRITICAL
    repo.write("pyproject.toml", '[ tool.tollgate ]\nfail_on = "low"\n')
    assert load_config(repo.path, CHECKS).fail_on is Severity.LOW


def test_dedicated_file_wins_over_pyproject(repo: Repo) -> None:
    repo.write("pyproject.toml", '[tool.tollgate]\nfail_on = "critical"\n')
    repo.write(".tollgate.toml", 'fail_on = "low"\n')
    assert load_config(repo.path, CHECKS).fail_on is Severity.LOW


def test_pyproject_without_our_table_is_not_an_error(repo: Repo) -> None:
    repo.write("pyproject.toml", '[tool.ruff]\nline-length = 100\nfail_onn = "x"\n')
    assert load_config(repo.path, CHECKS) == Config()


def test_every_key_is_read(tmp_path: Path) -> None:
    (tmp_path / ".tollgate.toml").write_text(
        "version = 1\n"
        'fail_on = "HIGH"\n'
        'checks = ["secrets"]\n'
        'exclude = ["vendor/**"]\n'
        'max_file_size = "2MB"\n'
        'baseline = "ci/baseline.json"\n'
        'disable = ["secrets.generic-secret"]\n'
        '[allowlist]\npaths = ["**/fixtures/**"]\n',
        "utf-8",
    )
    config = load_config(tmp_path, CHECKS)
    assert config == Config(
        fail_on=Severity.HIGH,
        checks=("secrets",),
        exclude=("vendor/**",),
        max_file_size=2 * 1024 * 1024,
        baseline="ci/baseline.json",
        disable=("secrets.generic-secret",),
        allow_paths=("**/fixtures/**",),
        source=str(tmp_path / ".tollgate.toml"),
    )


def test_unknown_key_names_file_and_suggests(repo: Repo) -> None:
    repo.write(".tollgate.toml", 'fail_onn = "high"\n')
    line = one_error_line(repo)
    assert f"{repo.path / '.tollgate.toml'}: unknown key 'fail_onn'" in line
    assert "did you mean 'fail_on'?" in line


def test_unknown_key_in_pyproject_names_the_table(repo: Repo) -> None:
    repo.write("pyproject.toml", '[tool.tollgate]\nexclud = ["vendor/**"]\n')
    line = one_error_line(repo)
    assert f"{repo.path / 'pyproject.toml'} [tool.tollgate]: unknown key 'exclud'" in line
    assert "did you mean 'exclude'?" in line


def test_unknown_key_in_allowlist_table(repo: Repo) -> None:
    repo.write(".tollgate.toml", '[allowlist]\npath = ["x/**"]\n')
    line = one_error_line(repo)
    assert ".tollgate.toml: allowlist: unknown key 'path' (did you mean 'paths'?)" in line


def test_bad_severity(repo: Repo) -> None:
    repo.write(".tollgate.toml", 'fail_on = "hgh"\n')
    line = one_error_line(repo)
    assert ".tollgate.toml: fail_on: severity 'hgh' is not one of" in line
    assert "info, low, medium, high, critical" in line


def test_bad_severity_in_pyproject(repo: Repo) -> None:
    repo.write("pyproject.toml", '[tool.tollgate]\nfail_on = "critcal"\n')
    assert "pyproject.toml [tool.tollgate]: fail_on: severity 'critcal'" in one_error_line(repo)


def test_invalid_toml_gives_its_line(repo: Repo) -> None:
    repo.write(".tollgate.toml", 'version = 1\nfail_on = "high\n')
    line = one_error_line(repo)
    assert f"{repo.path / '.tollgate.toml'}: invalid TOML" in line
    assert "line 2" in line


def test_invalid_pyproject_gives_its_line(repo: Repo) -> None:
    repo.write("pyproject.toml", '[project]\nname = "x"\n[tool.tollgate\n')
    line = one_error_line(repo)
    assert f"{repo.path / 'pyproject.toml'}: invalid TOML" in line
    assert "line 3" in line


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("version = 2\n", "version 2 is not supported (expected 1)"),
        ('checks = ["secret"]\n', "checks: unknown check 'secret'"),
        ('exclude = "vendor/**"\n', "'exclude' must be a list of strings"),
        ("max_file_size = -1\n", "max_file_size -1 must be a byte count"),
        ('max_file_size = "lots"\n', "max_file_size 'lots' must be a byte count"),
        ('baseline = ["a"]\n', "'baseline' must be a string, not list"),
        ('allowlist = ["a"]\n', "'allowlist' must be a table"),
    ],
)
def test_bad_values(repo: Repo, content: str, message: str) -> None:
    repo.write(".tollgate.toml", content)
    assert f".tollgate.toml: {message}" in one_error_line(repo)


def test_errors_are_raised_as_tollgate_errors(tmp_path: Path) -> None:
    (tmp_path / ".tollgate.toml").write_text('fail_on = "hgh"\n', "utf-8")
    with pytest.raises(TollgateError, match="fail_on: severity 'hgh'"):
        load_config(tmp_path, CHECKS)
