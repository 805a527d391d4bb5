"""The readers the Python ecosystems share: PEP 508 strings, requirements-file lines, the
position-keeping TOML reader (against tomli), and the lockfile scanners."""

from __future__ import annotations

import json
from typing import Any

import pytest
import tomli

from tollgate.checks.pins import pylocks, pyreq, reqfile, tomlscan
from tollgate.checks.pins.pyjudge import remote, vcs_verdict

SHA = "0123456789abcdef0123456789abcdef01234567"

# ---- PEP 508 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("requests", ("requests", "", "", "", "")),
        ("requests>=2.31", ("requests", "", ">=2.31", "", "")),
        ("requests >= 2.31 , < 3", ("requests", "", ">= 2.31 , < 3", "", "")),
        ("requests[socks,security]==2.32.3", ("requests", "socks,security", "==2.32.3", "", "")),
        ("requests (>=2.31)", ("requests", "", ">=2.31", "", "")),
        (
            'attrs~=23.1 ; python_version >= "3.8"',
            ("attrs", "", "~=23.1", "", 'python_version >= "3.8"'),
        ),
        ("Zope.Interface_x===5.0", ("Zope.Interface_x", "", "===5.0", "", "")),
        (
            "pkg @ git+https://github.com/o/pkg@main",
            ("pkg", "", "", "git+https://github.com/o/pkg@main", ""),
        ),
        (
            'pkg[x] @ https://e.com/pkg-1.0.tar.gz ; os_name == "nt"',
            ("pkg", "x", "", "https://e.com/pkg-1.0.tar.gz", 'os_name == "nt"'),
        ),
    ],
)
def test_parse(text: str, expected: tuple[str, ...]) -> None:
    assert tuple(pyreq.parse(text) or ()) == expected


@pytest.mark.parametrize(
    "text", ["", ">=2", "requests>>2", "requests @", "requests @ url trailing", "-e .", "a b"]
)
def test_not_a_requirement(text: str) -> None:
    assert pyreq.parse(text) is None


@pytest.mark.parametrize(
    ("spec", "version"),
    [
        ("==1.2.3", "1.2.3"),
        ("===1.0-custom", "1.0-custom"),
        (">=1,==1.4.2", "1.4.2"),
        ("==1.*", None),
        ("==1.2.*", None),
        (">=1", None),
        ("~=1.2", None),
        ("!=1.0", None),
        ("", None),
    ],
)
def test_exact_version(spec: str, version: str | None) -> None:
    assert pyreq.exact_version(spec) == version


def test_canonical_names() -> None:
    assert pyreq.canonical("Typing_Extensions") == "typing-extensions"
    assert pyreq.canonical("zope.interface") == "zope-interface"
    assert pyreq.canonical("A__b--C") == "a-b-c"


@pytest.mark.parametrize(
    ("url", "kind", "vcs", "ref", "hashed", "name"),
    [
        ("git+https://github.com/o/lib.git@v1.2#egg=lib", "vcs", "git", "v1.2", False, "lib"),
        ("git+ssh://git@github.com/o/lib.git", "vcs", "git", "", False, "lib"),
        ("git+ssh://git@github.com/o/lib.git@dev", "vcs", "git", "dev", False, "lib"),
        ("git://github.com/o/lib@" + SHA, "vcs", "git", SHA, False, "lib"),
        ("hg+https://hg.example.com/repo@tip", "vcs", "hg", "tip", False, "repo"),
        ("svn+https://svn.example.com/repo/trunk@1234", "vcs", "svn", "1234", False, "trunk"),
        (
            "git+https://user:tok@github.com/o/lib@main#egg=x&subdirectory=a",
            "vcs", "git", "main", False, "x",
        ),
        ("https://e.com/pkg-1.0.tar.gz", "archive", "", "", False, "pkg"),
        ("https://e.com/pkg-1.0.tar.gz#sha256=" + "ab" * 32, "archive", "", "", True, "pkg"),
        ("file:///opt/pkg", "local", "", "", False, ""),
        ("./pkg", "local", "", "", False, ""),
    ],
)  # fmt: skip
def test_source(url: str, kind: str, vcs: str, ref: str, hashed: bool, name: str) -> None:
    assert tuple(pyreq.source(url)) == (kind, vcs, ref, hashed, name)


