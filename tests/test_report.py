"""The report formats: the JSON contract, SARIF 2.1.0, the terminal text, and colour rules."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Repo, fake_github_token, tollgate
from tollgate.findings import Finding
from tollgate.pack.model import Pack
from tollgate.report import FORMATS, sarif
from tollgate.result import ScanResult
from tollgate.severity import Severity

GITHUB = "secrets.github-pat-classic"
PASSWORD = "secrets.generic-password"
FINDING_FIELDS = {
    "check",
    "rule",
    "severity",
    "path",
    "line",
    "column",
    "end_line",
    "message",
    "fingerprint",
    "excerpt",
    "blocking",
}


def password() -> str:
    return "Zk7#" + "qLm2" + "Wx9v"


def stage_two(repo: Repo) -> str:
    token = fake_github_token()
    repo.stage("app.py", f'import os\n\nTOKEN = "{token}"\n')
    repo.stage("conf/settings.py", f'DB_PASSWORD = "{password()}"\n')
    return token


def report(repo: Repo, fmt: str, *args: str) -> dict[str, Any]:
    run = tollgate("scan", "--format", fmt, *args, cwd=repo.path)
    assert run.code == 1, run.err
    document: dict[str, Any] = json.loads(run.out)
    return document


def test_json_has_exactly_the_contract_fields(repo: Repo) -> None:
    stage_two(repo)
    document = report(repo, "json", "--fail-on", "critical")
    assert set(document) == {"version", "findings", "stats"}
    assert document["version"] == 1
    findings = document["findings"]
    for finding in findings:
        assert set(finding) == FINDING_FIELDS
    assert [
        {k: v for k, v in f.items() if k not in {"fingerprint", "excerpt"}} for f in findings
    ] == [
        {
            "check": "secrets",
            "rule": GITHUB,
            "severity": "critical",
            "path": "app.py",
            "line": 3,
            "column": 10,
            "end_line": 3,
            "message": "GitHub personal access token (classic)",
            "blocking": True,
        },
        {
            "check": "secrets",
            "rule": PASSWORD,
            "severity": "high",
            "path": "conf/settings.py",
            "line": 1,
            "column": 16,
            "end_line": 1,
            "message": "Password assigned in source or configuration",
            "blocking": False,
        },
    ]
    assert [f["excerpt"] for f in findings] == [
        'TOKEN = "ghp_********"',
        f'DB_PASSWORD = "{password()[:3]}********"',
    ]
    assert all(len(f["fingerprint"]) == 32 for f in findings)
    stats = document["stats"]
    assert (stats["mode"], stats["files_scanned"], stats["findings"], stats["blocking"]) == (
        "staged",
        2,
        2,
        1,
    )
    assert stats["skipped"] == []
    assert stats["pack"]["name"] == "tollgate-default"


def test_json_when_nothing_is_found(repo: Repo) -> None:
    repo.stage("a.py", "x = 1\n")
    run = tollgate("scan", "--format", "json", cwd=repo.path)
    assert run.code == 0
    document = json.loads(run.out)
    assert (document["version"], document["findings"]) == (1, [])
    assert (document["stats"]["files_scanned"], document["stats"]["blocking"]) == (1, 0)


def test_sarif_structure(repo: Repo) -> None:
    stage_two(repo)
    document = report(repo, "sarif")
    fingerprints = [f["fingerprint"] for f in report(repo, "json")["findings"]]
    assert document["version"] == "2.1.0"
    assert document["$schema"].endswith("sarif-2.1.0.json")
    assert len(document["runs"]) == 1
    run = document["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "tollgate"
    assert [rule["id"] for rule in driver["rules"]] == [PASSWORD, GITHUB]
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] == "error"
    github_rule = driver["rules"][1]
    assert github_rule["shortDescription"]["text"] == "GitHub personal access token (classic)"
    assert github_rule["properties"]["security-severity"] == "9.5"
    results = run["results"]
    summary = [
        (
            r["ruleId"],
            driver["rules"][r["ruleIndex"]]["id"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in results
    ]
    assert summary == [
        (GITHUB, GITHUB, "error", "app.py", 3, 10),
        (PASSWORD, PASSWORD, "error", "conf/settings.py", 1, 16),
    ]
    assert [r["partialFingerprints"] for r in results] == [
        {"tollgate/v1": fp} for fp in fingerprints
    ]
    assert results[0]["message"]["text"].endswith('TOKEN = "ghp_********"')


def test_sarif_uri_is_percent_encoded(repo: Repo) -> None:
    repo.stage("my dir/app.py", f'TOKEN = "{fake_github_token()}"\n')
    result = report(repo, "sarif")["runs"][0]["results"][0]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "my%20dir/app.py"


@pytest.mark.parametrize(
    ("severity", "level"),
    [
        (Severity.CRITICAL, "error"),
        (Severity.HIGH, "error"),
        (Severity.MEDIUM, "warning"),
        (Severity.LOW, "note"),
        (Severity.INFO, "note"),
    ],
)
def test_sarif_levels_and_rules_missing_from_the_pack(severity: Severity, level: str) -> None:
    finding = Finding(
        check="secrets",
        rule="secrets.from-another-pack",
        severity=severity,
        path="a.py",
        line=2,
        column=5,
        end_line=2,
        message="m",
        excerpt="e",
        fingerprint="f" * 32,
    )
    result = ScanResult((finding,), (), 1, 0.01, "staged")
    pack = Pack("p", "1.0.0", "", Path("."), ())
    document = json.loads(sarif.render(result, pack, {}, False))
    rule = document["runs"][0]["tool"]["driver"]["rules"][0]
    assert (rule["id"], rule["shortDescription"]["text"]) == ("secrets.from-another-pack",) * 2
    assert document["runs"][0]["results"][0]["level"] == level


def test_text_puts_path_line_column_first_and_ends_with_a_summary(repo: Repo) -> None:
    stage_two(repo)
    run = tollgate("scan", "--fail-on", "critical", cwd=repo.path)
    assert run.code == 1
    lines = run.out.splitlines()
    heads = [line for line in lines if line and not line.startswith(" ")]
    assert heads[:2] == [
        f"app.py:3:10: BLOCK critical {GITHUB}",
        f"conf/settings.py:1:16: warn high {PASSWORD}",
    ]
    assert '    > TOKEN = "ghp_********"' in lines
    hint = f"    suppress: add `tollgate: allow[{GITHUB}]` in a comment on the line, or accept it"
    assert hint in run.out
    summary = lines[-1]
    assert summary.startswith(
        "tollgate: 1 blocking finding(s), 1 warning(s); 2 file(s) scanned in "
    )
    assert summary.endswith(" ms; the commit is blocked")
    assert run.err == ""


def test_text_summary_without_findings(repo: Repo) -> None:
    repo.stage("a.py", "x = 1\n")
    run = tollgate("scan", cwd=repo.path)
    assert run.code == 0
    assert run.out.startswith("tollgate: no findings; 1 file(s) scanned in ")
    assert run.out.count("\n") == 1


def _scan_on_a_terminal(repo: Repo, environ: dict[str, str]) -> str:
    """Run `tollgate scan` with stdout on a pseudo-terminal, as a developer's commit does."""
    controller, terminal = pty.openpty()
    proc = subprocess.run(
        [sys.executable, "-m", "tollgate", "scan"],
        cwd=repo.path,
        stdout=terminal,
        stderr=subprocess.PIPE,
        env=environ,
        check=False,
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the terminal has no writer left
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    assert proc.returncode == 1, proc.stderr
    return b"".join(chunks).decode("utf-8")


def test_colour_only_on_a_terminal_without_no_color(repo: Repo) -> None:
    stage_two(repo)
    piped = tollgate("scan", cwd=repo.path, env={"NO_COLOR": "", "TERM": "xterm"})
    assert "\x1b[" not in piped.out  # not a terminal
    base = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = _scan_on_a_terminal(repo, {**base, "TERM": "xterm"})
    assert "\x1b[1;31mcritical\x1b[0m" in coloured  # the positive control
    for environ in (
        {**base, "TERM": "xterm", "NO_COLOR": "1"},
        {**base, "TERM": "dumb"},
    ):
        plain = _scan_on_a_terminal(repo, environ)
        assert "\x1b[" not in plain
        assert f"app.py:3:10: BLOCK critical {GITHUB}" in plain


def test_empty_no_color_does_not_disable_colour(repo: Repo) -> None:
    # no-color.org: only a non-empty NO_COLOR counts.
    stage_two(repo)
    coloured = _scan_on_a_terminal(repo, {**os.environ, "NO_COLOR": "", "TERM": "xterm"})
    assert "\x1b[" in coloured


def test_control_characters_from_the_file_are_shown_escaped(repo: Repo) -> None:
    # An escape sequence beside a secret must not erase or hide the finding on the terminal.
    escape = "\x1b"
    repo.stage("app.py", f'TOKEN = "{fake_github_token()}"  # {escape}[2K{escape}[8m\n')
    run = tollgate("scan", cwd=repo.path)
    assert run.code == 1
    assert escape not in run.out
    assert '    > TOKEN = "ghp_********"  # \\x1b[2K\\x1b[8m' in run.out.splitlines()


def test_output_file_gets_the_report_and_the_terminal_the_text(repo: Repo) -> None:
    stage_two(repo)
    run = tollgate("scan", "--format", "sarif", "--output", "out.sarif", cwd=repo.path)
    assert run.code == 1
    assert json.loads((repo.path / "out.sarif").read_text("utf-8"))["version"] == "2.1.0"
    assert run.out.startswith(f"app.py:3:10: BLOCK critical {GITHUB}\n")


def test_fingerprint_is_stable_when_the_line_moves(repo: Repo) -> None:
    token, pw = fake_github_token(), password()
    body = f'TOKEN = "{token}"\nDB_PASSWORD = "{pw}"\n'
    repo.stage("app.py", body)
    first = report(repo, "json")["findings"]
    repo.stage("app.py", "import os\n\n\n# moved down\n" + body)
    moved = report(repo, "json")["findings"]
    assert [(f["line"], f["column"]) for f in first] == [(1, 10), (2, 16)]
    assert [(f["line"], f["column"]) for f in moved] == [(5, 10), (6, 16)]
    assert [f["fingerprint"] for f in moved] == [f["fingerprint"] for f in first]
    assert len({f["fingerprint"] for f in first}) == 2
    # The same secret in another file and column is the same secret.
    repo.stage("other/config.py", f'    GH = "{token}"\n')
    again = [f for f in report(repo, "json")["findings"] if f["path"] == "other/config.py"]
    assert [f["fingerprint"] for f in again] == [first[0]["fingerprint"]]


def test_fingerprint_differs_for_another_secret(repo: Repo) -> None:
    repo.stage("a.py", f'TOKEN = "{fake_github_token()}"\nOTHER = "{fake_github_token()}"\n')
    findings = report(repo, "json")["findings"]
    assert len({f["fingerprint"] for f in findings}) == 2


def test_every_format_is_listed() -> None:
    assert sorted(FORMATS) == ["json", "sarif", "text"]
