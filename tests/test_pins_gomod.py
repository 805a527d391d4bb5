"""The gomod ecosystem: go.mod requirements and replacements, judged with the go.sum beside them.
The parser is tested directly for the syntax cases; real repositories for what a commit is
responsible for (a go.sum change alone included) and malformed files."""

from __future__ import annotations

import pytest

from tests.conftest import Repo
from tests.conftest import pins_scan as scan
from tollgate.checks.pins.ecosystems import gomod
from tollgate.checks.pins.model import Files, Ref
from tollgate.pack.model import PinSettings

SUM_LINE = "{} {} h1:c3VtIG9mIGEgbW9kdWxlIGZvciBhIHRlc3QgaGVyZQ==\n"


def go_sum(*modules: str) -> str:
    """go.sum lines for `path version` pairs (a /go.mod line for each, a zip line too)."""
    lines = []
    for module in modules:
        path, version = module.split()
        lines += [SUM_LINE.format(path, version), SUM_LINE.format(path, version + "/go.mod")]
    return "".join(lines)


def analyse(text: str, go_sum_text: str | None = "", path: str = "go.mod") -> list[Ref]:
    others = {path[: -len("go.mod")] + "go.sum": go_sum_text}
    analysis = gomod.analyse(Files(path, text, others), PinSettings())
    assert analysis.notes == []
    return analysis.refs


def found(
    text: str, go_sum_text: str | None = "", path: str = "go.mod"
) -> list[tuple[str, int, int]]:
    return [
        (r.rule.removeprefix("pins.gomod."), r.line, r.column)
        for r in analyse(text, go_sum_text, path)
    ]


@pytest.mark.parametrize(
    ("path", "manifests"),
    [
        ("go.mod", ("go.mod",)),
        ("go.sum", ("go.mod",)),
        ("services/api/go.mod", ("services/api/go.mod",)),
        ("services/api/go.sum", ("services/api/go.mod",)),
        ("internal/testdata/mod/go.mod", ()),
        ("vendor/example.com/lib/go.mod", ()),
        ("go.work", ()),
        ("go.work.sum", ()),
        ("go.mod.orig", ()),
        ("notgo.mod", ()),
    ],
)
def test_manifests(path: str, manifests: tuple[str, ...]) -> None:
    assert gomod.manifests(path) == manifests


def test_the_go_sum_beside_it_is_its_context() -> None:
    assert gomod.context("go.mod") == ("go.sum",)
    assert gomod.context("a/b/go.mod") == ("a/b/go.sum",)


@pytest.mark.parametrize(
    "version",
    [
        "v1.2.3",
        "v0.0.0-20240102150405-abcdef123456",
        "v1.2.4-0.20240102150405-abcdef123456",
        "v2.3.0+incompatible",
        "v2.0.0-rc.1",
        "v1.0.0-alpha.0.beta",
    ],
)
def test_canonical_versions_never_float(version: str) -> None:
    text = f"module example.com/app\n\nrequire example.com/lib {version}\n"
    assert found(text, go_sum(f"example.com/lib {version}")) == []


@pytest.mark.parametrize(
    "version",
    ["master", "latest", "v1", "v1.2", "1.2.3", "v1.2.3+meta", "abcdef123456", "v1.0.0-01"],
)
def test_non_canonical_versions_are_queries(version: str) -> None:
    text = f"module example.com/app\n\nrequire example.com/lib {version}\n"
    assert found(text) == [("non-canonical-version", 3, 25)]


def test_blocks_quotes_and_comments() -> None:
    text = (
        "module example.com/app // master\n"
        "\n"
        "go 1.22\n"
        "toolchain go1.22.1\n"
        "\n"
        "require (\n"
        '\t"example.com/quoted" dev\n'  # 7
        "\texample.com/raw `v1.0.0` // indirect\n"
        "\t// example.com/commented master\n"
        ")\n"
        "require example.com/single latest // why\n"  # 11
        "godebug (\n\tpanicnil=1\n)\n"
        "tool example.com/tool/cmd/x\n"
        "retract [v1.0.0, v1.0.5]\n"
    )
    refs = analyse(text, go_sum("example.com/raw v1.0.0"))
    assert [(r.rule, r.line, r.column, r.name) for r in refs] == [
        ("pins.gomod.non-canonical-version", 7, 23, "example.com/quoted"),
        ("pins.gomod.non-canonical-version", 11, 28, "example.com/single"),
    ]
    # The declaration without its comment is the finding's identity.
    assert [r.text for r in refs] == [
        '"example.com/quoted" dev',
        "require example.com/single latest",
    ]
    assert refs[0].fix == "run `go get example.com/quoted@dev` and commit the version it writes"


