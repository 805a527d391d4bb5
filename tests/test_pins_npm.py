"""The npm ecosystem: package.json judged with package-lock.json, pnpm-lock.yaml or yarn.lock.
The parsers are tested directly for the syntax and lockfile cases; real repositories for what a
commit is responsible for, the strict profile and malformed files."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Repo
from tests.conftest import pins_scan as scan
from tollgate.checks.pins.ecosystems import npm
from tollgate.checks.pins.model import Files, Note, Ref
from tollgate.checks.pins.npmmembers import members
from tollgate.checks.pins.npmsemver import satisfies
from tollgate.checks.pins.npmspec import classify, git_ref
from tollgate.pack.model import PinSettings

SHA = "0123456789abcdef0123456789abcdef01234567"


def run(text: str, path: str = "package.json", **others: str) -> tuple[list[Ref], list[Note]]:
    files = {p: None for p in npm.context(path)} | {k.replace("__", "/"): v for k, v in
                                                    others.items()}  # fmt: skip
    analysis = npm.analyse(Files(path, text, files), PinSettings())
    return analysis.refs, analysis.notes


def found(text: str, path: str = "package.json", **others: str) -> list[tuple[str, int, int]]:
    refs, notes = run(text, path, **others)
    assert notes == []
    return [(r.rule.removeprefix("pins.npm."), r.line, r.column) for r in refs]


def deps(*lines: str, section: str = "dependencies") -> str:
    body = ",\n".join(f"    {line}" for line in lines)
    return f'{{\n  "name": "app",\n  "{section}": {{\n{body}\n  }}\n}}\n'


def lock_v3(*entries: tuple[str, dict[str, object]], root: dict[str, object] | None = None) -> str:
    packages: dict[str, object] = {"": root or {"name": "app"}}
    packages.update(entries)
    return json.dumps({"name": "app", "lockfileVersion": 3, "requires": True,
                       "packages": packages}, indent=2)  # fmt: skip


def installed(package: str, version: str, **more: object) -> tuple[str, dict[str, object]]:
    return f"node_modules/{package}", {"version": version, **more}


# ---- which files --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "manifests"),
    [
        ("package.json", ("package.json",)),
        ("web/package.json", ("web/package.json",)),
        ("web/package-lock.json", ("web/package.json",)),
        ("npm-shrinkwrap.json", ("package.json",)),
        ("a/b/pnpm-lock.yaml", ("a/b/package.json",)),
        ("yarn.lock", ("package.json",)),
        ("node_modules/express/package.json", ()),
        ("web/node_modules/x/package-lock.json", ()),
        ("package.json.bak", ()),
        ("mypackage.json", ()),
        ("composer.lock", ()),
    ],
)
def test_manifests(path: str, manifests: tuple[str, ...]) -> None:
    assert npm.manifests(path) == manifests


def test_context_is_the_lockfiles_beside_and_above_and_bounded() -> None:
    assert npm.context("package.json") == (
        "npm-shrinkwrap.json", "package-lock.json", "pnpm-lock.yaml", "yarn.lock",
    )  # fmt: skip
    member = npm.context("packages/a/package.json")
    assert member[:4] == (
        "packages/a/npm-shrinkwrap.json", "packages/a/package-lock.json",
        "packages/a/pnpm-lock.yaml", "packages/a/yarn.lock",
    )  # fmt: skip
    assert member[-4:] == npm.context("package.json")
    assert len(member) == 12
    deep = npm.context("/".join("d" * 12) + "/package.json")
    assert len(deep) == 4 * 8  # the manifest's directory, six above it and the root
    assert deep[-4:] == npm.context("package.json")
    assert "d/package-lock.json" not in deep


# ---- what a spec asks for -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "kind"),
    [
        ("1.2.3", "exact"),
        ("=1.2.3", "exact"),
        ("v1.2.3", "exact"),
        ("1.2.3-beta.1+build.5", "exact"),
        ("^1.2.3", "range"),
        ("~1.2", "range"),
        (">=1.0.0 <2", "range"),
        (">= 1.0.0", "range"),
        ("1.x", "range"),
        ("1", "range"),
        ("1.2.3 - 2.3.4", "range"),
        ("^1 || ^2", "range"),
        ("*", "any"),
        ("", "any"),
        ("x", "any"),
        ("latest", "tag"),
        ("next", "tag"),
        ("canary-2024", "tag"),
        ("github:user/repo", "git"),
        ("user/repo", "git"),
        ("user/repo#v1.0.0", "git"),
        ("git+https://github.com/user/repo.git", "git"),
        ("git+ssh://git@github.com:user/repo.git#main", "git"),
        ("git://github.com/user/repo.git", "git"),
        ("git@github.com:user/repo.git", "git"),
        ("https://github.com/user/repo", "git"),
        ("gitlab:group/project#dev", "git"),
        ("https://example.com/pkg-1.0.0.tgz", "tarball"),
        ("https://github.com/user/repo/archive/v1.tar.gz", "tarball"),
        ("file:../lib", "local"),
        ("link:../lib", "local"),
        ("workspace:*", "local"),
        ("portal:../lib", "local"),
        ("catalog:", "local"),
        ("patch:lodash@npm%3A4.17.21#./patches/lodash.patch", "local"),
        ("../lib", "local"),
        ("./vendor/pkg.tgz", "local"),
        ("~/lib", "local"),
        ("pkg-1.0.0.tgz", "local"),
        ("vendor/pkg-1.0.0.tgz", "git"),  # hosted-git-info reads it as github shorthand, as npm
        ("$react", "unknown"),
        ("-", "unknown"),
        ("s3://bucket/pkg.tgz", "unknown"),
    ],
)
def test_classify(spec: str, kind: str) -> None:
    assert classify(spec).kind == kind


@pytest.mark.parametrize(
    ("spec", "kind", "value", "target"),
    [
        ("npm:lodash@^4.17.0", "range", "^4.17.0", "lodash"),
        ("npm:@scope/pkg@1.2.3", "exact", "1.2.3", "@scope/pkg"),
        ("npm:lodash", "tag", "latest", "lodash"),
        ("npm:^4.17.0", "range", "^4.17.0", ""),  # yarn berry and pnpm: the protocol only
    ],
)
def test_aliases(spec: str, kind: str, value: str, target: str) -> None:
    assert tuple(classify(spec)) == (kind, value, target)


@pytest.mark.parametrize(
    ("ref", "verdict"),
    [
        ("", "floats"),
        ("main", "floats"),
        ("feature/x", "floats"),
        ("semver:^1.0.0", "floats"),
        ("semver:>=1.0.0", "floats"),
        ("head=main", "floats"),
        (SHA, "pinned"),
        (f"commit={SHA}", "pinned"),
        (f"{SHA}::path:packages/x", "pinned"),
        (f"workspace=x&commit={SHA}", "pinned"),
        ("v1.2.3", "tag"),
        ("1.0.0", "tag"),
        ("tag=v2", "tag"),
        ("abc1234", "tag"),
        ("commit=abc1234", "tag"),
    ],
)
def test_git_refs(ref: str, verdict: str) -> None:
    assert git_ref(ref).verdict == verdict


@pytest.mark.parametrize(
    ("version", "range_", "expected"),
    [
        ("1.2.3", "^1.2.0", True),
        ("2.0.0", "^1.2.0", False),
        ("0.2.5", "^0.2.3", True),
        ("0.3.0", "^0.2.3", False),
        ("0.0.3", "^0.0.3", True),
        ("0.0.4", "^0.0.3", False),
        ("0.1.9", "^0.0", False),
        ("0.0.9", "^0.0", True),
        ("1.2.9", "~1.2.3", True),
        ("1.3.0", "~1.2.3", False),
        ("1.9.0", "~1", True),
        ("1.9.0", "1.x", True),
        ("2.0.0", "1.x", False),
        ("1.2.7", "1.2.*", True),
        ("5.0.0", "*", True),
        ("5.0.0", "", True),
        ("1.5.0", ">=1.2.0 <2.0.0", True),
        ("2.0.0", ">=1.2.0 <2.0.0", False),
        ("1.3.0", ">1.2", True),
        ("1.2.9", ">1.2", False),
        ("1.9.9", "<=1", True),
        ("2.0.0", "<=1", False),
        ("1.1.9", "<1.2", True),
        ("2.3.4", "1.2.3 - 2.3.4", True),
        ("2.3.5", "1.2.3 - 2.3.4", False),
        ("2.3.9", "1.2.3 - 2.3", True),
        ("3.1.0", "^1.0.0 || ^3.0.0", True),
        ("2.1.0", "^1.0.0 || ^3.0.0", False),
        ("1.2.3", "=1.2.3", True),
        ("1.2.4", "1.2.3", False),
        ("1.2.4-beta.1", "^1.2.3", False),  # a prerelease needs a comparator on its version
        ("1.2.3-beta.2", "^1.2.3-beta.1", True),
        ("1.2.3-alpha", "^1.2.3-beta.1", False),
        ("2.0.0-rc.1", "<2.0.0", False),
        ("1.0.0-rc.10", ">=1.0.0-rc.9 <1.0.0", True),
        ("1.2.3", "~> 1.2", True),
        ("1.2.3", ">= 1.2.0 < 2", True),
    ],
)
def test_satisfies(version: str, range_: str, expected: bool) -> None:
    assert satisfies(version, range_) is expected


@pytest.mark.parametrize(("version", "range_"), [("1.2", "^1"), ("1.2.3", "latest"), ("x", "*")])
def test_satisfies_cannot_tell(version: str, range_: str) -> None:
    assert satisfies(version, range_) is None


# ---- package.json without a lockfile ------------------------------------------------------------


def test_a_range_without_a_lockfile() -> None:
    [ref] = run(deps('"lodash": "^4.17.0"', '"express": "4.18.2"'))[0]
    assert (ref.rule, ref.line, ref.column) == ("pins.npm.range-without-lock", 4, 5)
    assert ref.text == '"lodash": "^4.17.0"'
    assert ref.name == "lodash"
    assert ref.detail == "`^4.17.0` is a range and no lockfile pins it"
    assert not ref.lock and ref.edit is None


@pytest.mark.parametrize(
    ("spec", "kind"),
    [
        ("^1.0.0", "range-without-lock"),
        ("~1.0.0", "range-without-lock"),
        (">=1.0.0", "range-without-lock"),
        ("1.x", "range-without-lock"),
        ("1", "range-without-lock"),
        ("npm:other@^1.0.0", "range-without-lock"),
        ("*", "any-version"),
        ("", "any-version"),
        ("x", "any-version"),
        ("latest", "any-version"),
        ("next", "any-version"),
        ("npm:other", "any-version"),
        ("github:user/repo", "git-unpinned"),
        ("user/repo#main", "git-unpinned"),
        ("git+https://github.com/user/repo.git#semver:^1", "git-unpinned"),
        ("git://github.com/user/repo.git", "git-unpinned"),
        ("user/repo#v1.2.3", "git-ref"),
        ("user/repo#abc1234", "git-ref"),
        ("https://example.com/pkg.tgz", "tarball-url"),
        ("1.0.0", None),
        ("=1.0.0", None),
        ("v1.0.0", None),
        ("npm:other@1.0.0", None),
        (f"user/repo#{SHA}", None),
        ("file:../x", None),
        ("link:../x", None),
        ("workspace:^", None),
        ("portal:../x", None),
        ("../x", None),
    ],
)
def test_each_form_of_a_dependency(spec: str, kind: str | None) -> None:
    expected = [(kind, 4, 5)] if kind else []
    assert found(deps(f'"dep": {json.dumps(spec)}')) == expected


@pytest.mark.parametrize(
    "section", ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"]
)
def test_every_dependency_section(section: str) -> None:
    assert found(deps('"a": "^1.0.0"', section=section)) == [("range-without-lock", 4, 5)]


def test_the_same_name_in_two_sections_is_found_in_each() -> None:
    text = '{\n  "dependencies": { "a": "^1.0.0" },\n  "devDependencies": { "a": "^1.0.0" }\n}\n'
    assert found(text) == [("range-without-lock", 2, 21), ("range-without-lock", 3, 24)]


def test_minified_json_reports_each_declaration_at_its_column() -> None:
    text = '{"dependencies":{"a":"^1","b":"2.0.0","c":"latest"},"devDependencies":{"a":"^1"}}'
    assert found(text) == [
        ("range-without-lock", 1, 18),
        ("any-version", 1, 39),
        ("range-without-lock", 1, 72),
    ]
    refs, _ = run(text)
    assert [r.text for r in refs] == ['"a":"^1"', '"c":"latest"', '"a":"^1"']


def test_a_declaration_split_over_lines_reports_the_key_and_relates_the_value() -> None:
    [ref] = run('{\n  "dependencies": {\n    "a":\n      "^1.0.0"\n  }\n}\n')[0]
    assert (ref.line, ref.related, ref.text) == (3, (4,), '"a": "^1.0.0"')


def test_other_fields_and_escaped_keys() -> None:
    text = (
        '{\n  "name": "dependencies",\n  "description": "\\"dependencies\\": {\\"a\\": \\"*\\"}",\n'
        '  "scripts": { "dependencies": "echo ^1" },\n'
        '  "dependencies": { "\\u0061": "^1", "b": 3, "c": null, "d": {"e": "^1"} }\n}\n'
    )
    refs, notes = run(text)
    assert notes == []
    assert [(r.line, r.name) for r in refs] == [(5, "a")]


def test_a_duplicate_key_counts_once_as_json_reads_it() -> None:
    text = '{\n  "dependencies": {\n    "a": "^1.0.0",\n    "a": "1.0.0"\n  }\n}\n'
    assert found(text) == []


def test_overrides_resolutions_and_pnpm_overrides() -> None:
    text = """{
  "overrides": {
    "foo": "^1.0.0",
    "bar": {
      ".": "~2.0.0",
      "baz@1": "latest",
      "qux": "$qux"
    },
    "@scope/pkg@2": { "dep": "3.0.0" }
  },
  "resolutions": { "**/minimist": "^1.2.6", "@s/a/@s/b": "1.0.0" },
  "pnpm": { "overrides": { "a>b@<2": ">=2", "c": "-" } }
}
"""
    refs, notes = run(text)
    assert notes == []
    assert [(r.rule.removeprefix("pins.npm."), r.line, r.name) for r in refs] == [
        ("range-without-lock", 3, "foo"),
        ("range-without-lock", 5, "bar"),
        ("any-version", 6, "baz"),
        ("range-without-lock", 11, "minimist"),
        ("range-without-lock", 12, "b"),
    ]


def test_a_peer_range_is_judged_only_when_nothing_else_installs_it() -> None:
    both = (
        '{\n  "peerDependencies": { "react": "^18" },\n'
        '  "devDependencies": { "react": "18.2.0" }\n}'
    )
    assert found(both) == []
    alone = '{\n  "peerDependencies": { "react": "^18" }\n}'
    assert found(alone) == [("range-without-lock", 2, 25)]
    locked = lock_v3(installed("react", "18.2.0"))
    assert found(alone, **{"package-lock.json": locked}) == []
    star = '{\n  "peerDependencies": { "react": "*" }\n}'
    assert found(star, **{"package-lock.json": locked}) == []


def test_a_bom_is_skipped() -> None:
    assert found("\ufeff" + deps('"a": "^1.0.0"')) == [("range-without-lock", 4, 5)]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('{\n  "dependencies": {\n    "a": "^1.0.0",\n  }\n}\n', 4),
        ('{\n  "dependencies": {\n    "a": "^1.0.0"\n', 4),
        ("", 1),
        ("<<<<<<< HEAD\n{}\n", 1),
    ],
)
def test_malformed_json_is_a_note(text: str, line: int) -> None:
    refs, notes = run(text)
    assert refs == []
    [note] = notes
    assert (note.path, note.line) == ("package.json", line)
    assert note.message.startswith("invalid JSON: ")


def test_a_json_document_that_is_not_an_object_declares_nothing() -> None:
    assert run("[1, 2]") == ([], [])
    assert run('"text"') == ([], [])


# ---- with a lockfile ----------------------------------------------------------------------------

PKG = deps('"lodash": "^4.17.0"', '"react": "^18.0.0"', '"zod": "^3.22.0"', '"tag": "latest"')


def test_package_lock_v3_freezes_ranges_and_finds_what_is_out_of_sync() -> None:
    lock = lock_v3(installed("lodash", "4.17.21"), installed("react", "17.0.2"),
                   installed("tag", "2.0.0"))  # fmt: skip
    refs, notes = run(PKG, **{"package-lock.json": lock})
    assert notes == []
    assert [(r.rule.removeprefix("pins.npm."), r.line) for r in refs] == [
        ("out-of-sync", 5),
        ("out-of-sync", 6),
        ("any-version", 7),
    ]
    react, zod, tag = refs
    assert react.lock and zod.lock and not tag.lock
    assert react.detail.startswith("package-lock.json locks `17.0.2`, outside `^18.0.0`")
    assert zod.detail.startswith("`zod@^3.22.0` is not in package-lock.json")
    assert react.fix == "run `npm install` to update package-lock.json"
    assert tag.fix == 'pin it to the locked version: `"tag": "2.0.0"`'
    assert tag.edit == ('"tag": "latest"', '"tag": "2.0.0"')


def test_package_lock_v2_and_v1() -> None:
    v2 = json.loads(lock_v3(installed("lodash", "4.17.21"), installed("react", "18.2.0"),
                            installed("zod", "3.22.4"), installed("tag", "1.0.0")))  # fmt: skip
    v2["lockfileVersion"] = 2
    v2["dependencies"] = {"lodash": {"version": "0.0.1"}}  # the legacy section is not read
    assert found(PKG, **{"package-lock.json": json.dumps(v2, indent=2)}) == [("any-version", 7, 5)]
    v1 = {"lockfileVersion": 1, "dependencies": {"lodash": {"version": "4.17.21"},
          "react": {"version": "18.2.0"}, "zod": {"version": "npm:zod-fork@3.22.4"}}}  # fmt: skip
    assert found(PKG, **{"package-lock.json": json.dumps(v1)}) == [("any-version", 7, 5)]


@pytest.mark.parametrize("indent", [2, 4, "\t", None])
def test_package_lock_in_any_layout(indent: int | str | None) -> None:
    # npm's own layout is indexed by key; any other is parsed whole: the verdicts are the same.
    data = json.loads(lock_v3(("packages/a", {"name": "a"}), installed("lodash", "4.17.21"),
                              installed("react", "17.0.2"), installed("tag", "1.0.0")))  # fmt: skip
    data["lockfileVersion"] = 2
    data["dependencies"] = {"zod": {"version": "3.22.4"}}  # v2's copy for npm 6: not read
    lock = json.dumps(data, indent=indent)
    expected = [("out-of-sync", 5, 5), ("out-of-sync", 6, 5), ("any-version", 7, 5)]
    assert found(PKG, **{"package-lock.json": lock}) == expected
    assert found(PKG, "packages/a/package.json", **{"package-lock.json": lock}) == expected
    assert len(found(PKG, "packages/b/package.json", **{"package-lock.json": lock})) == 4


def test_a_package_lock_with_conflict_markers_is_a_note() -> None:
    lock = lock_v3(installed("lodash", "4.17.21")).replace(
        '    "node_modules/lodash"', '<<<<<<< HEAD\n    "node_modules/lodash"'
    )
    refs, notes = run(deps('"lodash": "^4.17.0"'), **{"package-lock.json": lock})
    assert refs == []
    assert [(n.path, n.line) for n in notes] == [("package-lock.json", 9)]


def test_npm_shrinkwrap_is_a_lockfile_too() -> None:
    lock = lock_v3(installed("a", "1.0.0"))
    assert found(deps('"a": "^1.0.0"'), **{"npm-shrinkwrap.json": lock}) == []


def test_pnpm_lock_v9_compares_specifiers() -> None:
    lock = """lockfileVersion: '9.0'

