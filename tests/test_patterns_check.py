"""The patterns check end to end: real git repositories, the real semgrep, a pack made here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import Repo, Run, tollgate
from tollgate.checks.patterns.semgrep import run_semgrep, semgrep_binary
from tollgate.errors import TollgateError

SHELL_RULE = """\
rules:
  - id: patterns.python.shell
    message: subprocess with shell=True and a command built at run time; pass an argument list.
    languages: [python]
    severity: ERROR
    metadata:
      severity: high
      confidence: high
      category: command-injection
      cwe: "CWE-78: OS Command Injection"
      references: [https://docs.python.org/3/library/subprocess.html]
    patterns:
      - pattern: subprocess.run($CMD, ..., shell=True, ...)
      - pattern-not: subprocess.run("...", ..., shell=True, ...)
"""
SHELL_TEST = """\
import subprocess


def run(x):
    # ruleid: patterns.python.shell
    subprocess.run(f"ls {x}", shell=True)
    # ok: patterns.python.shell
    subprocess.run(["ls", x])
"""
CURL_RULE = """\
rules:
  - id: patterns.dockerfile.curl-pipe-shell
    message: A script downloaded and piped into a shell runs unverified code; download, verify, run.
    languages: [dockerfile]
    severity: ERROR
    metadata:
      severity: high
      confidence: high
      category: supply-chain
      cwe: "CWE-494: Download of Code Without Integrity Check"
      references: [https://docs.docker.com/reference/dockerfile/#run]
    pattern-regex: (curl|wget)[^|\\n]*\\|\\s*(sh|bash)
"""
CURL_TEST = """\
FROM debian:12
# ruleid: patterns.dockerfile.curl-pipe-shell
RUN curl -fsSL https://example.invalid/install.sh | sh
# ok: patterns.dockerfile.curl-pipe-shell
RUN curl -fsSLo install.sh https://example.invalid/install.sh
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    (root / "patterns" / "python").mkdir(parents=True)
    (root / "patterns" / "dockerfile").mkdir(parents=True)
    (root / "pack.toml").write_text('format = 1\nname = "t"\nversion = "1.0.0"\n')
    (root / "patterns" / "python" / "shell.yaml").write_text(SHELL_RULE)
    (root / "patterns" / "python" / "shell.py").write_text(SHELL_TEST)
    (root / "patterns" / "dockerfile" / "curl-pipe-shell.yaml").write_text(CURL_RULE)
    (root / "patterns" / "dockerfile" / "curl-pipe-shell.dockerfile").write_text(CURL_TEST)
    return root


def scan(repo: Repo, pack: Path, *args: str) -> tuple[Run, list[tuple[str, int, str, str]]]:
    run = tollgate("scan", "--pack", str(pack), "--format", "json", *args, cwd=repo.path)
    assert run.code in (0, 1), run.err
    findings = json.loads(run.out)["findings"]
    return run, [(f["path"], f["line"], f["rule"], f["severity"]) for f in findings]


def test_staged_violation_is_reported_and_the_safe_form_is_not(repo: Repo, pack: Path) -> None:
    repo.stage(
        "app/run.py",
        'import subprocess\n\ndef f(x):\n    subprocess.run(["ls", x])\n'
        '    subprocess.run(f"ls {x}", shell=True)\n    subprocess.run("ls -l", shell=True)\n',
    )
    run, found = scan(repo, pack)
    assert run.code == 1
    assert found == [("app/run.py", 5, "patterns.python.shell", "high")]


def test_only_added_lines_count_but_all_files_sees_everything(repo: Repo, pack: Path) -> None:
    old = 'import subprocess\n\ndef f(x):\n    subprocess.run(f"ls {x}", shell=True)\n'
    repo.stage("run.py", old)
    repo.commit("old code")
    repo.stage("run.py", old + "\n\ndef g():\n    return 1\n")
    run, found = scan(repo, pack)
    assert (run.code, found) == (0, [])
    run, found = scan(repo, pack, "--all-files")
    assert found == [("run.py", 4, "patterns.python.shell", "high")]


def test_semgrep_judges_the_index_not_the_work_tree(repo: Repo, pack: Path) -> None:
    repo.stage(
        "run.py", 'import subprocess\n\ndef f(x):\n    subprocess.run(f"ls {x}", shell=True)\n'
    )
    repo.write("run.py", 'import subprocess\n\ndef f(x):\n    subprocess.run(["ls", x])\n')
    status = repo.git("status", "--porcelain")
    _, found = scan(repo, pack)
    assert found == [("run.py", 4, "patterns.python.shell", "high")]
    assert repo.git("status", "--porcelain") == status

    repo.stage("safe.py", 'import subprocess\n\ndef f(x):\n    subprocess.run(["ls", x])\n')
    repo.write(
        "safe.py", 'import subprocess\n\ndef f(x):\n    subprocess.run(f"ls {x}", shell=True)\n'
    )
    _, found = scan(repo, pack, "safe.py")
    assert found == []


SUPPRESSIONS = """\
import subprocess


def f(x):
    subprocess.run(f"a {x}", shell=True)  # tollgate: ignore[patterns.python.shell] x is an enum
    # tollgate: ignore[command-injection] only called with constants from config
    subprocess.run(f"b {x}", shell=True)
    subprocess.run(f"c {x}", shell=True)  # nosemgrep
    subprocess.run(f"d {x}", shell=True)  # nosemgrep: patterns.python.shell
    subprocess.run(f"e {x}", shell=True)  # nosec
    subprocess.run(f"f {x}", shell=True)  # tollgate: ignore
    subprocess.run(f"g {x}", shell=True)  # tollgate: ignore[patterns.python.shell]
    subprocess.run(f"h {x}", shell=True)  # tollgate: ignore[patterns.python.other] wrong rule
    subprocess.run(f"i {x}", shell=True)  # this is not nosecure, nor nosemgrepish
    subprocess.run(f"j {x}", shell=True)  # nosec B602
"""


def test_suppressions(repo: Repo, pack: Path) -> None:
    repo.stage("s.py", SUPPRESSIONS)
    run, found = scan(repo, pack)
    assert [line for _, line, _, _ in found] == [11, 12, 13, 14, 15]
    messages = {f["line"]: f["message"] for f in json.loads(run.out)["findings"]}
    assert "must name the rule" in messages[11]
    assert "must give a reason" in messages[12]
    assert "refused" not in messages[13]


def test_a_trailing_comment_on_the_previous_line_does_not_suppress(repo: Repo, pack: Path) -> None:
    repo.stage(
        "t.py",
        "import subprocess\n\ndef f(x):\n"
        "    y = 1  # tollgate: ignore[patterns.python.shell] about this line only\n"
        '    subprocess.run(f"ls {x}", shell=True)\n',
    )
    _, found = scan(repo, pack)
    assert found == [("t.py", 5, "patterns.python.shell", "high")]


def test_dockerfile_variants_are_recognised(repo: Repo, pack: Path) -> None:
    text = "FROM debian:12\nRUN wget -qO- https://example.invalid/x.sh | bash\n"
    for name in ("Dockerfile", "docker/Dockerfile.prod", "build.dockerfile", "Containerfile"):
        repo.stage(name, text)
    repo.stage("notes.md", "RUN curl https://example.invalid | sh\n")
    _, found = scan(repo, pack)
    rule = "patterns.dockerfile.curl-pipe-shell"
    assert found == [
        ("Containerfile", 2, rule, "high"),
        ("Dockerfile", 2, rule, "high"),
        ("build.dockerfile", 2, rule, "high"),
        ("docker/Dockerfile.prod", 2, rule, "high"),
    ]


def test_a_docs_only_commit_never_starts_semgrep(repo: Repo, pack: Path) -> None:
    # A rule semgrep cannot parse: any run of semgrep would fail with exit 2.
    (pack / "patterns" / "python" / "broken.yaml").write_text(
        SHELL_RULE.replace("patterns.python.shell", "patterns.python.broken").replace(
            "subprocess.run($CMD, ..., shell=True, ...)", "subprocess.run($CMD,"
        )
    )
    repo.stage("README.md", "# docs\n")
    assert tollgate("scan", "--pack", str(pack), cwd=repo.path).code == 0
    repo.stage("a.py", "x = 1\n")
    run = tollgate("scan", "--pack", str(pack), cwd=repo.path)
    assert run.code == 2
    assert run.err.startswith("tollgate: error: semgrep: rule patterns.python.broken")
    assert len(run.err.strip().splitlines()) == 1
    assert "Traceback" not in run.err


def test_range_mode_maps_findings_to_their_commits(repo: Repo, pack: Path) -> None:
    repo.stage("r.py", "x = 1\n")
    base = repo.commit("base")
    repo.stage("r.py", 'import subprocess\nsubprocess.run(f"ls {x}", shell=True)\n')
    first = repo.commit("bad")
    repo.stage("r.py", 'import subprocess\n\n\nsubprocess.run(f"rm {y}", shell=True)\n')
    second = repo.commit("worse")
    run = tollgate(
        "scan", "--pack", str(pack), "--format", "json", "--from-ref", base, cwd=repo.path
    )
    found = [(f["line"], f["commit"]) for f in json.loads(run.out)["findings"]]
    assert sorted(found) == [(2, first), (4, second)]


def test_reports_carry_pattern_rule_metadata(repo: Repo, pack: Path) -> None:
    repo.stage("a.py", 'import subprocess\nsubprocess.run(f"ls {x}", shell=True)\n')
    run = tollgate("scan", "--pack", str(pack), "--format", "sarif", cwd=repo.path)
    sarif = json.loads(run.out)
    rule = sarif["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["id"] == "patterns.python.shell"
    assert rule["helpUri"] == "https://docs.python.org/3/library/subprocess.html"
    text = tollgate("scan", "--pack", str(pack), cwd=repo.path).out
    assert "tollgate: ignore[patterns.python.shell] <reason>" in text
    explained = tollgate("explain", "patterns.python.shell", "--pack", str(pack), cwd=repo.path)
    assert explained.code == 0
    assert "command built at run time" in explained.out
    assert "category: command-injection   CWE-78: OS Command Injection" in explained.out
    typo = tollgate("explain", "patterns.python.shel", "--pack", str(pack), cwd=repo.path)
    assert typo.code == 2
    assert "did you mean patterns.python.shell" in typo.err


def test_pack_test_catches_a_rule_firing_on_another_rules_negative(pack: Path) -> None:
    assert tollgate("pack", "test", str(pack), cwd=pack).code == 0
    broad = (
        SHELL_RULE.replace("patterns.python.shell", "patterns.python.any-run")
        .replace('      - pattern-not: subprocess.run("...", ..., shell=True, ...)\n', "")
        .replace("subprocess.run($CMD, ..., shell=True, ...)", "subprocess.run(...)")
    )
    (pack / "patterns" / "python" / "any-run.yaml").write_text(broad)
    (pack / "patterns" / "python" / "any-run.py").write_text(
        "import subprocess\n# ruleid: patterns.python.any-run\nsubprocess.run(['ls'])\n"
        "# ok: patterns.python.any-run\nsubprocess.call(['ls'])\n"
    )
    run = tollgate("pack", "test", str(pack), cwd=pack)
    assert run.code == 1
    assert (
        "FAIL pack/patterns/python/shell.py:8: patterns.python.any-run reported on a line not "
        "marked `ruleid:` for it"
    ) in run.out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("severity: ERROR", "severity: WARNING"), "does not match metadata severity"),
        (("category: command-injection", "category: bad"), "not one of the taxonomy"),
        (("languages: [python]", "languages: [cobolx]"), "which files language 'cobolx' covers"),
        (("id: patterns.python.shell", "id: shell"), "must look like 'patterns.<language>"),
    ],
)
def test_pack_validate_rejects_bad_metadata(
    pack: Path, change: tuple[str, str], message: str
) -> None:
    path = pack / "patterns" / "python" / "shell.yaml"
    path.write_text(path.read_text().replace(*change, 1))
    run = tollgate("pack", "validate", str(pack), cwd=pack)
    assert run.code == 2
    assert message in run.err
    assert run.err.startswith("tollgate: error: pack/patterns/python/shell.yaml")