@pytest.mark.parametrize(
    ("manifest", "target", "outside"),
    [
        ("go.mod", "./lib", False),
        ("go.mod", "../lib", True),
        ("go.mod", "./a/../../lib", True),
        ("services/api/go.mod", "../../shared", False),
        ("services/api/go.mod", "../../../shared", True),
        ("tools/go.mod", "..", False),  # not a directory path for the go command: a module path
        ("tools/go.mod", "../", False),
        ("go.mod", "/home/dev/fork", True),
        ("go.mod", "C:\\src\\fork", True),
        ("go.mod", "..\\fork", True),
        ("sub/go.mod", ".\\vendor\\fork", False),
    ],
)
def test_replace_directories(manifest: str, target: str, outside: bool) -> None:
    text = f"module example.com/app\n\nreplace example.com/lib => {target}\n"
    analysis = gomod.analyse(Files(manifest, text, {}), PinSettings())
    rows = [(r.rule, r.line, r.column, r.name) for r in analysis.refs]
    assert rows == (
        [("pins.gomod.replace-outside-repo", 3, 28, "example.com/lib")] if outside else []
    )
    if target == "..":
        [note] = analysis.notes
        assert (note.line, note.message) == (3, "replacement module .. needs a version")
    else:
        assert analysis.notes == []


def test_a_module_replacement_without_a_version_is_a_note_the_go_command_agrees() -> None:
    text = "module example.com/app\n\nreplace example.com/lib => example.com/fork\n"
    analysis = gomod.analyse(Files("go.mod", text, {}), PinSettings())
    assert analysis.refs == []
    assert analysis.notes[0].line == 3
    assert "example.com/fork needs a version" in analysis.notes[0].message


def test_missing_checksums_follow_replacements_and_exclusions() -> None:
    text = (
        "module example.com/app\n"
        "\n"
        "require (\n"
        "\texample.com/a v1.0.0\n"  # 4: in go.sum
        "\texample.com/b v1.0.0\n"  # 5: replaced by a module whose sum is missing
        "\texample.com/c v1.0.0\n"  # 6: replaced by a directory: no sum
        "\texample.com/d v1.0.0\n"  # 7: only v1.0.0 replaced, by one whose sum is there
        "\texample.com/e v1.1.0\n"  # 8: the v1.0.0 replacement does not apply
        "\texample.com/f v1.0.0\n"  # 9: excluded
        "\texample.com/g v1.0.0\n"  # 10: replaced by a non-canonical version: reported there
        ")\n"
        "replace example.com/b => example.com/b-fork v1.0.1\n"
        "replace example.com/c => ./c\n"
        "replace example.com/d v1.0.0 => example.com/d-fork v2.0.0\n"
        "replace example.com/e v1.0.0 => example.com/e-fork v1.0.0\n"
        "exclude example.com/f v1.0.0\n"
        "replace example.com/g => example.com/g-fork main\n"  # 17
    )
    sums = go_sum("example.com/a v1.0.0", "example.com/b v1.0.0", "example.com/d-fork v2.0.0")
    refs = analyse(text, sums)
    assert [(r.rule, r.line, r.column, r.lock) for r in refs] == [
        ("pins.gomod.missing-from-sum", 5, 2, True),
        ("pins.gomod.missing-from-sum", 8, 2, True),
        ("pins.gomod.non-canonical-version", 17, 45, False),
    ]
    assert refs[0].detail == "go.sum has no checksum for example.com/b-fork v1.0.1"


def test_a_go_mod_only_checksum_line_is_enough() -> None:
    text = "module example.com/app\n\nrequire example.com/a v1.0.0 // indirect\n"
    assert found(text, SUM_LINE.format("example.com/a", "v1.0.0/go.mod")) == []
    assert found(text, SUM_LINE.format("example.com/a", "v1.0.1/go.mod")) == [
        ("missing-from-sum", 3, 9)
    ]