settings:
  autoInstallPeers: true

importers:

  .:
    dependencies:
      lodash:
        specifier: ^4.17.0
        version: 4.17.21
      react:
        specifier: ^17.0.0
        version: 17.0.2
      tag:
        specifier: latest
        version: 2.0.0(react@17.0.2)
      '@scope/x':
        specifier: '>=1'
        version: 1.0.0

packages:

  lodash@4.17.21:
    resolution: {integrity: sha512-AAAA}
"""
    refs, _ = run(PKG, **{"pnpm-lock.yaml": lock})
    assert [(r.rule.removeprefix("pins.npm."), r.line, r.fix) for r in refs] == [
        ("out-of-sync", 5, "run `pnpm install` to update pnpm-lock.yaml"),
        ("out-of-sync", 6, "run `pnpm install` to update pnpm-lock.yaml"),
        ("any-version", 7, 'pin it to the locked version: `"tag": "2.0.0"`'),
    ]
    assert refs[0].detail.startswith("pnpm-lock.yaml was written for `^17.0.0`")
    assert found(deps('"@scope/x": ">=1"'), **{"pnpm-lock.yaml": lock}) == []


def test_pnpm_lock_v5() -> None:
    lock = """lockfileVersion: 5.4

specifiers:
  lodash: ^4.17.0
  react: ^18.0.0
  zod: ^3.22.0