@pytest.mark.parametrize(
    ("ref", "state"),
    [
        (SHA, "pinned"),
        (SHA.upper(), "pinned"),
        ("a" * 64, "pinned"),
        ("v1.2.3", "tag"),
        ("1.2.3", "tag"),
        ("1.2", "tag"),
        ("v2.0.0-beta.1", "tag"),
        ("1.2.3rc1", "tag"),
        ("main", "floating"),
        ("develop", "floating"),
        ("1.2.x", "floating"),
        ("2.x", "floating"),
        ("release/1.2", "floating"),
        ("v1", "floating"),
        ("abc1234", "floating"),
        (SHA[:39], "floating"),
    ],
)
def test_ref_state(ref: str, state: str) -> None:
    assert pyreq.ref_state(ref) == state


def test_svn_revision_numbers_are_immutable() -> None:
    assert pyreq.ref_state("1234", "svn") == "pinned"
    assert pyreq.ref_state("1234", "git") == "floating"


@pytest.mark.parametrize(
    ("text", "local"),
    [
        (".", True),
        ("./pkg", True),
        ("../lib-1.0.whl", True),
        ("/opt/x", True),
        ("file:pkg", True),
        ("vendor/lib", True),
        ("lib-1.0-py3-none-any.whl", True),
        ("C:\\wheels\\x.whl", True),
        ("requests", False),
        ("requests>=2", False),
        ("https://e.com/x.whl", False),
        ("pkg @ https://e.com/x/y.whl", False),
        ("git+https://github.com/o/r", False),
    ],
)
def test_looks_local(text: str, local: bool) -> None:
    assert pyreq.looks_local(text) is local


def test_the_fix_never_shows_credentials() -> None:
    assert remote("git+https://user:secret@github.com/o/r.git@main#egg=r") == (
        "https://github.com/o/r.git@main"
    )
    verdict = vcs_verdict("git+https://tok@github.com/o/r", "main", "", "`@sha`")
    assert verdict is not None
    assert "tok" not in verdict.fix
    assert "tok" not in verdict.detail


def test_vcs_verdicts() -> None:
    def kind(ref: str, how: str = "") -> str | None:
        verdict = vcs_verdict("https://github.com/o/r", ref, how, "pin")
        return verdict.kind if verdict else None

    assert kind("") == "vcs-branch"
    assert kind("main") == "vcs-branch"
    assert kind("v1.0.0") == "vcs-tag"
    assert kind(SHA) is None
    assert kind("v1.0.0", "branch") == "vcs-branch"  # declared as a branch: a branch
    assert kind("anything", "tag") == "vcs-tag"  # declared as a tag: a tag


# ---- requirements files -----------------------------------------------------------------------


def entries(text: str) -> list[tuple[str, str, bool, int, int, str]]:
    return [tuple(e) for e in reqfile.entries(text)]  # type: ignore[misc]


def test_requirement_lines_options_and_comments() -> None:
    text = (
        "# a comment\n"
        "requests>=2  # why\n"
        "\n"
        "  flask==3.0.3 --hash=sha256:ab --hash sha256:cd\n"
        "-r base.txt\n"
        "--requirement=other.txt\n"
        "-c constraints.txt\n"
        "-cconstraints2.txt\n"
        "-e .\n"
        "--editable git+https://github.com/o/r@main#egg=r\n"
        "--index-url https://pypi.org/simple\n"
        "--require-hashes\n"
        "pkg @ https://e.com/p.whl#sha256=ab\n"
    )
    assert entries(text) == [
        ("requirement", "requests>=2", False, 2, 1, "requests>=2"),
        ("requirement", "flask==3.0.3", True, 4, 3,
         "flask==3.0.3 --hash=sha256:ab --hash sha256:cd"),
        ("include", "base.txt", False, 5, 1, "-r base.txt"),
        ("include", "other.txt", False, 6, 1, "--requirement=other.txt"),
        ("constraint", "constraints.txt", False, 7, 1, "-c constraints.txt"),
        ("constraint", "constraints2.txt", False, 8, 1, "-cconstraints2.txt"),
        ("editable", ".", False, 9, 1, "-e ."),
        ("editable", "git+https://github.com/o/r@main#egg=r", False, 10, 1,
         "--editable git+https://github.com/o/r@main#egg=r"),
        ("option", "--index-url", False, 11, 1, "--index-url https://pypi.org/simple"),
        ("option", "--require-hashes", False, 12, 1, "--require-hashes"),
        ("requirement", "pkg @ https://e.com/p.whl#sha256=ab", False, 13, 1,
         "pkg @ https://e.com/p.whl#sha256=ab"),
    ]  # fmt: skip