def test_no_go_sum_at_all() -> None:
    [ref] = analyse("module example.com/app\n\nrequire example.com/a v1.0.0\n", None)
    assert (
        ref.detail
        == "there is no go.sum beside go.mod to hold the checksum of example.com/a v1.0.0"
    )
    assert found("module example.com/app\n\ngo 1.22\n", None) == []


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('module example.com/app\nrequire "example.com/a v1.0.0\n', 2, "unterminated string"),
        ("module example.com/app\nrequire `example.com/a v1.0.0\n", 2, "unterminated string"),
        (
            "module example.com/app\nrequire (\n\texample.com/a v1.0.0\n",
            2,
            "the `require (` block is never closed",
        ),
        (
            "module example.com/app\nrequire example.com/a\n",
            2,
            "require needs a module path and a version",
        ),
        (
            "module example.com/app\nreplace example.com/a\n",
            2,
            "replace needs `module [version] => replacement`",
        ),
        ("module x\nreplace a => ./b v1.0.0\n", 2, "a replacement directory cannot have a version"),
    ],
)
def test_malformed_go_mod_is_a_note(text: str, line: int, message: str) -> None:
    analysis = gomod.analyse(Files("go.mod", text, {"go.sum": ""}), PinSettings())
    assert (analysis.notes[0].line, analysis.notes[0].message) == (line, message)


def test_binary_garbage_does_not_raise() -> None:
    text = '\x00\xff\ufeff)(=>\n"\\\n`\n' * 50 + "require (\n)\n)\nreplace => =>\n"
    gomod.analyse(Files("go.mod", text, {"go.sum": "garbage\n\n a b c d\n"}), PinSettings())


# ---- end to end ------------------------------------------------------------------------------


GO_MOD = """\
module example.com/app

go 1.22

require (
	github.com/google/uuid v1.6.0
	golang.org/x/sync v0.6.0
)
"""
GO_SUM = go_sum("github.com/google/uuid v1.6.0", "golang.org/x/sync v0.6.0")


def test_a_new_module_reports_only_what_floats(repo: Repo) -> None:
    repo.stage("go.mod", GO_MOD + "\nreplace example.com/lib => ../lib\n")
    repo.stage("go.sum", GO_SUM)
    assert scan(repo)[:2] == (1, [("go.mod", 10, "pins.gomod.replace-outside-repo", "medium")])


def test_only_the_lines_a_commit_changes_are_reported(repo: Repo) -> None:
    repo.stage("go.mod", GO_MOD + "require example.com/tool master\n")  # floats, committed
    repo.stage("go.sum", GO_SUM)
    repo.commit()
    repo.stage("go.mod", GO_MOD.replace("go 1.22", "go 1.23") + "require example.com/tool master\n")
    assert scan(repo)[:2] == (0, [])
    changed = GO_MOD.replace("uuid v1.6.0", "uuid v1.6.1") + "require example.com/tool master\n"
    repo.stage("go.mod", changed)
    assert scan(repo)[:2] == (1, [("go.mod", 6, "pins.gomod.missing-from-sum", "medium")])


def test_a_go_sum_change_alone_reports_the_requirement_it_leaves_behind(repo: Repo) -> None:
    repo.stage("go.mod", GO_MOD)
    repo.stage("go.sum", GO_SUM)
    repo.commit()
    # go.sum rewritten for another version of x/sync: go.mod's requirement has no checksum now.
    repo.stage("go.sum", go_sum("github.com/google/uuid v1.6.0", "golang.org/x/sync v0.5.0"))
    assert scan(repo)[:2] == (1, [("go.mod", 7, "pins.gomod.missing-from-sum", "medium")])
    repo.stage("go.sum", GO_SUM + SUM_LINE.format("example.com/other", "v1.0.0"))
    assert scan(repo)[:2] == (0, [])


def test_a_malformed_go_mod_is_a_warning(repo: Repo) -> None:
    repo.stage("go.mod", 'module example.com/app\n\nrequire "example.com/a v1.0.0\n')
    code, rows, err = scan(repo)
    assert (code, rows) == (0, [])
    [warning] = [line for line in err.splitlines() if "warning" in line]
    assert warning == "tollgate: warning: go.mod:3: unterminated string"


def test_a_go_mod_comment_suppresses_a_finding(repo: Repo) -> None:
    ignore = "// tollgate: ignore[pins.gomod.non-canonical-version] tracked until v1 is tagged"
    repo.stage("go.mod", f"module example.com/app\n\nrequire example.com/tool master {ignore}\n")
    assert scan(repo)[:2] == (0, [])
    repo.stage("go.mod", "module example.com/app\n\nrequire example.com/tool master // todo\n")
    assert scan(repo)[:2] == (1, [("go.mod", 3, "pins.gomod.non-canonical-version", "medium")])
