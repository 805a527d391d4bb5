"""pyproject.toml: PEP 621 / PEP 735 dependencies, Poetry, uv sources and build requirements,
judged with the uv.lock or poetry.lock beside it (or above it, for a uv workspace member)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Repo, tollgate
from tollgate.checks.pins.ecosystems import pyproject
from tollgate.checks.pins.model import Files, Note, Ref
from tollgate.pack.model import PinSettings

SHA = "0123456789abcdef0123456789abcdef01234567"
STRICT = frozenset({"vcs-tag", "build-unpinned"})


def run(
    text: str,
    path: str = "pyproject.toml",
    others: dict[str, str] | None = None,
    project: str = "auto",
) -> tuple[list[Ref], list[Note]]:
    files = {p: None for p in pyproject.context(path)} | (others or {})
    analysis = pyproject.analyse(Files(path, text, files), PinSettings(project=project))
    return analysis.refs, analysis.notes


def found(
    text: str,
    path: str = "pyproject.toml",
    others: dict[str, str] | None = None,
    project: str = "auto",
    strict: bool = False,
) -> list[tuple[str, int]]:
    refs, notes = run(text, path, others, project)
    assert notes == []
    kinds = [(r.rule.removeprefix("pins.pyproject."), r.line) for r in refs]
    return [k for k in kinds if strict or k[0] not in STRICT]


def lock(*names: str, version: str = "1.0.0") -> str:
    return "version = 1\n\n" + "".join(
        f'[[package]]\nname = "{n}"\nversion = "{version}"\nsource = {{ registry = "x" }}\n\n'
        for n in names
    )


def project(*deps: str, name: str = "app") -> str:
    body = "".join(f"    {json.dumps(d)},\n" for d in deps)
    return f'[project]\nname = "{name}"\nversion = "1.0.0"\ndependencies = [\n{body}]\n'


# ---- which files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "manifests"),
    [
        ("pyproject.toml", ("pyproject.toml",)),
        ("a/b/pyproject.toml", ("a/b/pyproject.toml",)),
        ("uv.lock", ("pyproject.toml",)),
        ("a/poetry.lock", ("a/pyproject.toml",)),
        ("pyproject.toml.orig", ()),
        ("Pipfile.lock", ()),
    ],
)
def test_manifests(path: str, manifests: tuple[str, ...]) -> None:
    assert pyproject.manifests(path) == manifests


def test_context_is_the_locks_beside_and_every_uv_lock_above() -> None:
    assert pyproject.context("pyproject.toml") == ("uv.lock", "poetry.lock")
    assert pyproject.context("packages/a/pyproject.toml") == (
        "packages/a/uv.lock", "packages/a/poetry.lock", "packages/uv.lock", "uv.lock",
    )  # fmt: skip


# ---- library or application -------------------------------------------------------------------


def test_a_library_without_a_lock_keeps_its_ranges() -> None:
    assert found(project("requests>=2.31", "flask", "attrs==23.2.0")) == []


def test_an_application_without_a_lock_floats() -> None:
    text = project("requests>=2.31", "flask", "attrs==23.2.0", "numpy==1.*")
    assert found(text, project="application") == [("unpinned", 5), ("unpinned", 6),
                                                  ("unpinned", 8)]  # fmt: skip


def test_the_config_can_force_a_library() -> None:
    text = '[dependency-groups]\ndev = ["pytest>=8"]\n'
    assert found(text) == [("unpinned", 2)]  # no [project]: an application
    assert found(text, project="library") == []


@pytest.mark.parametrize(
    "marker", ["[tool.poetry]\npackage-mode = false\n", "[tool.uv]\npackage = false\n"]
)
def test_a_project_that_is_not_a_package_is_an_application(marker: str) -> None:
    assert found(project("requests>=2") + marker) == [("unpinned", 5)]


def test_exact_position_and_text_of_an_array_item() -> None:
    refs, _ = run(
        '[project]\nname = "x"\ndependencies = ["a", "b>=1"]  # c\n', project="application"
    )
    assert [(r.line, r.column, r.text, r.name) for r in refs] == [
        (3, 17, '"a"', "a"), (3, 22, '"b>=1"', "b"),
    ]  # fmt: skip


def test_optional_dependencies_groups_and_uv_dev_dependencies() -> None:
    text = (
        '[project]\nname = "app"\n\n[project.optional-dependencies]\ncli = ["click>=8"]\n\n'
        '[dependency-groups]\ntest = ["pytest", { include-group = "lint" }]\nlint = ["ruff"]\n\n'
        '[tool.uv]\ndev-dependencies = ["ipython"]\n'
    )
    assert found(text, project="application") == [
        ("unpinned", 5), ("unpinned", 8), ("unpinned", 9), ("unpinned", 12),
    ]  # fmt: skip


def test_uv_constraints_and_the_project_itself_are_not_floating() -> None:
    text = project("requests>=2", "app[cli]") + (
        '\n[tool.uv]\nconstraint-dependencies = ["requests==2.32.3"]\n'
    )
    assert found(text, project="application") == []


# ---- VCS --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dep", "kind"),
    [
        ("x @ git+https://github.com/o/x@main", "vcs-branch"),
        ("x @ git+https://github.com/o/x", "vcs-branch"),
        ("x @ git+https://github.com/o/x@abc1234", "vcs-branch"),
        ("x @ git+https://github.com/o/x@v1.0.0", "vcs-tag"),
        (f"x @ git+https://github.com/o/x@{SHA}", None),
        ("x @ https://example.com/x-1.0.tar.gz", None),
        ("x @ file:///opt/x", None),
    ],
)
def test_pep508_urls_in_a_library(dep: str, kind: str | None) -> None:
    assert found(project(dep), strict=True) == ([(kind, 5)] if kind else [])


@pytest.mark.parametrize(
    ("table", "kind"),
    [
        ('{ git = "https://github.com/o/x.git", branch = "main" }', "vcs-branch"),
        ('{ git = "https://github.com/o/x.git", branch = "v1.0.0" }', "vcs-branch"),
        ('{ git = "https://github.com/o/x.git" }', "vcs-branch"),
        ('{ git = "https://github.com/o/x.git", rev = "develop" }', "vcs-branch"),
        ('{ git = "https://github.com/o/x.git", tag = "v1.0.0" }', "vcs-tag"),
        ('{ git = "https://github.com/o/x.git", rev = "1.2.3" }', "vcs-tag"),
        (f'{{ git = "https://github.com/o/x.git", rev = "{SHA}" }}', None),
        ('{ path = "../x", develop = true }', None),
        ('{ url = "https://example.com/x-1.0.tar.gz" }', None),
    ],
)
def test_poetry_and_uv_git_tables(table: str, kind: str | None) -> None:
    poetry = f'[tool.poetry]\nname = "lib"\n[tool.poetry.dependencies]\nx = {table}\n'
    assert found(poetry, strict=True) == ([(kind, 4)] if kind else [])
    uv = project("x", name="lib") + f"[tool.uv.sources]\nx = {table}\n"
    assert found(uv, strict=True) == ([(kind, 8)] if kind else [])


def test_a_git_table_reports_the_line_of_its_ref() -> None:
    text = (
        '[tool.poetry]\nname = "lib"\n\n[tool.poetry.group.dev.dependencies.x]\n'
        'git = "https://github.com/o/x.git"\nbranch = "next"\n'
    )
    refs, _ = run(text)
    assert [(r.rule, r.line, r.text) for r in refs] == [
        ("pins.pyproject.vcs-branch", 6, 'branch = "next"'),
    ]


def test_uv_sources_as_a_list_with_markers() -> None:
    text = project("x", name="lib") + (
        "[tool.uv.sources]\nx = [\n"
        '  { git = "https://github.com/o/x", branch = "main",\n'
        "    marker = \"sys_platform == 'linux'\" },\n"
        '  { index = "pytorch", marker = "sys_platform == \'win32\'" },\n]\n'
    )
    assert found(text) == [("vcs-branch", 9)]


# ---- Poetry versions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "library", "application"),
    [
        ('"*"', "unpinned", "unpinned"),
        ('{ version = "*", optional = true }', "unpinned", "unpinned"),
        ('"^2.31"', None, "unpinned"),
        ('"~2.31"', None, "unpinned"),
        ('">=2,<3"', None, "unpinned"),
        ('"2.*"', None, "unpinned"),
        ('"2.32.3"', None, None),
        ('"==2.32.3"', None, None),
        ('{ version = "2.32.3", extras = ["socks"] }', None, None),
        ('{ source = "private" }', None, None),
    ],
)
def test_poetry_versions(version: str, library: str | None, application: str | None) -> None:
    head = '[tool.poetry]\nname = "x"\n\n[tool.poetry.dependencies]\npython = "^3.10"\n'
    text = f"{head}r = {version}\n"
    assert found(text) == ([(library, 6)] if library else [])
    assert found(text, project="application") == ([(application, 6)] if application else [])


def test_poetry_multiple_constraints() -> None:
    text = (
        '[tool.poetry]\nname = "x"\n[tool.poetry.dependencies]\nnumpy = [\n'
        '  { version = "<=1.9", python = "<3.8" },\n  { version = "*", python = ">=3.8" },\n]\n'
    )
    assert found(text) == [("unpinned", 6)]


# ---- lockfiles --------------------------------------------------------------------------------


def test_a_uv_lock_freezes_everything_it_holds() -> None:
    text = project("requests>=2", "tool @ git+https://github.com/o/tool@main", "rich") + (
        '\n[dependency-groups]\ndev = ["pytest"]\n'
    )
    others = {"uv.lock": lock("app", "requests", "tool", "pytest")}
    refs, _ = run(text, others=others, project="application")
    assert [(r.rule, r.line, r.lock) for r in refs] == [
        ("pins.pyproject.missing-from-lock", 7, True),
    ]
    assert refs[0].fix == "run `uv lock` and commit `uv.lock`"


def test_a_poetry_lock_for_a_poetry_project() -> None:
    text = (
        '[tool.poetry]\nname = "app"\n[tool.poetry.dependencies]\npython = "^3.11"\n'
        'A_b = "*"\nc = "^1"\n'
    )
    refs, _ = run(text, others={"poetry.lock": lock("a-b")})
    assert [(r.rule, r.line) for r in refs] == [("pins.pyproject.missing-from-lock", 6)]
    assert "poetry lock" in refs[0].fix


def test_build_requirements_are_never_in_the_lock() -> None:
    text = '[build-system]\nrequires = ["hatchling"]\n' + project("requests")
    assert found(text, others={"uv.lock": lock("app", "requests")}) == []
    assert found(text, others={"uv.lock": lock("app", "requests")}, strict=True) == [
        ("build-unpinned", 2),
    ]


def test_build_constraints_pin_build_requirements() -> None:
    text = (
        '[build-system]\nrequires = ["setuptools>=61", "wheel==0.44.0"]\n\n'
        '[tool.uv]\nbuild-constraint-dependencies = ["setuptools==75.1.0"]\n'
    )
    assert found(text, strict=True) == []


def test_a_vcs_build_requirement_on_a_branch_floats_in_default() -> None:
    text = '[build-system]\nrequires = ["backend @ git+https://github.com/o/backend@main"]\n'
    assert found(text) == [("vcs-branch", 2)]


def test_a_workspace_member_uses_the_root_lock_that_holds_it() -> None:
    member = project("anyio>=4", "httpx", name="member")
    others = {"uv.lock": lock("member", "anyio")}
    refs, _ = run(member, "packages/member/pyproject.toml", others, "application")
    assert [(r.rule, r.line) for r in refs] == [("pins.pyproject.missing-from-lock", 6)]
    others = {"uv.lock": lock("someone-else", "anyio")}
    refs, _ = run(member, "packages/member/pyproject.toml", others, "application")
    assert [(r.rule, r.line) for r in refs] == [
        ("pins.pyproject.unpinned", 5), ("pins.pyproject.unpinned", 6),
    ]  # fmt: skip


def test_malformed_toml_is_a_note() -> None:
    refs, notes = run('[project]\nname = "x"\ndependencies = ["a",\n[tool.x]\n')
    assert refs == []
    assert notes == [Note("pyproject.toml", 4, "invalid TOML: invalid value 'tool.x'")]


def test_a_malformed_requirement_is_a_note() -> None:
    refs, notes = run(project("requests>>2", "flask"), project="application")
    assert [(r.rule, r.line) for r in refs] == [("pins.pyproject.unpinned", 6)]
    assert notes == [Note("pyproject.toml", 5, "not a PEP 508 requirement: 'requests>>2'")]


# ---- end to end -------------------------------------------------------------------------------

Finding = tuple[str, int, str, str]


def scan(repo: Repo) -> tuple[list[Finding], str]:
    result = tollgate("scan", "--checks", "pins", "--format", "json", cwd=repo.path)
    assert result.code in (0, 1), result.err
    assert "Traceback" not in result.err
    report = json.loads(result.out)
    findings = [(f["path"], f["line"], f["rule"], f["severity"]) for f in report["findings"]]
    assert result.code == (1 if any(f["blocking"] for f in report["findings"]) else 0)
    return findings, result.err


def test_a_poetry_star_and_a_branch_in_a_new_pyproject(repo: Repo) -> None:
    text = (
        '[tool.poetry]\nname = "lib"\n\n[tool.poetry.dependencies]\npython = "^3.10"\n'
        'requests = "^2.31"\nanything = "*"\n'
        'helper = { git = "https://github.com/o/helper.git", branch = "main" }\n'
    )
    repo.stage("pyproject.toml", text)
    assert scan(repo)[0] == [
        ("pyproject.toml", 7, "pins.pyproject.unpinned", "medium"),
        ("pyproject.toml", 8, "pins.pyproject.vcs-branch", "high"),
    ]


def test_a_uv_lock_only_change_reports_what_it_leaves_out(repo: Repo) -> None:
    repo.stage("pyproject.toml", project("requests>=2.31", "rich>=13"))
    repo.stage("uv.lock", lock("app", "requests", "rich"))
    repo.commit()
    assert scan(repo)[0] == []
    repo.stage("uv.lock", lock("app", "requests", version="1.0.1"))
    assert scan(repo)[0] == [("pyproject.toml", 6, "pins.pyproject.missing-from-lock", "medium")]


def test_only_added_lines_and_the_application_setting(repo: Repo) -> None:
    repo.stage("pyproject.toml", project("requests>=2.31"))
    repo.commit()
    repo.stage("pyproject.toml", project("requests>=2.31", "flask"))
    assert scan(repo)[0] == []  # a library
    repo.write(".tollgate.toml", '[pins]\nproject = "application"\n')
    assert scan(repo)[0] == [("pyproject.toml", 6, "pins.pyproject.unpinned", "medium")]


def test_the_strict_profile_judges_build_requirements(repo: Repo) -> None:
    repo.stage("pyproject.toml", '[build-system]\nrequires = ["setuptools>=61"]\n' + project("x"))
    assert scan(repo)[0] == []
    repo.write(".tollgate.toml", '[pins]\nprofile = "strict"\n')
    assert scan(repo)[0] == [("pyproject.toml", 2, "pins.pyproject.build-unpinned", "low")]


def test_malformed_pyproject_is_a_warning(repo: Repo) -> None:
    repo.stage("pyproject.toml", '[project]\nname = "x"\ndependencies = [\n')
    findings, err = scan(repo)
    assert findings == []
    assert "tollgate: warning: pyproject.toml:4: invalid TOML: expected a value\n" in err
