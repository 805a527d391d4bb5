"""setup.cfg: a package's declared requirements; only VCS branches float in default."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Repo, tollgate
from tollgate.checks.pins.ecosystems import setupcfg
from tollgate.checks.pins.model import Files, Note, Ref
from tollgate.pack.model import PinSettings

SHA = "0123456789abcdef0123456789abcdef01234567"


def run(text: str) -> tuple[list[Ref], list[Note]]:
    analysis = setupcfg.analyse(Files("setup.cfg", text, {}), PinSettings())
    return analysis.refs, analysis.notes


def found(text: str) -> list[tuple[str, int, int]]:
    refs, notes = run(text)
    assert notes == []
    return [(r.rule.removeprefix("pins.setupcfg."), r.line, r.column) for r in refs]


def test_manifests() -> None:
    assert setupcfg.manifests("setup.cfg") == ("setup.cfg",)
    assert setupcfg.manifests("pkg/setup.cfg") == ("pkg/setup.cfg",)
    assert setupcfg.manifests("setup.cfg.in") == ()
    assert setupcfg.context("setup.cfg") == ()


def test_multi_line_values_comments_and_keys() -> None:
    text = (
        "[metadata]\nname = x\n\n[options]\ninstall_requires =\n"
        "    requests>=2.31\n"
        "    a @ git+https://github.com/o/a@main\n"
        "    # b @ git+https://github.com/o/b@main\n"
        "; c @ git+https://github.com/o/c@main\n"
        "\n"
        f"    d @ git+https://github.com/o/d@{SHA}\n"
        "    e @ git+https://github.com/o/e@v1.0.0  # a comment\n"
        "python_requires = >=3.9\n"
        "tests_require: f @ git+https://github.com/o/f\n"
        "\n[options.extras_require]\n"
        "dev = g @ git+https://github.com/o/g@dev\n"
        "docs =\n    sphinx\n    h @ hg+https://hg.example.com/h@default\n"
        "\n[flake8]\nx = i @ git+https://github.com/o/i@main\n"
    )
    assert found(text) == [
        ("vcs-branch", 7, 5), ("vcs-tag", 12, 5), ("vcs-branch", 14, 16),
        ("vcs-branch", 17, 7), ("vcs-branch", 20, 5),
    ]  # fmt: skip


def test_a_one_line_value_is_split_at_semicolons() -> None:
    text = "[options]\nsetup_requires = setuptools_scm>=6; wheel ;cython==3.0.11\n"
    assert found(text) == [("build-unpinned", 2, 18), ("build-unpinned", 2, 37)]


@pytest.mark.parametrize(
    "text",
    [
        "[options]\ninstall_requires = file: requirements.in\n",
        "[options]\ninstall_requires =\n    requests>=2\n    click\n",
        "[options]\nsetup_requires =\n    setuptools_scm==8.1.0\n",
        "[options.entry_points]\nconsole_scripts =\n    x = x:main\n",
    ],
)
def test_nothing_floats(text: str) -> None:
    assert found(text) == []


def test_malformed_setup_cfg_is_a_note() -> None:
    assert run("[options]\ninstall_requires =\n    requests\nnot a key line\n") == (
        [], [Note("setup.cfg", 4, "invalid setup.cfg: a line that is neither `[section]` nor "
                                  "`key = value`")],
    )  # fmt: skip
    refs, notes = run("[options]\ninstall_requires =\n    !!bad\n")
    assert (refs, notes) == ([], [Note("setup.cfg", 3, "not a requirement: '!!bad'")])


def test_end_to_end(repo: Repo) -> None:
    repo.stage("setup.cfg", "[options]\ninstall_requires =\n    requests>=2.31\n")
    repo.commit()
    repo.stage(
        "setup.cfg",
        "[options]\ninstall_requires =\n    requests>=2.31\n"
        "    a @ git+https://github.com/o/a@main\n    b @ git+https://github.com/o/b@v1.0.0\n",
    )
    result = tollgate("scan", "--checks", "pins", "--format", "json", cwd=repo.path)
    found = [(f["path"], f["line"], f["rule"], f["severity"])
             for f in json.loads(result.out)["findings"]]  # fmt: skip
    assert (result.code, found) == (1, [("setup.cfg", 4, "pins.setupcfg.vcs-branch", "high")])
    repo.write(".tollgate.toml", '[pins]\nprofile = "strict"\n')
    result = tollgate("scan", "--checks", "pins", "--format", "json", cwd=repo.path)
    rules = [(f["path"], f["line"], f["rule"]) for f in json.loads(result.out)["findings"]]
    assert rules == [("setup.cfg", 4, "pins.setupcfg.vcs-branch"),
                     ("setup.cfg", 5, "pins.setupcfg.vcs-tag")]  # fmt: skip
