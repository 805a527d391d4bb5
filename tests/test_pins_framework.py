"""The pins check's framework: policy files, repository settings, snapshots, excerpts, fixes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import Repo, tollgate
from tollgate.checks import CHECKS
from tollgate.checks.pins.ecosystems import ECOSYSTEMS
from tollgate.checks.pins.excerpt import excerpt
from tollgate.checks.pins.fixes import Edit, apply
from tollgate.config import load_config
from tollgate.errors import TollgateError
from tollgate.gitcmd import Git
from tollgate.pack.load import builtin_pack_dir, load_pack
from tollgate.snapshot import DiskSnapshot, GitSnapshot

RULE = """\
version = 1
ecosystem = "dockerfile"

[[rules]]
id = "pins.dockerfile.{kind}"
title = "Image without a tag"
severity = "high"
profile = "{profile}"

[[rules.examples]]
path = "Dockerfile"
text = "FROM python\\n"
lines = [1]

[[rules.negatives]]
path = "Dockerfile"
text = "FROM python:3.12@sha256:{digest}\\n"
"""


def pack_with(tmp_path: Path, text: str) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(builtin_pack_dir(), root, ignore=shutil.ignore_patterns("pins"))
    (root / "pins").mkdir()
    (root / "pins" / "dockerfile.toml").write_text(text, "utf-8")
    return root


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (RULE.replace('"dockerfile"', '"dockerfiles"', 1), "unknown ecosystem 'dockerfiles'"),
        (RULE.format(kind="no-such-kind", profile="default", digest="a" * 64), "reports"),
        (RULE.format(kind="image-floating", profile="paranoid", digest="a" * 64), "profile"),
        (
            RULE.format(kind="image-floating", profile="default", digest="a" * 64).replace(
                "lines = [1]", "lines = []"
            ),
            "must list the 'lines'",
        ),
        (
            RULE.format(kind="image-floating", profile="default", digest="a" * 64).replace(
                "severity =", "sevrity ="
            ),
            "did you mean 'severity'",
        ),
    ],
)
def test_broken_policy_files_are_clear_errors(tmp_path: Path, text: str, message: str) -> None:
    root = pack_with(tmp_path, text)
    with pytest.raises(TollgateError) as caught:
        load_pack(root)
    assert message in str(caught.value)
    assert "dockerfile.toml" in str(caught.value)


def test_the_builtin_pack_has_a_policy_for_every_ecosystem() -> None:
    pack = load_pack(builtin_pack_dir())
    covered = {rule.id.split(".")[1] for rule in pack.pins}
    assert covered == set(ECOSYSTEMS)
    for rule in pack.pins:
        kind = rule.id.split(".", 2)[2]
        assert kind in ECOSYSTEMS[rule.id.split(".")[1]].KINDS
        assert rule.examples and rule.negatives, rule.id


def test_pins_settings_in_the_config(repo: Repo) -> None:
    repo.write(".tollgate.toml", '[pins]\nprofile = "strict"\nallow = ["my-org/*"]\n')
    config = load_config(repo.path, frozenset(CHECKS))
    assert config.pins.profile == "strict"
    assert config.pins.allow == ("my-org/*",)
    assert "pins" in config.checks


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[pins]\nprofile = "paranoid"\n', "profile 'paranoid' must be one of default, strict"),
        ('[pins]\nproject = "app"\n', "project 'app' must be one of"),
        ("[pins]\nalow = []\n", "did you mean 'allow'"),
    ],
)
def test_bad_pins_settings_exit_2_with_one_line(repo: Repo, table: str, message: str) -> None:
    repo.write(".tollgate.toml", table)
    run = tollgate("scan", cwd=repo.path)
    assert run.code == 2
    assert message in run.err
    assert len(run.err.strip().splitlines()) == 1


def test_git_snapshot_reads_the_index_and_commits(repo: Repo) -> None:
    repo.stage("a/lock.json", "old\n")
    first = repo.commit()
    repo.stage("a/lock.json", "staged\n")
    repo.write("a/lock.json", "work tree\n")
    snapshot = GitSnapshot(Git(repo.path))
    got = snapshot.read(
        [("", "a/lock.json"), (first, "a/lock.json"), ("", "missing.json"), ("", "a\nb")], 1000
    )
    assert got == {
        ("", "a/lock.json"): "staged\n",
        (first, "a/lock.json"): "old\n",
        ("", "missing.json"): None,
        ("", "a\nb"): None,
    }
    assert snapshot.read([("", "a/lock.json")], 3) == {("", "a/lock.json"): 7}


def test_disk_snapshot(tmp_path: Path) -> None:
    (tmp_path / "x.lock").write_text("data\n")
    (tmp_path / "link").symlink_to("x.lock")
    got = DiskSnapshot(tmp_path).read([("", "x.lock"), ("", "link"), ("", "nope")], 100)
    assert got == {("", "x.lock"): "data\n", ("", "link"): None, ("", "nope"): None}


def test_excerpt_hides_credentials_in_urls() -> None:
    line = "git+https://user:" + "hunter2" * 2 + "@git.example.com/org/lib.git@main#egg=lib"
    assert excerpt(line) == "git+https://***@git.example.com/org/lib.git@main#egg=lib"
    assert excerpt("  image: python  ") == "image: python"
    assert excerpt("x" * 300).endswith("...")


def test_apply_edits_bottom_up_and_keeps_line_endings() -> None:
    text = '{\r\n  "a": "^1.0.0",\r\n  "b": "~2.0.0"\r\n}\r\n'
    edits = [
        Edit("package.json", 2, 8, '"^1.0.0"', '"1.4.2"', "pins.npm.x"),
        Edit("package.json", 3, 8, '"~2.0.0"', '"2.0.9"', "pins.npm.x"),
        Edit("package.json", 9, 1, "zzz", "y", "pins.npm.x"),
    ]
    new, done = apply(text, edits)
    assert new == '{\r\n  "a": "1.4.2",\r\n  "b": "2.0.9"\r\n}\r\n'
    assert [e.line for e in done] == [2, 3]