dependencies:
  lodash: 4.17.21
  react: 18.2.0_react-dom@18.2.0
  zod: 3.22.4

packages:

  /lodash/4.17.21:
    resolution: {integrity: sha512-AAAA}
"""
    assert found(PKG, **{"pnpm-lock.yaml": lock}) == [("any-version", 7, 5)]


def test_pnpm_lock_with_a_package_manager_document_first() -> None:
    lock = """---
lockfileVersion: '9.0'

importers:

  .:
    packageManagerDependencies:
      pnpm:
        specifier: 10.0.0
        version: 10.0.0

packages:

  pnpm@10.0.0:
    resolution: {integrity: sha512-AAAA}

---
lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      a:
        specifier: ^1.0.0
        version: 1.0.0

packages:

  a@1.0.0:
    resolution: {integrity: sha512-AAAA}
"""
    assert found(deps('"a": "^1.0.0"'), **{"pnpm-lock.yaml": lock}) == []
    assert found(deps('"b": "^1.0.0"'), **{"pnpm-lock.yaml": lock}) == [("out-of-sync", 4, 5)]


def test_yarn_classic_matches_patterns() -> None:
    lock = """# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
# yarn lockfile v1


"@babel/core@^7.0.0", "@babel/core@^7.1.0":
  version "7.23.2"
  resolved "https://registry.yarnpkg.com/@babel/core/-/core-7.23.2.tgz#aaaa"

