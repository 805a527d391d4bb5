"""Pipfile (pipenv), judged with the Pipfile.lock beside it."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Repo, tollgate
from tollgate.checks.pins.ecosystems import pipfile
from tollgate.checks.pins.model import Files, Note, Ref
from tollgate.pack.model import PinSettings

SHA = "0123456789abcdef0123456789abcdef01234567"


def run(text: str, path: str = "Pipfile", lock: str | None = None) -> tuple[list[Ref], list[Note]]:
    others = {p: lock for p in pipfile.context(path)}
    analysis = pipfile.analyse(Files(path, text, others), PinSettings())
    return analysis.refs, analysis.notes


def found(text: str, lock: str | None = None, strict: bool = False) -> list[tuple[str, int]]:
    refs, notes = run(text, lock=lock)
    assert notes == []
    kinds = [(r.rule.removeprefix("pins.pipfile."), r.line) for r in refs]
    return [k for k in kinds if strict or k[0] != "vcs-tag"]


def locked(**sections: list[str]) -> str:
    return json.dumps({"_meta": {"hash": {"sha256": "0"}}} | {
        section: {name: {"version": "==1.0"} for name in names}
        for section, names in sections.items()
    })  # fmt: skip


@pytest.mark.parametrize(
    ("path", "manifests"),
    [
        ("Pipfile", ("Pipfile",)),
        ("svc/Pipfile", ("svc/Pipfile",)),
        ("svc/Pipfile.lock", ("svc/Pipfile",)),
        ("Pipfile.bak", ()),
        ("pipfile", ()),
    ],
)
def test_manifests(path: str, manifests: tuple[str, ...]) -> None:
    assert pipfile.manifests(path) == manifests
    assert pipfile.context("svc/Pipfile") == ("svc/Pipfile.lock",)


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ('"*"', "unpinned"),
        ('""', "unpinned"),
        ('">=2.31"', "unpinned"),
        ('"~=2.31"', "unpinned"),
        ('"==2.*"', "unpinned"),
        ('{extras = ["socks"]}', "unpinned"),
        ('{version = "*", index = "pypi"}', "unpinned"),
        ('"==2.32.3"', None),
        ('"2.32.3"', None),
        ('{version = "==2.32.3", markers = "os_name == \'nt\'"}', None),
        ('{path = ".", editable = true}', None),
        ('{file = "https://example.com/x-1.0.tar.gz"}', None),
        ('{git = "https://github.com/o/x.git", ref = "main"}', "vcs-branch"),
        ('{git = "https://github.com/o/x.git", editable = true}', "vcs-branch"),
        ('{git = "https://github.com/o/x.git", ref = "v1.2.0"}', "vcs-tag"),
        (f'{{git = "https://github.com/o/x.git", ref = "{SHA}"}}', None),
    ],
)
def test_each_form_without_a_lock(value: str, kind: str | None) -> None:
    assert found(f"[packages]\nx = {value}\n", strict=True) == ([(kind, 2)] if kind else [])


def test_every_package_category_but_not_the_other_tables() -> None:
    text = (
        '[[source]]\nurl = "https://pypi.org/simple"\nname = "pypi"\n\n[requires]\n'
        'python_version = "3.12"\n\n[scripts]\nserve = "python -m app"\n\n[pipenv]\n'
        'allow_prereleases = false\n\n[dev-packages]\npytest = "*"\n\n[docs]\nmkdocs = ">=1"\n'
    )
    assert found(text) == [("unpinned", 15), ("unpinned", 18)]


def test_a_lock_freezes_and_is_checked_for_every_name() -> None:
    text = (
        '[packages]\nRequests = "*"\nrich = "*"\nlocal = {path = "."}\n\n'
        '[dev-packages]\npytest = "*"\n'
    )
    refs, notes = run(text, lock=locked(default=["requests"], develop=["pytest"]))
    assert notes == []
    assert [(r.rule, r.line, r.lock, r.name) for r in refs] == [
        ("pins.pipfile.missing-from-lock", 3, True, "rich"),
    ]


def test_a_broken_lock_is_a_note_and_the_pipfile_is_judged_without_it() -> None:
    refs, notes = run('[packages]\nrequests = "*"\n', lock='{"default": ')
    assert [(r.rule, r.line) for r in refs] == [("pins.pipfile.unpinned", 2)]
    assert notes == [Note("Pipfile.lock", 1, "invalid JSON: Expecting value: line 1 column 13 "
                                             "(char 12)")]  # fmt: skip


def test_a_malformed_pipfile_is_a_note() -> None:
    refs, notes = run("[packages\nrequests = '*'\n")
    assert (refs, notes) == ([], [Note("Pipfile", 1, "invalid TOML: expected ']' to close the "
                                                     "table header")])  # fmt: skip


Finding = tuple[str, int, str, str]


def scan(repo: Repo) -> tuple[list[Finding], str]:
    result = tollgate("scan", "--checks", "pins", "--format", "json", cwd=repo.path)
    assert result.code in (0, 1), result.err
    assert "Traceback" not in result.err
    report = json.loads(result.out)
    return [
        (f["path"], f["line"], f["rule"], f["severity"]) for f in report["findings"]
    ], result.err


def test_a_pipfile_lock_change_reports_what_it_leaves_out(repo: Repo) -> None:
    repo.stage("Pipfile", '[packages]\nrequests = "*"\nrich = "*"\n')
    repo.stage("Pipfile.lock", locked(default=["requests", "rich"]))
    repo.commit()
    assert scan(repo)[0] == []
    repo.stage("Pipfile.lock", locked(default=["requests", "idna"]))
    assert scan(repo)[0] == [("Pipfile", 3, "pins.pipfile.missing-from-lock", "medium")]


def test_a_new_pipfile_without_a_lock(repo: Repo) -> None:
    repo.stage("Pipfile", '[packages]\nrequests = "==2.32.3"\nrich = "*"\n')
    repo.write("Pipfile.lock", locked(default=["rich"]))  # not staged: not read
    findings, err = scan(repo)
    assert findings == [("Pipfile", 3, "pins.pipfile.unpinned", "medium")]
    repo.stage("Pipfile", "[packages\n")
    findings, err = scan(repo)
    assert findings == []
    assert "tollgate: warning: Pipfile:1: invalid TOML" in err
