"""The cargo ecosystem: Cargo.toml dependency tables, judged with the Cargo.lock beside them.
The parser is tested directly for the syntax cases; real repositories for what a commit is
responsible for (a Cargo.lock change alone included), the strict profile and malformed files."""

from __future__ import annotations

import pytest

from tests.conftest import Repo
from tests.conftest import pins_scan as scan
from tollgate.checks.pins.cargosemver import allows
from tollgate.checks.pins.ecosystems import cargo
from tollgate.checks.pins.model import Files, Ref
from tollgate.pack.model import PinSettings

SHA = "0227f048fcb7c798026ede6cc20c92befc84c3a4"
PACKAGE = '[package]\nname = "app"\nversion = "0.1.0"\n\n'


def lock(*packages: str) -> str:
    """A Cargo.lock of `name version [source]` packages."""
    out = ["version = 3\n"]
    for package in packages:
        name, version, *source = package.split()
        out.append(f'\n[[package]]\nname = "{name}"\nversion = "{version}"\n')
        if source:
            out.append(f'source = "{source[0]}"\n')
    return "".join(out)


def analyse(text: str, lock_text: str | None = None, path: str = "Cargo.toml") -> list[Ref]:
    others = {path[: -len("Cargo.toml")] + "Cargo.lock": lock_text}
    analysis = cargo.analyse(Files(path, text, others), PinSettings())
    assert analysis.notes == []
    return analysis.refs


def found(text: str, lock_text: str | None = None) -> list[tuple[str, int, int]]:
    return [
        (r.rule.removeprefix("pins.cargo."), r.line, r.column) for r in analyse(text, lock_text)
    ]


@pytest.mark.parametrize(
    ("path", "manifests"),
    [
        ("Cargo.toml", ("Cargo.toml",)),
        ("Cargo.lock", ("Cargo.toml",)),
        ("crates/core/Cargo.toml", ("crates/core/Cargo.toml",)),
        ("crates/core/Cargo.lock", ("crates/core/Cargo.toml",)),
        ("cargo.toml", ()),
        (".cargo/config.toml", ()),
        ("Cargo.toml.orig", ()),
        ("rust-toolchain.toml", ()),
    ],
)
def test_manifests(path: str, manifests: tuple[str, ...]) -> None:
    assert cargo.manifests(path) == manifests


def test_the_cargo_lock_beside_it_is_its_context() -> None:
    assert cargo.context("Cargo.toml") == ("Cargo.lock",)
    assert cargo.context("crates/core/Cargo.toml") == ("crates/core/Cargo.lock",)


@pytest.mark.parametrize(
    ("declaration", "kind", "column"),
    [
        ('x = "*"', "wildcard-version", 5),
        ('x = " * "', "wildcard-version", 5),
        ('x = { version = "*", optional = true }', "wildcard-version", 17),
        ('x = { features = ["std"] }', "wildcard-version", 1),
        ('x = { git = "https://github.com/o/x", branch = "main" }', "git-without-rev", 39),
        ('x = { git = "https://github.com/o/x" }', "git-without-rev", 13),
        ('x = { git = "https://github.com/o/x", rev = "refs/pull/7/head" }', "git-without-rev", 39),
        ('x = { git = "https://github.com/o/x", rev = "refs/heads/dev" }', "git-without-rev", 39),
        ('x = { git = "https://github.com/o/x", version = "1" }', "git-without-rev", 13),
        ('x = { git = "https://github.com/o/x", tag = "v1.0.0" }', "git-mutable-ref", 39),
        ('x = { git = "https://github.com/o/x", rev = "4c59b707" }', "git-mutable-ref", 39),
        ('x = { git = "https://github.com/o/x", rev = "refs/tags/v1" }', "git-mutable-ref", 39),
        (f'x = {{ git = "https://github.com/o/x", rev = "{SHA}" }}', None, 0),
        (f'x = {{ git = "https://github.com/o/x", rev = "{SHA.upper()}" }}', None, 0),
        ('x = "1.0"', None, 0),
        ('x = "1.*"', None, 0),
        ('x = ">=1, <3"', None, 0),
        ('x = { path = "../x" }', None, 0),
        ('x = { path = "../x", version = "*" }', None, 0),
        ("x = { workspace = true }", None, 0),
        ("x.workspace = true", None, 0),
        ("x = 1", None, 0),  # not a requirement Cargo accepts; not ours to report
    ],
)
def test_dependency_forms(declaration: str, kind: str | None, column: int) -> None:
    assert found(f"{PACKAGE}[dependencies]\n{declaration}\n") == (
        [(kind, 6, column)] if kind else []
    )