def test_missing_semgrep_and_timeouts_fail_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    with pytest.raises(TollgateError, match="semgrep is not installed"):
        semgrep_binary({"PATH": str(tmp_path)})
    monkeypatch.undo()
    (tmp_path / "a.py").write_text("x = 1\n")
    config = tmp_path / "r.yaml"
    config.write_text(SHELL_RULE)
    with pytest.raises(TollgateError, match="did not finish within"):
        run_semgrep(str(config), ["a.py"], tmp_path, timeout=0.01)


PREFILTERED = SHELL_RULE.replace("patterns.python.shell", "patterns.python.shell-in-flask").replace(
    "      category: command-injection\n",
    "      category: command-injection\n      prefilter: [flask]\n",
)


def test_a_prefiltered_rule_runs_only_when_a_changed_file_matches(repo: Repo, pack: Path) -> None:
    (pack / "patterns" / "python" / "shell-in-flask.yaml").write_text(PREFILTERED)
    code = 'import subprocess\n\ndef f(x):\n    subprocess.run(f"ls {x}", shell=True)\n'
    repo.stage("plain.py", code)
    _, found = scan(repo, pack)
    assert found == [("plain.py", 4, "patterns.python.shell", "high")]
    repo.stage("web.py", "import flask\n" + code)
    _, found = scan(repo, pack)
    assert found == [
        ("plain.py", 4, "patterns.python.shell", "high"),
        ("plain.py", 4, "patterns.python.shell-in-flask", "high"),
        ("web.py", 5, "patterns.python.shell", "high"),
        ("web.py", 5, "patterns.python.shell-in-flask", "high"),
    ]