lodash@^4.17.0, lodash@^4.17.21:
  version "4.17.21"
  resolved "https://registry.yarnpkg.com/lodash/-/lodash-4.17.21.tgz#bbbb"

react@^17.0.0:
  version "17.0.2"

tag@latest:
  version "2.0.0"

"tool@github:user/tool#main":
  version "1.0.0"
  resolved "https://codeload.github.com/user/tool/tar.gz/0123456789abcdef0123456789abcdef01234567"
"""
    text = deps('"@babel/core": "^7.1.0"', '"lodash": "^4.17.0"', '"react": "^18.0.0"',
                '"tag": "latest"', '"tool": "github:user/tool#main"')  # fmt: skip
    refs, _ = run(text, **{"yarn.lock": lock})
    assert [(r.rule.removeprefix("pins.npm."), r.line) for r in refs] == [
        ("out-of-sync", 6),
        ("any-version", 7),
        ("git-unpinned", 8),
    ]
    assert refs[0].detail.startswith("`react@^18.0.0` is not in yarn.lock")
    assert refs[1].edit == ('"tag": "latest"', '"tag": "2.0.0"')
    assert refs[2].fix == f"pin it to the commit the lockfile holds: `github:user/tool#{SHA}`"
    assert refs[2].edit == ('"tool": "github:user/tool#main"', f'"tool": "github:user/tool#{SHA}"')


def test_yarn_berry_adds_the_npm_protocol() -> None:
    lock = """# This file is generated by running "yarn install" inside your project.