def test_continuation_lines_are_one_requirement_on_its_first_line() -> None:
    text = (
        "certifi==2024.7.4 \\\n"
        "    --hash=sha256:ab \\\n"
        "    --hash=sha256:cd\n"
        "    # via requests\n"
        "idna==3.7\r\n"
    )
    assert entries(text) == [
        ("requirement", "certifi==2024.7.4", True, 1, 1, "certifi==2024.7.4"),
        ("requirement", "idna==3.7", False, 5, 1, "idna==3.7"),
    ]


def test_a_hash_sign_inside_a_url_is_not_a_comment() -> None:
    (entry,) = reqfile.entries("git+https://github.com/o/r@main#egg=r  # a comment\n")
    assert entry.value == "git+https://github.com/o/r@main#egg=r"


def test_a_continued_comment_line_ends_the_requirement() -> None:
    # pip: a comment line never continues, even when it ends with a backslash.
    assert [e.value for e in reqfile.entries("# a \\\nrequests\n")] == ["requests"]


# ---- the TOML reader --------------------------------------------------------------------------

TOML_CASES = [
    'a = "x"\nb = \'lit\'\nc = 1\nd = 1.5\ne = true\nf = [1, "two", [3]]\n',
    '[t]\nk = { x = 1, y = { z = "w" } }\n[t.sub]\nq = "r"\n',
    "[[arr]]\nn = 1\n[[arr]]\nn = 2\n[arr.sub]\nx = 1\n[[arr.list]]\ny = 2\n",
    'a.b.c = "dotted"\n"quoted.key" = 1\n\'lit.key\' = 2\n',
    'ml = """\nline one\nline "two" \\\n    joined"""\nlit = \'\'\'\nraw \\n\'\'\'\n',
    'e = "\\u00e9\\t\\n\\\\\\"x"\nend = """a""""\n',
    "d1 = 1979-05-27\nd2 = 1979-05-27T07:32:00Z\nd3 = 1979-05-27 07:32:00\nh = 0xff\nu = 1_000\n",
    'arr = [\n  "a",  # comment\n  "b",\n]\n# trailing comment\n',
]


