"""The pins check across ecosystems: what a change is responsible for (staged, range, lockfile-only,
a lockfile too large to scan), suppressions, exceptions, profiles and every output format."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable

from tests.conftest import Repo, Run, tollgate
from tollgate.changes import Change, ChangeSet
from tollgate.checks.pins.runner import CONTEXT_LIMIT, run
from tollgate.pack.load import builtin_pack_dir, load_pack

PACKAGE = """\
{
  "name": "web",
  "version": "1.0.0",
  "dependencies": {
    "left-pad": "^1.3.0",
    "lodash": "^4.17.0"
  }
}
"""


def lock(*names: tuple[str, str]) -> str:
    packages: dict[str, object] = {
        "": {"name": "web", "version": "1.0.0", "dependencies": {n: f"^{v}" for n, v in names}}
    }
    for name, version in names:
        packages[f"node_modules/{name}"] = {"version": version}
    document = {"name": "web", "lockfileVersion": 3, "requires": True, "packages": packages}
    return json.dumps(document, indent=2) + "\n"


IN_SYNC = lock(("left-pad", "1.3.0"), ("lodash", "4.17.21"))
WORKFLOW = """\
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@1d0ff469b7ec7b3cb9d8673fde0c81c44821de2a # v4.2.0
"""


def pins(repo: Repo, *args: str) -> Run:
    return tollgate("scan", "--checks", "pins", "--format", "json", *args, cwd=repo.path)


def found(run: Run) -> list[tuple[str, int, str, str]]:
    assert run.code in (0, 1), run.err
    return [
        (f["path"], f["line"], f["rule"], f["severity"]) for f in json.loads(run.out)["findings"]
    ]


def test_a_lockfile_only_change_reports_the_manifest_line(repo: Repo) -> None:
    repo.stage("web/package.json", PACKAGE)
    repo.stage("web/package-lock.json", IN_SYNC)
    repo.commit()
    assert found(pins(repo)) == []
    repo.stage("web/package-lock.json", lock(("left-pad", "1.3.0")))  # lodash dropped
    [(path, line, rule, _)] = found(pins(repo))
    assert (path, line, rule) == ("web/package.json", 6, "pins.npm.out-of-sync")


def test_an_unchanged_floating_line_is_not_the_commits_doing(repo: Repo) -> None:
    repo.stage(".github/workflows/ci.yml", WORKFLOW)
    repo.commit()
    repo.stage(".github/workflows/ci.yml", WORKFLOW.replace("on: push", "on: [push, pull_request]"))
    assert found(pins(repo)) == []
    assert found(pins(repo, "--all-files")) == [
        (".github/workflows/ci.yml", 6, "pins.actions.unpinned-uses", "medium")
    ]


def test_range_mode_attributes_findings_to_their_commit(repo: Repo) -> None:
    repo.stage("README.md", "# app\n")
    base = repo.commit()
    repo.stage(".github/workflows/ci.yml", WORKFLOW)
    first = repo.commit("ci")
    repo.stage("README.md", "# app\n\nmore\n")
    repo.commit("docs")
    run = pins(repo, "--from-ref", base, "--to-ref", "HEAD")
    [finding] = json.loads(run.out)["findings"]
    assert (finding["line"], finding["rule"], finding["commit"]) == (
        6,
        "pins.actions.unpinned-uses",
        first,
    )


def test_a_lockfile_over_the_size_limit_is_still_read_as_context(repo: Repo) -> None:
    repo.write(".tollgate.toml", 'max_file_size = "200b"\n')
    repo.stage("web/package.json", PACKAGE)
    repo.stage("web/package-lock.json", IN_SYNC)
    run = pins(repo)
    assert found(run) == []  # in sync: the ranges are frozen
    assert "web/package-lock.json: skipped, larger than the 200-byte limit" in run.err
    repo.commit()
    repo.stage("web/package-lock.json", lock(("lodash", "4.17.21")))
    assert [f[:3] for f in found(pins(repo))] == [("web/package.json", 5, "pins.npm.out-of-sync")]


def test_inline_suppression_needs_the_id_and_a_reason(repo: Repo) -> None:
    text = WORKFLOW.replace(
        "      - uses: actions/checkout@v4",
        "      # tollgate: ignore[pins.actions.unpinned-uses] vetted by the platform team\n"
        "      - uses: actions/checkout@v4\n"
        "      - uses: actions/cache@v4  # tollgate: ignore[pins.actions.unpinned-uses]",
    )
    repo.stage(".github/workflows/ci.yml", text)
    run = pins(repo)
    [finding] = json.loads(run.out)["findings"]
    assert (finding["line"], finding["rule"]) == (8, "pins.actions.unpinned-uses")
    assert "suppression refused" in finding["message"]


def test_config_allow_and_disable(repo: Repo) -> None:
    repo.stage(".github/workflows/ci.yml", WORKFLOW)
    repo.write(".tollgate.toml", '[pins]\nallow = ["actions/*"]\n')
    assert found(pins(repo)) == []
    repo.write(".tollgate.toml", 'disable = ["pins.actions.unpinned-uses"]\n')
    assert found(pins(repo)) == []


def test_strict_profile_adds_immutability_rules(repo: Repo) -> None:
    repo.stage(
        ".pre-commit-config.yaml",
        "repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v4.6.0\n"
        "    hooks:\n      - id: check-yaml\n",
    )
    assert found(pins(repo)) == []
    repo.write(".tollgate.toml", '[pins]\nprofile = "strict"\n')
    assert [f[:3] for f in found(pins(repo))] == [
        (".pre-commit-config.yaml", 3, "pins.precommit.mutable-rev")
    ]


def test_text_and_sarif_output_and_explain(repo: Repo) -> None:
    repo.stage(".github/workflows/ci.yml", WORKFLOW)
    text = tollgate("scan", "--checks", "pins", cwd=repo.path)
    assert text.code == 1
    assert ".github/workflows/ci.yml:6:" in text.out
    assert "pins.actions.unpinned-uses" in text.out
    assert "# v4" in text.out or "<full sha>" in text.out or "sha" in text.out
    sarif = json.loads(tollgate("scan", "--checks", "pins", "--format", "sarif", cwd=repo.path).out)
    [result] = sarif["runs"][0]["results"]
    assert result["ruleId"] == "pins.actions.unpinned-uses"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 6
    explain = tollgate("explain", "pins.actions.unpinned-uses", cwd=repo.path)
    assert explain.code == 0
    assert "profile: default and strict" in explain.out


def test_the_default_checks_include_pins(repo: Repo) -> None:
    repo.stage(".github/workflows/ci.yml", WORKFLOW)
    run = tollgate("scan", "--format", "json", cwd=repo.path)
    assert "pins.actions.unpinned-uses" in {f["rule"] for f in json.loads(run.out)["findings"]}


def test_malformed_manifest_is_a_warning_and_the_scan_goes_on(repo: Repo) -> None:
    repo.stage("web/package.json", '{\n  "dependencies": {\n    "a": "^1.0.0",,\n  }\n}\n')
    repo.stage(".github/workflows/ci.yml", WORKFLOW)
    run = pins(repo)
    assert run.code == 1
    assert [f[:3] for f in found(run)] == [
        (".github/workflows/ci.yml", 6, "pins.actions.unpinned-uses")
    ]
    warnings = [line for line in run.err.splitlines() if "package.json" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith("tollgate: warning: web/package.json:3: ")
    assert "Traceback" not in run.err


def test_fix_pins_copies_locked_versions_and_says_what_it_cannot_fix(repo: Repo) -> None:
    manifest = PACKAGE.replace('"^1.3.0"', '"*"').replace('"^4.17.0"', '"latest"')
    repo.stage("web/package.json", manifest)
    repo.stage("web/package-lock.json", IN_SYNC)
    repo.stage(".github/workflows/ci.yml", WORKFLOW)
    status = repo.git("status", "--porcelain")
    dry = tollgate("fix", "pins", "--dry-run", cwd=repo.path)
    assert dry.code == 1  # the action needs the network
    assert (repo.path / "web/package.json").read_text() == manifest
    run = tollgate("fix", "pins", cwd=repo.path)
    assert run.code == 1
    assert 'web/package.json:5: pins.npm.any-version: fixed: `"left-pad": "*"`' in run.out
    assert (
        ".github/workflows/ci.yml:6: pins.actions.unpinned-uses: not fixed: needs the network"
        in (run.out)
    )
    assert (repo.path / "web/package.json").read_text() == PACKAGE.replace(
        '"^1.3.0"', '"1.3.0"'
    ).replace('"^4.17.0"', '"4.17.21"')
    # Only the work tree changed: the index still holds what was staged.
    assert repo.git("show", ":web/package.json") == manifest
    assert repo.git("status", "--porcelain") != status
    repo.stage(".github/workflows/ci.yml", WORKFLOW.replace("@v4\n", "@" + "a" * 40 + " # v4\n"))
    assert tollgate("fix", "pins", "web/package.json", cwd=repo.path).code == 0


def test_deleting_the_lockfile_reports_what_it_froze(repo: Repo) -> None:
    repo.stage("web/package.json", PACKAGE)
    repo.stage("web/package-lock.json", IN_SYNC)
    repo.commit()
    repo.git("rm", "-q", "web/package-lock.json")
    assert [f[:3] for f in found(pins(repo))] == [
        ("web/package.json", 5, "pins.npm.range-without-lock"),
        ("web/package.json", 6, "pins.npm.range-without-lock"),
    ]


def test_a_lockfile_change_reports_only_what_it_put_out_of_sync(repo: Repo) -> None:
    repo.stage("web/package.json", PACKAGE)
    repo.stage("web/package-lock.json", lock(("left-pad", "1.3.0")))  # lodash already missing
    repo.commit()
    repo.stage("web/package-lock.json", lock(("left-pad", "1.3.1")))
    assert found(pins(repo)) == []
    repo.stage("web/package-lock.json", lock(("lodash", "4.17.21")))
    assert [f[:3] for f in found(pins(repo))] == [("web/package.json", 5, "pins.npm.out-of-sync")]


class _Oversized:
    """A snapshot whose lockfile is over the context limit (64 MB is a lot to write in a test)."""

    def read(
        self, wanted: Iterable[tuple[str, str]], limit: int
    ) -> dict[tuple[str, str], str | int | None]:
        return {key: limit + 1 for key in wanted}


def test_a_lockfile_over_the_context_limit_is_named_and_the_manifest_judged_without_it() -> None:
    pack = load_pack(builtin_pack_dir())
    changes = ChangeSet((Change("web/package.json", "A", PACKAGE, None),), (), _Oversized())
    checked = run(changes, pack)
    assert [(f.line, f.rule) for f in checked.findings] == [
        (5, "pins.npm.range-without-lock"),
        (6, "pins.npm.range-without-lock"),
    ]
    assert (
        f"web/package-lock.json: not read for the pins check, larger than {CONTEXT_LIMIT} bytes"
        in "\n".join(checked.warnings)
    )


def test_fix_pins_turns_npm_install_into_npm_ci_in_ci_scripts(repo: Repo) -> None:
    workflow = (
        WORKFLOW.replace("@v4\n", "@" + "b" * 40 + " # v4\n")
        + "      - run: |\n          npm install\n          npm install left-pad@1.3.0\n"
    )
    repo.stage(".github/workflows/ci.yml", workflow)
    assert found(pins(repo)) == []  # the default profile leaves it alone
    run = tollgate("fix", "pins", "--profile", "strict", cwd=repo.path)
    assert run.code == 0, run.out + run.err
    assert "pins.shell.lockfile-not-enforced: fixed: `npm install` -> `npm ci`" in run.out
    fixed = (repo.path / ".github/workflows/ci.yml").read_text()
    assert fixed.endswith("          npm ci\n          npm install left-pad@1.3.0\n")


def test_a_manifest_commit_never_imports_heavy_modules(repo: Repo) -> None:
    """PyYAML, tomli, gitpython and detect-secrets stay out of a commit of manifests (once the
    per-user cache holds the parsed pack: the first run parses the rule files with them)."""
    repo.stage(".github/workflows/ci.yml", WORKFLOW)
    repo.stage("web/package.json", PACKAGE)
    repo.stage("web/package-lock.json", IN_SYNC)
    repo.stage("pyproject.toml", '[project]\nname = "app"\ndependencies = ["requests>=2"]\n')
    repo.stage("Dockerfile", "FROM python:3.12\nRUN pip install flask\n")
    assert pins(repo).code == 1  # fills the pack cache
    code = (
        "import sys\nfrom tollgate.cli import main\ncode = main(['scan', '--checks', 'pins'])\n"
        "heavy = {'git', 'yaml', 'tomli', 'detect_secrets', 'requests'} & set(sys.modules)\n"
        "print(sorted(heavy), file=sys.stderr)\nsys.exit(code)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=repo.path, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == "[]"


def test_a_root_lockfile_change_judges_the_workspace_members_it_records(repo: Repo) -> None:
    member = '{\n  "name": "a",\n  "dependencies": {\n    "lodash": "^4.17.0"\n  }\n}\n'

    def root_lock(*installed: str) -> str:
        packages: dict[str, object] = {
            "": {"name": "mono", "workspaces": ["packages/*"]},
            "packages/a": {"name": "a", "dependencies": {"lodash": "^4.17.0"}},
            "node_modules/a": {"resolved": "packages/a", "link": True},
        }
        for name in installed:
            packages[f"node_modules/{name}"] = {"version": "4.17.21"}
        document = {"name": "mono", "lockfileVersion": 3, "packages": packages}
        return json.dumps(document, indent=2) + "\n"

    repo.stage("package.json", '{\n  "name": "mono",\n  "workspaces": ["packages/*"]\n}\n')
    repo.stage("packages/a/package.json", member)
    repo.stage("package-lock.json", root_lock("lodash"))
    repo.commit()
    repo.stage("package-lock.json", root_lock())
    assert [f[:3] for f in found(pins(repo))] == [
        ("packages/a/package.json", 4, "pins.npm.out-of-sync")
    ]


def test_a_constraints_file_anywhere_in_the_repository_freezes_ranges(repo: Repo) -> None:
    repo.stage("constraints/prod.txt", "requests==2.32.3\nidna==3.7\n")
    repo.stage(
        "services/api/requirements.txt", "-c ../../constraints/prod.txt\nrequests>=2.31\nflask\n"
    )
    # requests is frozen by the constraints file; flask floats; the file is read from the index.
    repo.write("constraints/prod.txt", "idna==3.7\n")
    assert [f[:3] for f in found(pins(repo))] == [
        ("services/api/requirements.txt", 3, "pins.requirements.unpinned")
    ]


def test_a_root_uv_lock_change_judges_the_workspace_members_it_records(repo: Repo) -> None:
    def uv_lock(*packages: str) -> str:
        blocks = [
            'version = 1\nrequires-python = ">=3.11"\n\n[manifest]\nmembers = ["a", "mono"]\n',
            '[[package]]\nname = "a"\nversion = "0.1.0"\nsource = { editable = "packages/a" }\n',
            '[[package]]\nname = "mono"\nversion = "0.1.0"\nsource = { virtual = "." }\n',
        ]
        blocks += [
            f'[[package]]\nname = "{name}"\nversion = "2.32.3"\n'
            'source = { registry = "https://pypi.org/simple" }\n'
            for name in packages
        ]
        return "\n".join(blocks)

    repo.stage(
        "pyproject.toml",
        '[project]\nname = "mono"\nversion = "0.1.0"\n\n'
        '[tool.uv.workspace]\nmembers = ["packages/*"]\n',
    )
    repo.stage(
        "packages/a/pyproject.toml",
        '[project]\nname = "a"\nversion = "0.1.0"\ndependencies = ["requests>=2.31"]\n',
    )
    repo.stage("uv.lock", uv_lock("requests"))
    repo.commit()
    assert found(pins(repo, "--all-files")) == []
    repo.stage("uv.lock", uv_lock())
    assert [f[:3] for f in found(pins(repo))] == [
        ("packages/a/pyproject.toml", 4, "pins.pyproject.missing-from-lock")
    ]


def test_a_json_finding_suggests_the_allow_list_not_a_comment(repo: Repo) -> None:
    repo.stage("web/package.json", PACKAGE.replace('"^1.3.0"', '"*"'))
    run = tollgate("scan", "--checks", "pins", cwd=repo.path)
    assert run.code == 1
    assert "suppress: JSON has no comments: add the name to `[pins] allow" in run.out
    assert "tollgate: ignore[pins.npm" not in run.out