__metadata:
  version: 8
  cacheKey: 10c0

"app@workspace:.":
  version: 0.0.0-use.local
  resolution: "app@workspace:."

"lodash@npm:^4.17.0, lodash@npm:^4.17.21":
  version: 4.17.21
  resolution: "lodash@npm:4.17.21"

"zod@npm:^3.22.0":
  version: 3.22.4
  resolution: "zod@npm:3.22.4"
"""
    assert found(PKG, **{"yarn.lock": lock}) == [("out-of-sync", 5, 5), ("any-version", 7, 5)]


def test_a_lockfile_with_no_header_comment() -> None:
    lock = 'a@^1.0.0:\n  version "1.2.0"\n'
    assert found(deps('"a": "^1.0.0"'), **{"yarn.lock": lock}) == []


def test_every_lockfile_beside_it_must_disagree_for_out_of_sync() -> None:
    npm_lock = lock_v3(installed("a", "1.0.0"))
    yarn_lock = '# yarn lockfile v1\n\n\nb@^2.0.0:\n  version "2.0.0"\n'
    text = deps('"a": "^1.0.0"', '"b": "^2.0.0"', '"c": "^3.0.0"')
    both = {"package-lock.json": npm_lock, "yarn.lock": yarn_lock}
    assert found(text, **both) == [("out-of-sync", 6, 5)]
    managed = text.replace('"name": "app",', '"name": "app",\n  "packageManager": "yarn@1.22.19",')
    assert found(managed, **both) == [("out-of-sync", 5, 5), ("out-of-sync", 7, 5)]


def test_a_broken_lockfile_is_a_note_and_still_counts_as_a_lockfile() -> None:
    refs, notes = run(deps('"a": "^1.0.0"', '"b": "*"'),
                      **{"package-lock.json": '{\n  "packages": {\n<<<<<<< HEAD\n'})  # fmt: skip
    assert [(r.rule, r.line) for r in refs] == [("pins.npm.any-version", 5)]
    assert notes == [Note("package-lock.json", 3, "invalid JSON: Expecting property name "
                          "enclosed in double quotes")]  # fmt: skip


def test_git_and_tarball_dependencies_with_a_lockfile() -> None:
    lock = lock_v3(
        installed("g", "1.0.0", resolved=f"git+ssh://git@github.com/user/g.git#{SHA}"),
        installed("t", "1.0.0", resolved="https://example.com/t.tgz", integrity="sha512-AA=="),
    )
    text = deps('"g": "user/g"', '"t": "https://example.com/t.tgz"', '"u": "https://x.test/u.tgz"')
    refs, _ = run(text, **{"package-lock.json": lock})
    assert [(r.rule.removeprefix("pins.npm."), r.line, r.lock) for r in refs] == [
        ("git-unpinned", 4, False),
        ("tarball-url", 6, True),
    ]
    assert refs[0].edit == ('"g": "user/g"', f'"g": "user/g#{SHA}"')
    assert (
        refs[0].detail
        == "`user/g` is a git dependency and it follows the repository's default branch"
    )


def test_a_credential_in_a_url_is_never_repeated() -> None:
    token = "tok" + "en-value-1234"
    lock = lock_v3(installed("g", "1.0.0", resolved=f"git+https://github.com/user/g.git#{SHA}"))
    text = deps(f'"g": "git+https://{token}@github.com/user/g.git#main"',
                f'"t": "https://user:{token}@example.com/t.tgz"')  # fmt: skip
    refs, _ = run(text, **{"package-lock.json": lock})
    assert [r.rule for r in refs] == ["pins.npm.git-unpinned", "pins.npm.tarball-url"]
    for ref in refs:
        assert token not in ref.detail + ref.fix
        assert ref.edit is None
    assert refs[0].fix == (
        f"pin it to the commit the lockfile holds: `git+https://***@github.com/user/g.git#{SHA}`"
    )


# ---- workspaces ---------------------------------------------------------------------------------

MEMBER = "packages/a/package.json"
MEMBER_PKG = deps('"lodash": "^4.17.0"', '"sibling": "*"', '"c": "^1.0.0"')


def test_an_npm_workspace_member_uses_the_root_lockfile() -> None:
    lock = lock_v3(
        ("packages/a", {"name": "a"}),
        ("packages/a/node_modules/lodash", {"version": "4.17.20"}),
        installed("lodash", "3.10.1"),
        ("node_modules/sibling", {"resolved": "packages/sibling", "link": True}),
        installed("c", "2.0.0"),
    )
    assert found(MEMBER_PKG, MEMBER, **{"package-lock.json": lock}) == [("out-of-sync", 6, 5)]


def test_a_root_lockfile_that_does_not_list_the_member_does_not_count() -> None:
    lock = lock_v3(installed("lodash", "4.17.21"))
    assert [k for k, _, _ in found(MEMBER_PKG, MEMBER, **{"package-lock.json": lock})] == [
        "range-without-lock", "any-version", "range-without-lock",
    ]  # fmt: skip


def test_the_nearest_lockfile_wins() -> None:
    root = lock_v3(("packages/a", {"name": "a"}))
    own = lock_v3(installed("lodash", "4.17.21"), installed("c", "1.0.0"))
    others = {"package-lock.json": root, "packages__a__package-lock.json": own}
    assert found(MEMBER_PKG, MEMBER, **others) == [("any-version", 5, 5)]


def test_a_pnpm_workspace_member() -> None:
    lock = """lockfileVersion: '6.0'