@pytest.mark.parametrize(
    "table",
    [
        "dependencies",
        "dev-dependencies",
        "build-dependencies",
        "dev_dependencies",
        "build_dependencies",
        "target.'cfg(unix)'.dependencies",
        'target."cfg(target_os = \\"linux\\")".dev-dependencies',
        "target.x86_64-pc-windows-gnu.build-dependencies",
        "workspace.dependencies",
    ],
)
def test_every_dependency_table(table: str) -> None:
    assert found(f'{PACKAGE}[{table}]\nx = "*"\n') == [("wildcard-version", 6, 5)]
    assert found(f'{PACKAGE}[{table}.x]\nfeatures = []\nversion = "*"\n') == [
        ("wildcard-version", 7, 11)
    ]


def test_patch_and_replace_are_judged_for_git_only() -> None:
    text = (
        "[patch.crates-io]\n"
        'serde = { git = "https://github.com/serde-rs/serde", branch = "master" }\n'  # 2
        'rand = { path = "../rand" }\n'
        '[patch."https://github.com/o/up"]\n'
        'up = { git = "https://github.com/me/up" }\n'  # 5
        "[replace]\n"
        '"foo:0.1.0" = { git = "https://github.com/me/foo", tag = "v0.1.0" }\n'  # 7
    )
    assert found(text) == [
        ("git-without-rev", 2, 54),
        ("git-without-rev", 5, 14),
        ("git-mutable-ref", 7, 52),
    ]


def test_comments_strings_and_other_tables_never_report() -> None:
    text = (
        PACKAGE.replace(
            'version = "0.1.0"\n',
            'version = "0.1.0"\ndescription = """\n[dependencies]\nx = "*"\n"""\n',
        )
        + '# y = "*"\n'
        "[package.metadata.deps]\n"
        'z = "*"\n'
        "[features]\n"
        'default = ["*"]\n'
        "[dependencies]\n"
        'w = "1" # = "*"\n'
        "[[bin]]\n"
        'name = "*"\n'
    )
    assert found(text) == []


def test_a_table_dependency_is_named_in_its_identity_and_spans_its_lines() -> None:
    text = f'{PACKAGE}[dependencies.hyper]\ngit = "https://github.com/o/hyper"\nbranch = "master"\n'
    [ref] = analyse(text)
    assert (ref.rule, ref.line, ref.column) == ("pins.cargo.git-without-rev", 7, 1)
    assert ref.text == '[dependencies.hyper] branch = "master"'
    assert ref.related == (5, 6)
    assert ref.name == "hyper"


def test_quoted_and_dotted_keys() -> None:
    text = (
        f"{PACKAGE}[dependencies]\n"
        '"quoted-name" = "*"\n'  # 6
        "dotted.version = '*'\n"  # 7
        'inline = {version="*"}\n'  # 8
    )
    assert found(text) == [
        ("wildcard-version", 6, 17),
        ("wildcard-version", 7, 18),
        ("wildcard-version", 8, 19),
    ]


def test_multi_line_arrays_and_inline_tables() -> None:
    text = (
        f"{PACKAGE}[dependencies]\n"
        'tokio = { version = "1", features = [\n  "full", # all\n  "rt",\n] }\n'  # 6
        'x = { git = "https://github.com/o/x", branch = "main" }\n'  # 10
    )
    assert found(text) == [("git-without-rev", 10, 39)]


def test_the_name_allow_globs_match_is_the_crate() -> None:
    text = (
        f"{PACKAGE}[dependencies]\n"
        'json = { package = "serde_json", version = "*" }\n'
        "[replace]\n"
        '"foo:0.1.0" = { git = "https://github.com/me/foo" }\n'
    )
    assert [r.name for r in analyse(text)] == ["serde_json", "foo"]


