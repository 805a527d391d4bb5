"""pip requirements files, constraints files and pip-compile inputs. The judgement is tested
directly for the syntax cases; real repositories for what a commit is responsible for, the strict
profile and malformed files."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Repo, tollgate
from tollgate.checks.pins.ecosystems import requirements
from tollgate.checks.pins.model import Files, Note, Ref
from tollgate.checks.pins.reqsets import locked_version, pinned_versions
from tollgate.pack.model import PinSettings

SHA = "0123456789abcdef0123456789abcdef01234567"
HASH = "--hash=sha256:" + "ab" * 32


def run(
    text: str, path: str = "requirements.txt", others: dict[str, str] | None = None
) -> tuple[list[Ref], list[Note]]:
    files = {p: None for p in requirements.context(path)} | (others or {})
    analysis = requirements.analyse(Files(path, text, files), PinSettings())
    return analysis.refs, analysis.notes


STRICT = frozenset({"missing-hash", "vcs-tag"})


def found(
    text: str,
    path: str = "requirements.txt",
    others: dict[str, str] | None = None,
    strict: bool = False,
) -> list[tuple[str, int]]:
    """(kind, line) of each ref the profile keeps (the runner drops strict kinds by default)."""
    refs, notes = run(text, path, others)
    assert notes == []
    kinds = [(r.rule.removeprefix("pins.requirements."), r.line) for r in refs]
    return [k for k in kinds if strict or k[0] not in STRICT]


# ---- which files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "manifests"),
    [
        ("requirements.txt", ("requirements.txt", "requirements.in")),
        ("requirements-dev.txt", ("requirements-dev.txt", "requirements-dev.in")),
        ("a/dev-requirements.txt", ("a/dev-requirements.txt", "a/dev-requirements.in")),
        ("requirements/base.txt", ("requirements/base.txt", "requirements/base.in")),
        ("requirements.in", ("requirements.in",)),
        ("requirements/dev.in", ("requirements/dev.in",)),
        ("dev-requirements.in", ("dev-requirements.in",)),
        ("constraints.txt", ("constraints.txt", "requirements.txt", "requirements.in")),
        ("ci/constraints-py311.txt",
         ("ci/constraints-py311.txt", "ci/requirements.txt", "ci/requirements.in")),
        ("MANIFEST.in", ()),
        ("notes.txt", ()),
        ("requirements/README.txt", ()),
        ("requirements.txt.bak", ()),
        ("requirements.py", ()),
    ],
)  # fmt: skip
def test_manifests(path: str, manifests: tuple[str, ...]) -> None:
    assert requirements.manifests(path) == manifests


def test_context_is_the_usual_constraints_and_compiled_files() -> None:
    assert requirements.context("requirements.txt") == ("constraints.txt",)
    assert requirements.context("requirements-dev.txt") == ("constraints.txt", "requirements.txt")
    assert requirements.context("requirements/dev.in") == (
        "requirements/constraints.txt", "requirements/requirements.txt", "constraints.txt",
        "requirements/dev.txt",
    )  # fmt: skip


# ---- what floats ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("requests", "unpinned"),
        ("requests>=2.31", "unpinned"),
        ("requests~=2.31", "unpinned"),
        ("requests<3", "unpinned"),
        ("requests!=2.30", "unpinned"),
        ("requests==2.*", "unpinned"),
        ("requests[socks]>=2 ; python_version >= '3.8'", "unpinned"),
        ("requests (>=2.31)", "unpinned"),
        ("requests==2.32.3", None),
        ("requests===2.32.3", None),
        ("requests == 2.32.3 ; sys_platform == 'linux'", None),
        ("git+https://github.com/o/tool@main#egg=tool", "vcs-branch"),
        ("git+https://github.com/o/tool#egg=tool", "vcs-branch"),
        ("-e git+https://github.com/o/tool.git@develop#egg=tool", "vcs-branch"),
        ("tool @ git+https://github.com/o/tool@abc1234", "vcs-branch"),
        ("tool @ git+ssh://git@github.com/o/tool.git@feature/x", "vcs-branch"),
        ("tool @ git+https://github.com/o/tool@1.4.x", "vcs-branch"),
        ("tool @ git+https://github.com/o/tool@v1.2.3", None),  # strict only
        (f"tool @ git+https://github.com/o/tool@{SHA}", None),
        (f"-e git+https://github.com/o/tool@{SHA}#egg=tool", None),
        ("https://example.com/pkg-1.0.tar.gz", None),  # default: one file
        ("pkg @ https://example.com/pkg-1.0.tar.gz", None),
        ("-e .", None),
        ("-e ./plugins/x", None),
        ("-e path/to/pkg", None),
        (".", None),
        ("./vendor/pkg-1.0-py3-none-any.whl", None),
        ("../lib", None),
        ("/opt/wheels/x.whl", None),
        ("file:///opt/pkg", None),
        ("pkg @ file:///opt/pkg", None),
        ("pkg-1.0-py3-none-any.whl", None),
        ("# requests>=2", None),
        ("   # requests", None),
        ("--index-url https://pypi.org/simple", None),
        ("--extra-index-url https://example.com/simple", None),
        ("--find-links ./wheels", None),
        ("-r base.txt", None),
        ("--pre", None),
    ],
)
def test_each_form_of_a_requirement(line: str, kind: str | None) -> None:
    assert found(line + "\n") == ([(kind, 1)] if kind else [])


def test_exact_position_text_and_name() -> None:
    refs, _ = run("# deps\n  Requests_Toolbelt>=1.0  # why\n")
    (ref,) = refs
    assert (ref.line, ref.column, ref.text, ref.name) == (2, 3, "Requests_Toolbelt>=1.0",
                                                          "requests-toolbelt")  # fmt: skip
    assert "`Requests_Toolbelt>=1.0` is a range" in ref.detail
    assert ref.lock is False


def test_a_credential_in_a_vcs_url_never_reaches_the_message_or_fix() -> None:
    password = "hunter" + "2"  # built here, so no scanner sees a credential in this file
    refs, _ = run(f"tool @ git+https://user:{password}@git.example.com/o/tool@main\n")
    (ref,) = refs
    assert "hunter2" not in ref.detail + ref.fix


def test_a_malformed_line_is_a_note_and_the_rest_is_still_judged() -> None:
    refs, notes = run("requests>=2\n!!! not a requirement\nflask\n")
    assert [(r.rule, r.line) for r in refs] == [
        ("pins.requirements.unpinned", 1), ("pins.requirements.unpinned", 3),
    ]  # fmt: skip
    assert notes == [Note("requirements.txt", 2, "not a requirement pip can read: '!!! not a "
                                                 "requirement'")]  # fmt: skip


# ---- constraints -------------------------------------------------------------------------------


def test_a_constraints_file_pin_freezes_a_range() -> None:
    text = "-c constraints.txt\nrequests>=2.31\nflask\npytest>=8\n"
    constraints = "requests==2.32.3\nFlask==3.0.3\npytest>=7\n"
    refs, _ = run(text, others={"constraints.txt": constraints})
    refs = [r for r in refs if r.rule == "pins.requirements.unpinned"]
    assert [(r.line, r.lock) for r in refs] == [(4, True)]
    assert "`constraints.txt` constrains it without pinning one version" in refs[0].detail


def test_constraint_paths_are_relative_to_the_including_file() -> None:
    text = "-c ../constraints.txt\nrequests>=2.31\n"
    assert (
        found(text, "requirements/base.txt", others={"constraints.txt": "requests==2.32.3\n"}) == []
    )
    assert found(text, "requirements/base.txt") == [("unpinned", 2)]


def test_a_constraints_file_that_was_not_read_is_named() -> None:
    refs, _ = run("-c ci/pins.txt\nrequests>=2.31\n")
    (ref,) = refs
    assert "does not read `-c ci/pins.txt`" in ref.detail
    refs, _ = run("-c https://example.com/constraints.txt\nrequests\n")
    assert "does not read" in refs[0].detail


def test_a_constraints_file_is_not_judged_for_ranges() -> None:
    text = f"requests>=2\nurllib3<3\ntool @ git+https://github.com/o/tool@main\nx @ git+https://github.com/o/x@{SHA}\n"
    assert found(text, "constraints.txt") == [("vcs-branch", 3)]


def test_the_version_another_file_pins_is_the_fix_and_the_edit() -> None:
    text = "requests[socks] >= 2.31 ; python_version > '3'\npytest\n"
    refs, _ = run(text, "requirements-dev.txt", {"requirements.txt": "requests==2.32.3\n"})
    first, second = refs
    assert first.fix == "pin it: `requests==2.32.3` (the version `requirements.txt` pins)"
    assert first.edit == ("requests[socks] >= 2.31", "requests[socks]==2.32.3")
    assert second.edit is None
    assert "pytest==X.Y.Z" in second.fix


def test_pinned_and_locked_versions_of_the_files_read_alongside() -> None:
    text = f"Requests==2.32.3 {HASH}\nflask>=3\nidna==3.*\n-e .\n"
    assert pinned_versions(text) == {"requests": "2.32.3"}
    files = Files("requirements-dev.txt", "", {"requirements.txt": text, "constraints.txt": None})
    assert locked_version("REQUESTS", files) == ("2.32.3", "requirements.txt")
    assert locked_version("flask", files) is None


# ---- pip-compile pairs ------------------------------------------------------------------------

COMPILED = f"""\
#
# This file is autogenerated by pip-compile
#
django==4.2.11 \\
    {HASH}
    # via -r requirements.in