def plain(value: Any) -> Any:
    """tomli's values with dates as this reader keeps them (text)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return "DATE"
    return value


def dated(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: dated(v) for k, v in value.items()}
    if isinstance(value, list):
        return [dated(v) for v in value]
    if isinstance(value, str) and tomlscan._DATE.fullmatch(value):
        return "DATE"
    return value


@pytest.mark.parametrize("text", TOML_CASES)
def test_same_values_as_tomli(text: str) -> None:
    assert dated(tomlscan.load(text).data) == plain(tomli.loads(text))


def test_positions_of_keys_array_items_and_tables() -> None:
    doc = tomlscan.load(
        '[project]\nname = "x"\ndependencies = [\n    "a>=1",\n  "b"]\n'
        '[tool.poetry.dependencies]\nc = { git = "u", branch = "main" }\n'
        "[[tool.uv.index]]\nurl = 'x'\n"
    )
    assert doc.where[("project",)] == (1, 1)
    assert doc.where[("project", "name")] == (2, 1)
    assert doc.where[("project", "dependencies", 0)] == (4, 5)
    assert doc.where[("project", "dependencies", 1)] == (5, 3)
    assert doc.where[("tool", "poetry", "dependencies", "c")] == (7, 1)
    assert doc.where[("tool", "poetry", "dependencies", "c", "branch")] == (7, 18)
    assert doc.where[("tool", "uv", "index", 0, "url")] == (9, 1)
    assert doc.line(("project", "nothing", 3)) == (1, 1)


def test_spans_of_keys_and_values() -> None:
    text = (
        '[dependencies]\nserde = { version = "1.0", features = ["derive"] }\n'
        "a.b = 'x'  # c\n"
        "list = [{ in = 1 }]\n"
        "[[bin]]\nname = 'one'\n[[bin]]\nname = 'two'\n"
        '[target."cfg(unix)".dependencies.log]\nversion = "*"\n'
    )
    spans = tomlscan.load(text).spans

    def written(path: tuple[str, ...]) -> tuple[str, str, str]:
        key, value, end = spans[path]
        line_end = text.find("\n", key)
        return text[key:line_end], text[value:end], text[end:line_end]

    assert written(("dependencies",)) == ("[dependencies]", "[dependencies]", "")
    assert written(("dependencies", "serde")) == (
        'serde = { version = "1.0", features = ["derive"] }',
        '{ version = "1.0", features = ["derive"] }',
        "",
    )
    assert written(("dependencies", "serde", "version"))[1] == '"1.0"'
    assert written(("dependencies", "serde", "features"))[1] == '["derive"]'
    # A dotted key: each part from where it is written, the value shared; first one wins.
    assert written(("dependencies", "a")) == ("a.b = 'x'  # c", "'x'", "  # c")
    assert written(("dependencies", "a", "b"))[0] == "b = 'x'  # c"
    assert ("dependencies", "list", "in") not in spans  # inside an array: no span
    assert written(("bin", "name"))[1] == "'one'"  # an array of tables: the first entry
    assert written(("target", "cfg(unix)"))[0] == '[target."cfg(unix)".dependencies.log]'
    assert written(("target", "cfg(unix)", "dependencies", "log", "version"))[1] == '"*"'


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("[project\nname = 'x'\n", 1),
        ("a = 1\nb = \n", 2),
        ("a = 1\na = 2\n", 2),
        ("[t]\n[t]\n", 2),
        ('a = "unterminated\n', 1),
        ("a = [1, 2\nb = 3\n", 2),
        ("a = 1 b = 2\n", 1),
        ("a = wat\n", 1),
        ("a = { b = 1\n", 2),
        ('a = "\\UFFFFFFFF"\n', 1),
        ("a = " + "[" * 5000 + "]" * 5000 + "\n", 1),
    ],
)
def test_syntax_errors_have_a_line(text: str, line: int) -> None:
    with pytest.raises(tomlscan.TomlError) as caught:
        tomlscan.load(text)
    assert caught.value.line == line


def test_excerpt_at() -> None:
    assert tomlscan.excerpt_at('    "a>=1",  # why', 5) == '"a>=1"'
    assert tomlscan.excerpt_at('x = "a#b"  # why', 0) == 'x = "a#b"'
    assert tomlscan.excerpt_at("x = 'a#b' # c", 0) == "x = 'a#b'"
    assert tomlscan.excerpt_at('x = "q\\"#" # c', 0) == 'x = "q\\"#"'


# ---- lockfiles --------------------------------------------------------------------------------


def test_uv_lock() -> None:
    text = (
        'version = 1\nrequires-python = ">=3.11"\n\n[manifest]\nmembers = ["app"]\n\n'
        '[[package]]\nname = "Typing_Extensions"\nversion = "4.12.2"\n'
        'source = { registry = "https://pypi.org/simple" }\n'
        'dependencies = [\n    { name = "not-a-package" },\n]\n\n'
        '[[package]]\nname = "app"\nsource = { editable = "." }\n\n'
        '[package.optional-dependencies]\nx = [\n    { name = "idna" },\n]\n'
    )
    assert pylocks.toml_lock(text) == {"typing-extensions": "4.12.2", "app": ""}


def test_poetry_lock() -> None:
    text = (
        '# This file is automatically @generated by Poetry\n\n[[package]]\nname = "requests"\n'
        'version = "2.32.3"\ndescription = "HTTP"\noptional = false\n\n'
        '[package.dependencies]\nidna = ">=2.5,<4"\n\n[metadata]\nlock-version = "2.0"\n'
    )
    assert pylocks.toml_lock(text) == {"requests": "2.32.3"}


def test_a_hand_edited_lock_is_read_by_the_slower_scan() -> None:
    text = '[[package]]\n\nversion = "1.0"\nname = "late"\n\n[[package]]\nname = "x"\n'
    assert pylocks.toml_lock(text) == {"late": "1.0", "x": ""}


def test_a_large_lock_is_scanned_line_by_line() -> None:
    blocks = [
        f'[[package]]\nname = "pkg-{i}"\nversion = "1.{i}"\nwheels = [\n'
        + "".join(
            f'    {{ url = "https://f/{i}-{k}.whl", hash = "sha256:{k}" }},\n' for k in range(5)
        )
        + "]\n\n"
        for i in range(3000)
    ]
    found = pylocks.toml_lock("version = 1\n\n" + "".join(blocks))
    assert len(found) == 3000
    assert found["pkg-2999"] == "1.2999"


def test_pipfile_lock() -> None:
    text = json.dumps({
        "_meta": {"hash": {"sha256": "0"}},
        "default": {"Requests": {"version": "==2.32.3"}, "tool": {"git": "u", "ref": SHA}},
        "develop": {"pytest": {"version": "==8.3.2"}},
        "docs": {"mkdocs": {}},
    })  # fmt: skip
    assert pylocks.pipfile_lock(text) == {
        "default": {"requests": "2.32.3", "tool": ""},
        "develop": {"pytest": "8.3.2"},
        "docs": {"mkdocs": ""},
    }
    with pytest.raises(ValueError):
        pylocks.pipfile_lock("[]")
    with pytest.raises(ValueError):
        pylocks.pipfile_lock("{")