def test_one_verdict_per_dependency_default_kinds_first() -> None:
    text = f'{PACKAGE}[dependencies]\nx = {{ git = "https://github.com/o/x", tag = "v1" }}\n'
    assert found(text, lock()) == [("missing-from-lock", 6, 1)]
    locked = lock(f"x 1.0.0 git+https://github.com/o/x?tag=v1#{SHA}")
    assert found(text, locked) == [("git-mutable-ref", 6, 39)]


def test_missing_from_lock() -> None:
    text = (
        f"{PACKAGE}[dependencies]\n"
        'serde = "1.0"\n'  # 6: locked
        'serde_json = "1"\n'  # 7: locked as serde-json? no: as serde_json
        'anyhow = "1"\n'  # 8: not locked
        'rand = "0.8"\n'  # 9: locked at 0.7.3
        'json = { package = "simd-json", version = "0.13" }\n'  # 10: locked, renamed
        'local = { path = "local" }\n'
        "[workspace.dependencies]\n"
        'unused = "2"\n'
    )
    locked = lock("serde 1.0.197", "serde_json 1.0.114", "rand 0.7.3", "simd_json 0.13.8")
    refs = analyse(text, locked)
    assert [(r.rule, r.line, r.column, r.lock) for r in refs] == [
        ("pins.cargo.missing-from-lock", 8, 1, True),
        ("pins.cargo.missing-from-lock", 9, 8, True),
    ]
    assert refs[0].detail == "`anyhow` is not in Cargo.lock"
    assert refs[1].detail == "Cargo.lock has rand 0.7.3, which `0.8` does not allow"
    assert found(text) == []  # no Cargo.lock: a library, its ranges say what it supports


@pytest.mark.parametrize(
    ("requirement", "version", "allowed"),
    [
        ("1.2.3", "1.9.0", True),
        ("1.2.3", "1.2.2", False),
        ("1.2.3", "2.0.0", False),
        ("^0.2.3", "0.2.9", True),
        ("^0.2.3", "0.3.0", False),
        ("0.0.3", "0.0.4", False),
        ("0.0", "0.0.9", True),
        ("0.0", "0.1.0", False),
        ("0", "0.9.9", True),
        ("~1.2", "1.2.7", True),
        ("~1.2", "1.3.0", False),
        ("~1", "1.9.0", True),
        ("1.2.*", "1.2.9", True),
        ("1.2.*", "1.3.0", False),
        ("1.*", "1.9.0", True),
        ("=1.2.3", "1.2.3", True),
        ("=1.2.3", "1.2.4", False),
        ("=1.2", "1.2.9", True),
        (">1.2", "1.2.9", False),
        (">1.2", "1.3.0", True),
        (">= 1.2, < 1.5", "1.4.9", True),
        (">= 1.2, < 1.5", "1.5.0", False),
        ("<=1.2", "1.2.9", True),
        ("<=1.2", "1.3.0", False),
        ("*", "9.9.9", True),
        ("1.0.0-alpha", "0.1.0", True),  # pre-releases: unsure, so allowed
        ("1.0", "1.0.0-beta.1", True),
        ("not a requirement", "1.0.0", True),
        ("1.0", "1.0.5+build.7", True),
    ],
)
def test_requirement_matching(requirement: str, version: str, allowed: bool) -> None:
    assert allows(requirement, version) is allowed


def test_the_locked_commit_is_the_offline_fix() -> None:
    text = (
        f"{PACKAGE}[dependencies]\n"
        'a = { git = "https://github.com/o/a", branch = "main" }\n'
        'b = { git = "https://github.com/o/b.git" }\n'
        "[dependencies.c]\n"
        'git = "https://github.com/o/c"\n'
        'branch = "dev"\n'
        "[dependencies.d]\n"
        'git = "https://github.com/o/d"\n'
    )
    locked = lock(*(f"{n} 0.1.0 git+https://github.com/o/{n}?branch=x#{SHA}" for n in "abcd"))
    edits = [(r.name, r.fix, r.edit) for r in analyse(text, locked)]
    pin = f'rev = "{SHA}"'
    assert edits == [
        ("a", f"pin `{pin}`, the commit Cargo.lock builds", ('branch = "main"', pin)),
        (
            "b",
            f"pin `{pin}`, the commit Cargo.lock builds",
            ('"https://github.com/o/b.git"', f'"https://github.com/o/b.git", {pin}'),
        ),
        ("c", f"pin `{pin}`, the commit Cargo.lock builds", ('branch = "dev"', pin)),
        ("d", f"pin `{pin}`, the commit Cargo.lock builds", None),  # no one-line edit adds a key
    ]
    [other] = analyse(text.replace("o/a", "fork/a"), locked)[:1]
    assert other.edit is None  # locked from another repository: not this dependency's commit