requests==2.32.3
tool @ git+https://github.com/o/tool@{SHA}
-e file:///home/dev/project
"""


def test_a_compiled_input_asks_only_that_each_name_is_compiled() -> None:
    text = (
        "Django>=4.2\nrequests\ntool @ git+https://github.com/o/tool@main\nrich>=13\n"
        "pywin32 ; sys_platform == 'win32'\ngit+https://github.com/o/unnamed@main\n-e .\n"
        "-r base.in\n-c constraints.txt\n"
    )
    refs, _ = run(text, "requirements.in", others={"requirements.txt": COMPILED})
    assert [(r.rule, r.line, r.lock) for r in refs] == [
        ("pins.requirements.missing-from-lock", 4, True),
    ]
    assert "re-run `pip-compile requirements.in`" in refs[0].fix


def test_an_input_without_its_compiled_file_floats() -> None:
    refs, _ = run("requests>=2\n", "requirements/dev.in")
    (ref,) = refs
    assert ref.rule == "pins.requirements.unpinned"
    assert "no compiled `dev.txt` sits beside this file" in ref.detail
    assert ref.fix.startswith("compile it: `pip-compile dev.in`")


# ---- hashes -----------------------------------------------------------------------------------


def test_one_hash_puts_the_whole_file_in_hash_checking_mode() -> None:
    text = (
        f"certifi==2024.7.4 \\\n    {HASH}\nidna==3.7\nurllib3>=2\n"
        "https://example.com/p-1.0.tar.gz\n"
        f"https://example.com/q-1.0.tar.gz#sha256={'cd' * 32}\n-e .\n"
    )
    assert found(text) == [("partial-hashes", 3), ("unpinned", 4), ("partial-hashes", 5)]


def test_require_hashes_option() -> None:
    assert found("--require-hashes\nidna==3.7\n") == [("partial-hashes", 2)]


def test_strict_kinds_are_reported_for_the_runner_to_filter() -> None:
    text = (
        "idna==3.7\nhttps://example.com/p-1.0.tar.gz\n"
        "tool @ git+https://github.com/o/tool@v1.2.3\n"
        f"ok==1.0 {HASH}\n"
    )
    assert found(text.replace(f"ok==1.0 {HASH}\n", ""), strict=True) == [
        ("missing-hash", 1), ("missing-hash", 2), ("vcs-tag", 3),
    ]  # fmt: skip


def test_a_frozen_range_still_needs_a_hash_in_strict() -> None:
    refs, _ = run(
        "-c constraints.txt\nrequests>=2\n", others={"constraints.txt": "requests==2.32.3\n"}
    )
    assert [(r.rule, r.line) for r in refs] == [("pins.requirements.missing-hash", 2)]


def test_a_floating_requirement_is_reported_once() -> None:
    assert found("requests>=2\n") == [("unpinned", 1)]  # not also missing-hash


# ---- end to end -------------------------------------------------------------------------------

Finding = tuple[str, int, str, str]
UNPINNED = ("pins.requirements.unpinned", "medium")


def scan(repo: Repo) -> tuple[list[Finding], str]:
    result = tollgate("scan", "--checks", "pins", "--format", "json", cwd=repo.path)
    assert result.code in (0, 1), result.err
    assert "Traceback" not in result.err
    report = json.loads(result.out)
    findings = [(f["path"], f["line"], f["rule"], f["severity"]) for f in report["findings"]]
    assert result.code == (1 if any(f["blocking"] for f in report["findings"]) else 0)
    return findings, result.err


def test_a_new_requirements_file_reports_each_floating_line(repo: Repo) -> None:
    text = "requests>=2.31\nflask==3.0.3\ntool @ git+https://github.com/o/tool@main\n"
    repo.stage("requirements.txt", text)
    findings, _ = scan(repo)
    assert findings == [
        ("requirements.txt", 1, *UNPINNED),
        ("requirements.txt", 3, "pins.requirements.vcs-branch", "high"),
    ]


def test_only_the_lines_a_commit_adds_are_reported(repo: Repo) -> None:
    repo.stage("requirements.txt", "requests>=2.31\nflask==3.0.3\n")
    repo.commit()
    repo.stage("requirements.txt", "requests>=2.31\nflask==3.0.3\nrich\n")
    repo.write("requirements.txt", "requests>=2.31\nflask==3.0.3\nrich\nunstaged>=1\n")
    findings, _ = scan(repo)
    assert findings == [("requirements.txt", 3, *UNPINNED)]
    assert repo.git("status", "--porcelain") == "MM requirements.txt\n"


def test_a_compiled_file_change_reports_the_input_it_leaves_out_of_sync(repo: Repo) -> None:
    repo.stage("requirements.in", "requests\nrich\n")
    repo.stage("requirements.txt", "requests==2.32.3\nrich==13.7.1\n")
    repo.commit()
    # Re-compiled: a version moved, rich is gone. (A change that only deletes lines is not in
    # the change set at all: the framework drops changes that add nothing.)
    repo.stage("requirements.txt", "requests==2.32.4\n")
    findings, _ = scan(repo)
    assert findings == [("requirements.in", 2, "pins.requirements.missing-from-lock", "medium")]


def test_a_constraints_change_that_unpins_a_range_is_reported(repo: Repo) -> None:
    repo.stage("requirements.txt", "-c constraints.txt\nrequests>=2.31\n")
    repo.stage("constraints.txt", "requests==2.32.3\n")
    repo.commit()
    assert scan(repo)[0] == []
    repo.stage("constraints.txt", "requests>=2.32\n")
    findings, _ = scan(repo)
    assert findings == [("requirements.txt", 2, *UNPINNED)]


def test_the_strict_profile_asks_for_hashes(repo: Repo) -> None:
    repo.stage("requirements.txt", f"flask==3.0.3\nidna==3.7 {HASH}\n")
    repo.commit()
    repo.stage("requirements.txt", f"flask==3.0.3\nidna==3.7 {HASH}\nrich==13.7.1\n")
    assert scan(repo)[0] == [("requirements.txt", 3, "pins.requirements.partial-hashes",
                              "medium")]  # fmt: skip
    repo.stage("requirements.txt", "flask==3.0.3\ncertifi==2024.7.4\n")
    assert scan(repo)[0] == []
    repo.write(".tollgate.toml", '[pins]\nprofile = "strict"\n')
    assert scan(repo)[0] == [("requirements.txt", 2, "pins.requirements.missing-hash", "low")]


def test_inline_suppression(repo: Repo) -> None:
    repo.stage("requirements.txt",
               "# tollgate: ignore[pins.requirements.unpinned] internal mirror pins it\n"
               "requests>=2.31\nflask\n")  # fmt: skip
    assert scan(repo)[0] == [("requirements.txt", 3, *UNPINNED)]


def test_a_malformed_line_is_a_warning(repo: Repo) -> None:
    repo.stage("requirements.txt", "requests==2.32.3\n<<<<<<< HEAD\n")
    findings, err = scan(repo)
    assert findings == []
    assert "tollgate: warning: requirements.txt:2: not a requirement pip can read" in err
    assert len([line for line in err.splitlines() if "requirements.txt" in line]) == 1
