"""The baseline: accepted findings by fingerprint, written only by `tollgate baseline ...`."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import Repo, fake_github_token, tollgate

BASELINE = ".tollgate-baseline.json"
GITHUB = "secrets.github-pat-classic"
PASSWORD = "secrets.generic-password"


def password() -> str:
    return "Zk7#" + "qLm2" + "Wx9v"


def scan(repo: Repo, *args: str) -> tuple[int, list[tuple[str, int, str, str]]]:
    run = tollgate("scan", "--format", "json", *args, cwd=repo.path)
    assert run.code in (0, 1), run.err
    findings: list[dict[str, Any]] = json.loads(run.out)["findings"]
    return run.code, [(f["path"], f["line"], f["rule"], f["severity"]) for f in findings]


def baseline(repo: Repo, *args: str) -> str:
    run = tollgate("baseline", *args, cwd=repo.path)
    assert run.code == 0, run.err
    return run.out


def entries(repo: Repo, name: str = BASELINE) -> dict[str, dict[str, str]]:
    data = json.loads((repo.path / name).read_text("utf-8"))
    assert data["version"] == 1
    result: dict[str, dict[str, str]] = data["findings"]
    return result


def rules_in(repo: Repo) -> list[tuple[str, str]]:
    return sorted((e["path"], e["rule"]) for e in entries(repo).values())


def commit_password(repo: Repo) -> str:
    pw = password()
    repo.stage("settings.py", f'DEBUG = True\nDB_PASSWORD = "{pw}"\n')
    repo.commit("settings")
    return pw


def test_create_writes_fingerprints_only(repo: Repo) -> None:
    pw = commit_password(repo)
    token = fake_github_token()
    repo.stage("app.py", f'TOKEN = "{token}"\n')
    assert baseline(repo, "create") == f"{BASELINE}: 2 entries (2 added, 0 removed)\n"
    assert rules_in(repo) == [("app.py", GITHUB), ("settings.py", PASSWORD)]
    text = (repo.path / BASELINE).read_text("utf-8")
    for secret in (pw, token, token[4:], pw[3:]):
        assert secret not in text
    data = json.loads(text)
    # Sorted keys, one field per line: two branches that each accept a finding merge cleanly.
    assert text == json.dumps(data, indent=2, sort_keys=True) + "\n"
    assert set(data) == {"version", "findings"}
    for fingerprint, entry in data["findings"].items():
        assert len(fingerprint) == 32
        assert set(entry) == {"path", "rule"}  # no line, column or excerpt


def test_create_refuses_to_overwrite_without_force(repo: Repo) -> None:
    commit_password(repo)
    baseline(repo, "create")
    before = (repo.path / BASELINE).read_bytes()
    repo.stage("app.py", f'TOKEN = "{fake_github_token()}"\n')
    run = tollgate("baseline", "create", cwd=repo.path)
    assert run.code == 2
    assert run.err.splitlines() == [
        f"tollgate: error: {repo.path / BASELINE}: already exists; use `baseline update` or --force"
    ]
    assert (repo.path / BASELINE).read_bytes() == before
    assert baseline(repo, "create", "--force") == f"{BASELINE}: 2 entries (2 added, 0 removed)\n"
    assert rules_in(repo) == [("app.py", GITHUB), ("settings.py", PASSWORD)]


def test_create_force_replaces_an_unreadable_baseline(repo: Repo) -> None:
    commit_password(repo)
    repo.write(BASELINE, "{ not json")
    assert tollgate("scan", cwd=repo.path).code == 2
    baseline(repo, "create", "--force")
    assert rules_in(repo) == [("settings.py", PASSWORD)]


def test_baselined_secret_does_not_block_even_after_it_moves(repo: Repo) -> None:
    pw = commit_password(repo)
    baseline(repo, "create")
    repo.commit("accept the old password")
    # The same secret on an edited line further down, and in a second file: both are added lines.
    repo.stage("settings.py", f'# settings\nDEBUG = False\n\nDATABASE_PASSWORD = "{pw}"\n')
    repo.stage("other/settings.py", f'ADMIN_PASSWORD = "{pw}"\n')
    assert scan(repo, "--no-baseline") == (
        1,
        [
            ("other/settings.py", 1, PASSWORD, "high"),
            ("settings.py", 4, PASSWORD, "high"),
        ],
    )
    assert scan(repo) == (0, [])
    # A new secret beside it still blocks.
    repo.stage("app.py", f'TOKEN = "{fake_github_token()}"\n')
    assert scan(repo) == (1, [("app.py", 1, GITHUB, "critical")])


def test_update_adds_and_keeps(repo: Repo) -> None:
    commit_password(repo)
    baseline(repo, "create")
    old = entries(repo)
    repo.stage("app.py", f'TOKEN = "{fake_github_token()}"\n')
    assert baseline(repo, "update") == f"{BASELINE}: 2 entries (1 added, 0 removed)\n"
    assert rules_in(repo) == [("app.py", GITHUB), ("settings.py", PASSWORD)]
    assert old.items() <= entries(repo).items()
    assert scan(repo) == (0, [])


def test_prune_drops_entries_whose_finding_is_gone(repo: Repo) -> None:
    commit_password(repo)
    repo.stage("app.py", f'TOKEN = "{fake_github_token()}"\n')
    baseline(repo, "create")
    repo.stage("settings.py", 'DEBUG = True\nDB_PASSWORD = os.environ["DB_PASSWORD"]\n')
    assert baseline(repo, "prune") == f"{BASELINE}: 1 entries (0 added, 1 removed)\n"
    assert rules_in(repo) == [("app.py", GITHUB)]


def test_prune_never_adds(repo: Repo) -> None:
    commit_password(repo)
    repo.write(BASELINE, '{"version": 1, "findings": {}}\n')
    assert baseline(repo, "prune") == f"{BASELINE}: 0 entries (0 added, 0 removed)\n"
    assert entries(repo) == {}


def test_scan_never_writes_the_baseline(repo: Repo) -> None:
    pw = commit_password(repo)
    repo.stage("app.py", f'PASSWORD = "{pw}"\nTOKEN = "{fake_github_token()}"\n')
    assert scan(repo)[0] == 1
    assert not (repo.path / BASELINE).exists()
    baseline(repo, "create")
    path = repo.path / BASELINE
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    repo.stage("new.py", f'TOKEN = "{fake_github_token()}"\n')
    status = repo.git("status", "--porcelain")
    for fmt in ("text", "json", "sarif"):
        assert tollgate("scan", "--format", fmt, cwd=repo.path).code == 1
    assert tollgate("scan", "--all-files", cwd=repo.path).code == 1
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert repo.git("status", "--porcelain") == status


def test_custom_baseline_path_from_config_and_flag(repo: Repo) -> None:
    commit_password(repo)
    repo.write(".tollgate.toml", 'baseline = "ci/accepted.json"\n')
    (repo.path / "ci").mkdir()
    baseline(repo, "create")
    assert not (repo.path / BASELINE).exists()
    assert [e["rule"] for e in entries(repo, "ci/accepted.json").values()] == [PASSWORD]
    repo.stage("copied_settings.py", f'DB_PASSWORD = "{password()}"\n')
    assert scan(repo) == (0, [])
    assert scan(repo, "--baseline", "elsewhere.json") == (
        1,
        [("copied_settings.py", 1, PASSWORD, "high")],
    )


def test_unreadable_baseline_is_a_one_line_error(repo: Repo) -> None:
    repo.write(BASELINE, '{"version": 7}')
    repo.stage("a.py", "x = 1\n")
    run = tollgate("scan", cwd=repo.path)
    assert run.code == 2
    assert run.err.splitlines() == [
        f'tollgate: error: {repo.path / BASELINE}: not a tollgate baseline (expected "version": 1)'
    ]


def test_import_a_real_detect_secrets_baseline(repo: Repo) -> None:
    pw, token = password(), fake_github_token()
    repo.stage("settings.py", f'DB_PASSWORD = "{pw}"\nGITHUB_TOKEN = "{token}"\n')
    detect_secrets = Path(sys.executable).parent / "detect-secrets"
    made = subprocess.run(
        [str(detect_secrets), "scan"], cwd=repo.path, capture_output=True, text=True, check=True
    )
    (repo.path / ".secrets.baseline").write_text(made.stdout, "utf-8")
    types = {item["type"] for item in json.loads(made.stdout)["results"]["settings.py"]}
    assert {"GitHub Token", "Secret Keyword"} <= types
    assert scan(repo) == (
        1,
        [("settings.py", 1, PASSWORD, "high"), ("settings.py", 2, GITHUB, "critical")],
    )
    assert baseline(repo, "import", ".secrets.baseline") == (
        f"{BASELINE}: 2 entries (2 added, 0 removed)\n"
    )
    assert rules_in(repo) == [("settings.py", PASSWORD), ("settings.py", GITHUB)]
    assert scan(repo) == (0, [])
    text = (repo.path / BASELINE).read_text("utf-8")
    assert pw not in text
    assert token not in text


def test_import_matches_kubernetes_values_as_written(repo: Repo) -> None:
    # detect-secrets hashes the base64 text; tollgate's secret is the decoded value.
    encoded = base64.b64encode(password().encode()).decode()
    repo.stage(
        "k8s/db.yaml",
        f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  DB_PASSWORD: {encoded}\n",
    )
    detect_secrets = Path(sys.executable).parent / "detect-secrets"
    made = subprocess.run(
        [str(detect_secrets), "scan"], cwd=repo.path, capture_output=True, text=True, check=True
    )
    assert json.loads(made.stdout)["results"]["k8s/db.yaml"]
    (repo.path / ".secrets.baseline").write_text(made.stdout, "utf-8")
    assert scan(repo) == (1, [("k8s/db.yaml", 6, "secrets.kubernetes-secret-data", "high")])
    baseline(repo, "import", ".secrets.baseline")
    assert rules_in(repo) == [("k8s/db.yaml", "secrets.kubernetes-secret-data")]
    assert scan(repo) == (0, [])


def test_import_keeps_only_secrets_detect_secrets_listed(repo: Repo) -> None:
    pw = password()
    repo.stage("settings.py", f'DB_PASSWORD = "{pw}"\n')
    detect_secrets = Path(sys.executable).parent / "detect-secrets"
    made = subprocess.run(
        [str(detect_secrets), "scan"], cwd=repo.path, capture_output=True, text=True, check=True
    )
    (repo.path / ".secrets.baseline").write_text(made.stdout, "utf-8")
    # A secret added after the detect-secrets baseline was made is not accepted by the import.
    token = fake_github_token()
    repo.stage("settings.py", f'DB_PASSWORD = "{pw}"\nGITHUB_TOKEN = "{token}"\n')
    baseline(repo, "import", ".secrets.baseline")
    assert rules_in(repo) == [("settings.py", PASSWORD)]
    assert scan(repo) == (1, [("settings.py", 2, GITHUB, "critical")])


def test_import_of_something_else_is_a_one_line_error(repo: Repo) -> None:
    repo.write("not-a-baseline.json", '{"version": 1, "findings": {}}')
    run = tollgate("baseline", "import", "not-a-baseline.json", cwd=repo.path)
    assert run.code == 2
    assert len(run.err.splitlines()) == 1
    assert "not-a-baseline.json: not a detect-secrets baseline" in run.err