def test_malformed_toml_is_a_note_with_its_line() -> None:
    analysis = cargo.analyse(
        Files("Cargo.toml", f'{PACKAGE}[dependencies\nx = "*"\n', {}), PinSettings()
    )
    assert analysis.refs == []
    [note] = analysis.notes
    assert (note.path, note.line) == ("Cargo.toml", 5)
    assert note.message == "invalid TOML: expected ']' to close the table header"
    deep = cargo.analyse(Files("Cargo.toml", "a = " + "[" * 5000, {}), PinSettings())
    assert deep.refs == [] and len(deep.notes) == 1
    assert deep.notes[0].message == "invalid TOML: nested too deeply"


def test_a_malformed_lock_is_read_for_what_it_holds() -> None:
    text = f'{PACKAGE}[dependencies]\nserde = "1.0"\n'
    assert found(text, '<<<<<<< HEAD\nname = "serde"\nversion = "1.0.1"\n=======\n') == []
    assert found(text, "\x00garbage") == [("missing-from-lock", 6, 1)]


# ---- end to end ------------------------------------------------------------------------------


MANIFEST = f"""\
{PACKAGE}[dependencies]
serde = "1.0"
regex = {{ git = "https://github.com/rust-lang/regex", tag = "1.10.3" }}
log = "*"
"""
LOCK = lock(
    "app 0.1.0",
    "serde 1.0.197",
    "log 0.4.21",
    "regex 1.10.3 git+https://github.com/rust-lang/regex?tag=1.10.3#" + SHA,
)


def test_a_new_manifest_reports_what_floats_and_the_strict_profile_more(repo: Repo) -> None:
    repo.stage("Cargo.toml", MANIFEST)
    repo.stage("Cargo.lock", LOCK)
    assert scan(repo)[:2] == (1, [("Cargo.toml", 8, "pins.cargo.wildcard-version", "medium")])
    repo.write(".tollgate.toml", '[pins]\nprofile = "strict"\n')
    assert scan(repo)[:2] == (
        1,
        [
            ("Cargo.toml", 7, "pins.cargo.git-mutable-ref", "low"),
            ("Cargo.toml", 8, "pins.cargo.wildcard-version", "medium"),
        ],
    )


def test_only_changed_lines_and_lock_changes_are_reported(repo: Repo) -> None:
    repo.stage("Cargo.toml", MANIFEST)
    repo.stage("Cargo.lock", LOCK)
    repo.commit()
    # `log = "*"` floats and is untouched: not this commit's doing.
    repo.stage("Cargo.toml", MANIFEST + 'anyhow = "1"\n')
    assert scan(repo)[:2] == (1, [("Cargo.toml", 9, "pins.cargo.missing-from-lock", "medium")])
    repo.stage("Cargo.lock", LOCK + lock("anyhow 1.0.81").removeprefix("version = 3\n"))
    assert scan(repo)[:2] == (0, [])
    repo.git("commit", "-q", "-m", "anyhow")
    # Cargo.lock alone downgrades serde below what the manifest allows.
    repo.stage(
        "Cargo.lock",
        LOCK.replace("1.0.197", "0.9.15") + lock("anyhow 1.0.81").removeprefix("version = 3\n"),
    )
    assert scan(repo)[:2] == (1, [("Cargo.toml", 6, "pins.cargo.missing-from-lock", "medium")])


def test_a_malformed_manifest_is_a_warning(repo: Repo) -> None:
    repo.stage("Cargo.toml", f'{PACKAGE}[dependencies]\nserde = "1.0\n')
    code, rows, err = scan(repo)
    assert (code, rows) == (0, [])
    [warning] = [line for line in err.splitlines() if "warning" in line]
    assert warning.startswith("tollgate: warning: Cargo.toml:6: invalid TOML: ")