importers:

  .:
    devDependencies:
      typescript:
        specifier: ^5.0.0
        version: 5.3.3

  packages/a:
    dependencies:
      lodash:
        specifier: ^4.17.0
        version: 4.17.21
      sibling:
        specifier: '*'
        version: link:../sibling

packages:

  /lodash@4.17.21:
    resolution: {integrity: sha512-AAAA}
"""
    assert found(MEMBER_PKG, MEMBER, **{"pnpm-lock.yaml": lock}) == [("out-of-sync", 6, 5)]
    elsewhere = "packages/b/package.json"
    assert len(found(MEMBER_PKG, elsewhere, **{"pnpm-lock.yaml": lock})) == 3


def test_a_yarn_berry_workspace_member() -> None:
    lock = """__metadata:
  version: 8

"a@workspace:packages/a":
  version: 0.0.0-use.local
  resolution: "a@workspace:packages/a"

"lodash@npm:^4.17.0":
  version: 4.17.21
  resolution: "lodash@npm:4.17.21"

"sibling@npm:*, sibling@workspace:packages/sibling":
  version: 0.0.0-use.local
  resolution: "sibling@workspace:packages/sibling"
"""
    assert found(MEMBER_PKG, MEMBER, **{"yarn.lock": lock}) == [("out-of-sync", 6, 5)]


def test_a_classic_yarn_workspace_member_is_recognised_by_its_patterns() -> None:
    lock = (
        '# yarn lockfile v1\n\n\nlodash@^4.17.0:\n  version "4.17.21"\n\n'
        'c@^0.9.0:\n  version "0.9.1"\n'
    )
    # A workspace sibling is absent from a classic yarn.lock by design, so a name it does not
    # hold at all is given the benefit of the doubt; c is there, but for another range.
    assert found(MEMBER_PKG, MEMBER, **{"yarn.lock": lock}) == [("out-of-sync", 6, 5)]
    unrelated = '# yarn lockfile v1\n\n\nother@^1.0.0:\n  version "1.0.0"\n'
    assert len(found(MEMBER_PKG, MEMBER, **{"yarn.lock": unrelated})) == 3


# ---- real repositories --------------------------------------------------------------------------


def test_a_new_package_json_reports_each_floating_line(repo: Repo) -> None:
    repo.stage("package.json", deps('"express": "^4.18.2"', '"left-pad": "1.3.0"',
                                    '"next": "latest"', '"tool": "user/tool#main"'))  # fmt: skip
    code, rows, _ = scan(repo)
    assert code == 1
    assert rows == [
        ("package.json", 4, "pins.npm.range-without-lock", "medium"),
        ("package.json", 6, "pins.npm.any-version", "high"),
        ("package.json", 7, "pins.npm.git-unpinned", "high"),
    ]


def test_a_committed_in_sync_lockfile_freezes_the_ranges(repo: Repo) -> None:
    repo.stage("package-lock.json", lock_v3(installed("express", "4.18.2"),
                                            installed("left-pad", "1.3.0")))  # fmt: skip
    repo.stage("package.json", deps('"express": "^4.18.2"', '"left-pad": "1.3.0"'))
    assert scan(repo)[:2] == (0, [])


def test_only_the_lines_a_commit_adds_are_reported(repo: Repo) -> None:
    repo.stage("package.json", deps('"express": "^4.18.2"'))
    repo.commit()
    repo.stage("package.json", deps('"lodash": "^4.17.21"', '"express": "^4.18.2"'))
    code, rows, _ = scan(repo)
    assert (code, rows) == (1, [("package.json", 4, "pins.npm.range-without-lock", "medium")])


def test_a_lockfile_only_change_reports_what_it_leaves_out_of_sync(repo: Repo) -> None:
    repo.stage("package.json", deps('"express": "^4.18.2"', '"lodash": "^4.17.21"'))
    repo.stage("package-lock.json", lock_v3(installed("express", "4.18.2"),
                                            installed("lodash", "4.17.21")))  # fmt: skip
    repo.commit()
    repo.stage("package-lock.json", lock_v3(installed("express", "4.18.3"),
                                            installed("lodash", "4.17.21")))  # fmt: skip
    assert scan(repo)[:2] == (0, [])
    repo.stage("package-lock.json", lock_v3(installed("express", "5.0.0")))
    code, rows, _ = scan(repo)
    assert code == 1
    assert rows == [
        ("package.json", 4, "pins.npm.out-of-sync", "medium"),
        ("package.json", 5, "pins.npm.out-of-sync", "medium"),
    ]


def test_the_lockfile_is_read_from_the_index_not_the_work_tree(repo: Repo) -> None:
    repo.stage("packages/a/package.json", deps('"zod": "^3.22.0"'))
    repo.stage("package-lock.json", lock_v3(("packages/a", {"name": "a"})))
    repo.write("package-lock.json", lock_v3(("packages/a", {"name": "a"}),
                                            installed("zod", "3.22.4")))  # fmt: skip
    code, rows, _ = scan(repo)
    assert (code, rows) == (1, [("packages/a/package.json", 4, "pins.npm.out-of-sync", "medium")])
    assert repo.git("status", "--porcelain") == "AM package-lock.json\nA  packages/a/package.json\n"


def test_the_strict_profile_reports_git_tags_and_bare_tarball_urls(repo: Repo) -> None:
    text = deps('"tool": "user/tool#v1.2.3"', '"widget": "https://example.com/widget-1.0.0.tgz"',
                f'"pinned": "user/pinned#{SHA}"')  # fmt: skip
    repo.stage("package.json", text)
    assert scan(repo)[:2] == (0, [])
    repo.write(".tollgate.toml", '[pins]\nprofile = "strict"\n')
    code, rows, _ = scan(repo)
    assert (code, rows) == (1, [
        ("package.json", 4, "pins.npm.git-ref", "medium"),
        ("package.json", 5, "pins.npm.tarball-url", "medium"),
    ])  # fmt: skip


def test_malformed_files_are_warnings(repo: Repo) -> None:
    repo.stage("package.json", '{\n  "dependencies": {\n    "a": "^1.0.0",\n  }\n}\n')
    repo.stage("web/package.json", deps('"a": "^1.0.0"'))
    repo.stage("web/package-lock.json", '{\n  "lockfileVersion": 3,\n  oops\n}\n')
    code, rows, err = scan(repo)
    assert (code, rows) == (0, [])
    warnings = sorted(line for line in err.splitlines() if line.startswith("tollgate: warning"))
    assert warnings == [
        "tollgate: warning: package.json:4: invalid JSON: Expecting property name enclosed in "
        "double quotes",
        "tollgate: warning: web/package-lock.json:3: invalid JSON: Expecting property name "
        "enclosed in double quotes",
    ]


def test_members_a_root_lockfile_records() -> None:
    lock = lock_v3(
        ("packages/a", {"name": "a"}),
        ("apps/web", {"name": "web"}),
        ("node_modules/a", {"resolved": "packages/a", "link": True}),
        ("node_modules/lodash", {"version": "4.17.21"}),
        ("../outside", {"name": "x"}),
    )
    assert members("repo/package-lock.json", lock) == (
        "repo/packages/a/package.json",
        "repo/apps/web/package.json",
    )
    pnpm = (
        "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies: {}\n"
        "  libs/b:\n    dependencies: {}\n"
    )
    assert members("pnpm-lock.yaml", pnpm) == ("libs/b/package.json",)
    assert members("yarn.lock", "# yarn lockfile v1\n") == ()
    assert members("package-lock.json", "{ not json") == ()


@pytest.mark.parametrize(
    ("extra", "project", "flagged"),
    [
        ('"main": "index.js",', "auto", False),  # a published library
        ('"exports": "./index.js",', "auto", False),
        ('"private": true, "main": "index.js",', "auto", True),  # never published: an app
        ("", "auto", True),  # nothing to publish: an application
        ('"main": "index.js",', "application", True),
        ("", "library", False),
    ],
)
def test_a_published_librarys_ranges_are_not_floating(
    extra: str, project: str, flagged: bool
) -> None:
    text = f'{{"name": "x", "version": "1.0.0", {extra}\n "dependencies": {{"a": "^1.0.0"}}}}\n'
    analysis = npm.analyse(
        Files("package.json", text, dict.fromkeys(npm.context("package.json"))),
        PinSettings(project=project),
    )
    assert [r.rule for r in analysis.refs] == (["pins.npm.range-without-lock"] if flagged else [])
