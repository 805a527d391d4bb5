"""`tollgate pack import`: gitleaks configs and semgrep rule directories become packs that prove
themselves; what cannot be expressed is reported rule by rule, never silently changed.

The gitleaks and semgrep configs here are written for these tests from the tools' documented
formats (no rule file of either project is copied).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli

from tests.conftest import tollgate
from tollgate.checks.secrets.entropy import shannon
from tollgate.pack.importers.pathglob import path_globs
from tollgate.pack.importers.re2syntax import SynthesisError, python_syntax
from tollgate.pack.importers.semgrep import rewrite_annotations
from tollgate.pack.importers.synth import POLICIES, synthesize
from tollgate.pack.importers.tomlwrite import regex as toml_regex
from tollgate.pack.importers.tomlwrite import string as toml_string
from tollgate.pack.load import load_pack
from tollgate.regex import compile_re2

# ---------------------------------------------------------------- the synthesiser


def _matches(pattern: str, group: int | str, text: str) -> str:
    """What RE2 (the engine tollgate runs) captures in `text` for `group`."""
    compiled = compile_re2(pattern, "test")
    number = group if isinstance(group, int) else compiled.groupindex[group]
    match = compiled.search(text)
    assert match is not None, (pattern, text)
    return str(match.group(number))


@pytest.mark.parametrize(
    ("pattern", "group", "keywords"),
    [
        # prefix literal + class{n}
        (r"\b(acme_[0-9a-zA-Z]{32})\b", 1, ["acme_"]),
        # alternations
        (r"\b((?:sk|rk)_(?:live|test)_[0-9a-zA-Z]{24,99})\b", 1, ["sk_live_"]),
        # optional groups, the secret in the second
        (r"(tok_)?\b([a-f0-9]{40})\b", 2, []),
        # \b and (?i), an assignment the regex spells itself
        (r"(?i)\bquux[_-]?key\s*[:=]\s*['\"]?([a-z0-9]{20,40})\b", 1, ["quux"]),
        # named groups, Python's and Go's spellings
        (r"(?P<token>zz-[A-Z2-7]{26})", "token", ["zz-"]),
        (r"(?<token>yy\.[A-Za-z0-9]{8}\.[A-Za-z0-9]{24})", "token", ["yy."]),
        # nested quantifiers
        (r"\b((?:[a-z]{4}-){3}[a-z0-9]{8})\b", 1, []),
        (r"\b(pfx(?:_[A-Z0-9]{4}(?:-[a-z]{2})?){2,3})\b", 1, ["pfx_"]),
        # scoped flags, lazy filler before \b, \z
        (r"(?i:vendo|vnd)[^\n]{0,40}?\b(00[0-9A-Za-z_-]{40})(?:[^0-9A-Za-z_-]|\z)", 1, ["vendo"]),
        # RE2-only spellings: POSIX classes, \x{..}, \Q..\E, \pL
        (r"\b(\Qq.t+\E[[:alnum:]]{30}\x{5F}\pL{4})\b", 1, ["q.t+"]),
        # generic assignment shape: keyword, operator, quoted value, terminator
        (
            r"(?i)(?:qwop)(?:[0-9a-z\-_\t .]{0,20})(?:[\s|']|[\s|\"]){0,3}"
            r"(?:=|>|:{1,3}=|\|\|:|<=|=>|:|\?=)(?:'|\"|\s|=|\x60){0,5}([a-z0-9_-]{32})"
            r"(?:['|\"|\n|\r|\s|\x60|;]|$)",
            1,
            ["qwop"],
        ),
    ],
)
@pytest.mark.parametrize("policy", POLICIES)
def test_synthesised_text_matches_with_the_expected_group(
    pattern: str, group: int | str, keywords: list[str], policy: str
) -> None:
    instance = synthesize(pattern, group, keywords, seed="t", policy=policy)
    assert _matches(pattern, group, instance.text) == instance.secret
    assert instance.secret
    if keywords:
        assert any(k in instance.text.lower() for k in keywords), instance.text


def test_keyword_steers_alternations_and_classes() -> None:
    instance = synthesize(r"\b((?:sk|rk)_(?:live|test)_[0-9a-z]{24})\b", 1, ["rk_test_"], seed="")
    assert instance.secret.startswith("rk_test_")
    instance = synthesize(r"\b(xo[a-z][baprs]-[0-9]{12})\b", 1, ["xoxb-"], seed="")
    assert instance.secret.startswith("xoxb-")


def test_classes_get_high_entropy_characters() -> None:
    instance = synthesize(r"\b([a-f0-9]{40})\b", 1, seed="entropy")
    # As even as 40 characters of 16 can be: each 2 or 3 times.
    assert {instance.secret.count(c) for c in "0123456789abcdef"} == {2, 3}
    assert shannon(instance.secret) > 3.97
    instance = synthesize(r"\b([A-Za-z0-9]{32})\b", 1, seed="entropy")
    assert len(set(instance.secret)) == 32


def test_synthesis_is_deterministic_per_seed() -> None:
    pattern = r"\b(det_[A-Za-z0-9]{30})\b"
    assert synthesize(pattern, 1, seed="a") == synthesize(pattern, 1, seed="a")
    assert synthesize(pattern, 1, seed="a") != synthesize(pattern, 1, seed="b")


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        (r"foo(?=bar)[a-z]{10}", "assert"),
        (r"(a)[a-z]\1", "groupref"),
        (r"\b(tok_\p{Greek}{12})\b", "Greek"),
    ],
)
def test_what_cannot_be_synthesised_says_why(pattern: str, message: str) -> None:
    with pytest.raises(SynthesisError, match=message):
        synthesize(pattern, 0, seed="")


def test_re2_spellings_are_rewritten_for_the_parser() -> None:
    assert python_syntax(r"(?i)a\z") == r"a\Z"
    assert python_syntax(r"(?U)(?<n>x)(?is:y)") == r"(?P<n>x)(?is:y)"
    assert python_syntax(r"[[:digit:]_]") == r"[0-9_]"
    assert python_syntax(r"[]a]") == r"[\]a]"


@pytest.mark.parametrize(
    ("pattern", "globs", "exact"),
    [
        (r"gitleaks\.toml", ("*gitleaks.toml*",), True),
        (r"(go.mod|go.sum)$", ("*go?mod", "*go?sum"), True),
        (
            r"(?:^|/)node_modules(?:/.*)?$",
            ("node_modules", "node_modules/*", "*/node_modules", "*/node_modules/*"),
            True,
        ),
        (r"^tests/fixtures/[^/]+\.json$", ("tests/fixtures/[!/]*.json",), False),
        (r"(?i)\.PNG$", ("*.[pP][nN][gG]",), True),
        (r"\.(?:[^.]+)\.bak$", ("*.[!.]*.bak",), False),
    ],
)
def test_path_regexes_become_globs(pattern: str, globs: tuple[str, ...], exact: bool) -> None:
    found = path_globs(pattern)
    assert found is not None
    assert (found.globs, found.exact) == (globs, exact)


@pytest.mark.parametrize("pattern", [r"\bdocs\b", r"\s+\.md$", r"a{2,5}b{2,5}c{2,5}\.md"])
def test_path_regexes_without_a_glob_form(pattern: str) -> None:
    assert path_globs(pattern) is None


@pytest.mark.parametrize(
    "value", ["plain", "it's", "a\\b", "tab\there", 'q"q', "line\nbreak", "del\x7f", "'''"]
)
def test_toml_strings_round_trip(value: str) -> None:
    assert tomli.loads(f"x = {toml_string(value)}")["x"] == value
    assert tomli.loads(f"x = {toml_regex(value)}")["x"] == value


def test_annotations_are_rewritten_and_foreign_ones_voided() -> None:
    text = (
        "# ruleid: eval-use\n"
        "eval(x)\n"
        "x = 1  # ok: eval-use, exec-use\n"
        "// todoruleid: python.lang.security.eval-use\n"
        "/* deepok: exec-use */\n"
        "<!-- deepruleid: eval-use -->\n"
    )
    assert rewrite_annotations(text, {"eval-use": "patterns.python.eval-use"}) == (
        "# ruleid: patterns.python.eval-use\n"
        "eval(x)\n"
        "x = 1  # ok: patterns.python.eval-use\n"
        "// todoruleid: patterns.python.eval-use\n"
        "/* (not imported: exec-use) */\n"
        "<!-- todoruleid: patterns.python.eval-use -->\n"
    )


# ---------------------------------------------------------------- gitleaks, through the CLI

# The shape of a generic "keyword, operator, quoted value" rule.
BOLT_REGEX = (
    r"(?i)(?:bolt)(?:[0-9a-z\-_\t .]{0,20})(?:[\s|']|[\s|\"]){0,3}"
    r"(?:=|>|:{1,3}=|\|\|:|<=|=>|:|\?=)(?:'|\"|\s|=|\x60){0,5}([a-f0-9]{40})"
    r"(?:['|\"|\n|\r|\s|\x60|;]|$)"
)
GITLEAKS = r"""
title = "team gitleaks config"

[extend]
useDefault = true

[allowlist]
description = "global"
paths = ['''(?:^|/)vendor/''', '''\.lock$''', '''\bweird\b''']
regexes = ['''^acme_TEST''']
commits = ["0123456789abcdef0123456789abcdef01234567"]

[[rules]]
id = "acme-api-key"
description = "Acme API key. Grants full access to the account."
regex = '''\b(acme_[0-9a-zA-Z]{32})\b'''
keywords = ["ACME_"]

[[rules]]
id = "bolt-deploy-token"
description = "Bolt deploy token"
regex = '''@BOLT@'''
secretGroup = 1
entropy = 3.2
keywords = ["bolt"]
[rules.allowlist]
stopwords = ["DEADBEEF"]
regexTarget = "line"
regexes = ['''bolt-example''']

[[rules]]
id = "crate_secret"
description = "Crate secret key"
regex = '''(?P<key>crt-(?:live|test)-[A-Z2-7]{26})'''
secretGroup = 1
keywords = ["crt-live-", "crt-test-"]
[[rules.allowlists]]
commits = ["abc1234"]
paths = ['''^docs/''']

[[rules]]
id = "dyn-token"
description = "Dyn token with an optional prefix"
regex = '''\b((?:dyn_)?[A-Za-z0-9]{8}\.[A-Za-z0-9]{24})\b'''
keywords = ["dyn"]
[[rules.allowlists]]
condition = "AND"
paths = ['''test''']
stopwords = ["sample"]

[[rules]]
id = "pkcs12-file"
description = "PKCS#12 file"
path = '''(?i)\.p12$'''

[[rules]]
id = "lookahead-token"
description = "uses look-ahead, which Go's regexp does not have"
regex = '''tok_(?=[a-z]{10})[a-z0-9]+'''

[[rules]]
id = "internal-path-token"
description = "only in deploy files"
regex = '''\b(dpl_[a-z0-9]{20})\b'''
path = '''deploy/'''

[[rules]]
id = "low-entropy"
description = "an entropy threshold no string of its class can reach"
regex = '''\b(lowe_[ab]{16})\b'''
entropy = 4.0
keywords = ["lowe_"]
""".replace("@BOLT@", BOLT_REGEX)


def _rules_before(rule_id: str) -> str:
    """The config up to (without) the rule `rule_id`."""
    return GITLEAKS.split(f'[[rules]]\nid = "{rule_id}"', maxsplit=1)[0]


def _gitleaks_config(tmp_path: Path, text: str = GITLEAKS) -> Path:
    path = tmp_path / "gitleaks.toml"
    path.write_text(text, "utf-8")
    return path


def test_gitleaks_import_reports_every_rule_and_its_pack_passes(tmp_path: Path) -> None:
    _gitleaks_config(tmp_path, _rules_before("low-entropy"))
    run = tollgate("pack", "import", "gitleaks", "gitleaks.toml", "--out", "team", cwd=tmp_path)
    assert run.err == ""
    assert run.code == 0, run.out
    out = run.out.splitlines()
    assert out[:-3] == [
        "note: [extend] useDefault: gitleaks' own default rules are not imported (tollgate's "
        "built-in pack covers the common providers)",
        "note: global allowlist: commits (1) cannot be expressed (tollgate judges what is "
        "committed, not history): skipped",
        r"note: global allowlist: path regex '\\bweird\\b' has no glob form: skipped",
        "imported secrets.acme-api-key -> secrets/gitleaks.toml",
        "imported secrets.bolt-deploy-token -> secrets/gitleaks.toml",
        "  allowlist: 1 regex(es) with regexTarget 'line' cannot be expressed (tollgate "
        "allowlist regexes test the secret only): skipped",
        "imported secrets.crate-secret -> secrets/gitleaks.toml",
        "  id 'crate_secret' became secrets.crate-secret",
        "  allowlists[0]: commits (1) cannot be expressed (tollgate judges what is committed, "
        "not history): skipped",
        "imported secrets.dyn-token -> secrets/gitleaks.toml",
        "  allowlists[0]: condition AND over paths, stopwords cannot be expressed (a tollgate "
        "allowlist drops a finding when any one entry matches): skipped",
        "skipped pkcs12-file: a path-only rule (no regex): tollgate secret rules match file "
        "content",
        "skipped lookahead-token: regex is not valid Go/RE2 syntax: invalid perl operator: (?=",
        "skipped internal-path-token: limited to paths matching 'deploy/': tollgate cannot "
        "limit a secret rule",
    ]
    assert out[-3:] == [
        "gitleaks.toml: 4 imported, 3 skipped, 0 need examples",
        "wrote 1 file(s) into team",
        "team 0.1.0: 4 secret rules, 8 examples, 0 failure(s): passed",
    ]
    # The pack holds only the imported rules, and proves them on its own.
    assert sorted(
        p.relative_to(tmp_path / "team").as_posix()
        for p in (tmp_path / "team").rglob("*")
        if p.is_file()
    ) == [
        "pack.toml",
        "secrets/gitleaks.toml",
    ]
    check = tollgate("pack", "test", "team", cwd=tmp_path)
    assert (check.code, check.out.splitlines()[-1]) == (
        0,
        "team 0.1.0: 4 secret rules, 8 examples, 0 failure(s): passed",
    )
    pack = load_pack(tmp_path / "team")
    assert pack.name == "team"
    assert "gitleaks rules of gitleaks.toml" in pack.description
    rules = {rule.id: rule for rule in pack.secrets}
    acme = rules["secrets.acme-api-key"]
    assert (acme.title, acme.severity.label, acme.confidence.label) == (
        "Acme API key",
        "high",
        "medium",
    )
    assert acme.keywords == ("acme_",)
    assert acme.secret_group == 1
    assert acme.allowlist.paths == ("vendor/*", "*/vendor/*", "*.lock")
    assert acme.allowlist.regexes == ("^acme_TEST",)
    bolt = rules["secrets.bolt-deploy-token"]
    assert (bolt.entropy, bolt.allowlist.stopwords) == (3.2, ("deadbeef",))
    assert rules["secrets.crate-secret"].allowlist.paths[-1] == "docs/*"
    assert rules["secrets.dyn-token"].allowlist.stopwords == ()
    for rule in pack.secrets:
        assert len(rule.examples) == 1
        assert len(rule.negatives) == 1
        assert rule.examples[0].secret in rule.examples[0].text
        assert shannon(rule.examples[0].secret) >= rule.entropy
    text = (tmp_path / "team" / "secrets" / "gitleaks.toml").read_text("utf-8")
    example_lines = [line for line in text.splitlines() if line.startswith(("text =", "secret ="))]
    assert len(example_lines) == 12
    assert all(line.endswith("  # pragma: allowlist secret") for line in example_lines)


def test_a_rule_without_synthesisable_examples_is_written_and_named(tmp_path: Path) -> None:
    _gitleaks_config(tmp_path)
    run = tollgate("pack", "import", "gitleaks", "gitleaks.toml", "--out", "team", cwd=tmp_path)
    assert run.code == 1, run.out + run.err
    out = run.out.splitlines()
    assert "imported secrets.low-entropy -> secrets/gitleaks.toml" in out
    assert "needs examples: secrets.low-entropy" in out
    assert "gitleaks.toml: 5 imported, 3 skipped, 1 need examples" in out
    assert (
        "FAIL team/secrets/gitleaks.toml: secrets.low-entropy: has no examples that must match"
        in out
    )
    assert out[-1].endswith("failure(s): failed")
    assert "secrets.low-entropy" in {rule.id for rule in load_pack(tmp_path / "team").secrets}


def test_gitleaks_import_into_an_existing_pack(tmp_path: Path) -> None:
    from tests.test_pack import MANIFEST, make_pack, team_rule  # noqa: PLC0415

    make_pack(tmp_path / "team", {"team.toml": "version = 1\n" + team_rule()})
    _gitleaks_config(tmp_path, _rules_before("dyn-token"))
    args = ("pack", "import", "gitleaks", "gitleaks.toml", "--out", "team", "--name", "other")
    run = tollgate(*args, cwd=tmp_path)
    assert run.code == 0, run.out + run.err
    assert run.out.splitlines()[0] == (
        "note: --name names a new pack; team keeps the name its pack.toml gives"
    )
    assert run.out.splitlines()[-1] == (
        "team 1.0.0: 4 secret rules, 8 examples, 0 failure(s): passed"
    )
    assert (tmp_path / "team" / "pack.toml").read_text("utf-8") == MANIFEST
    # A second import would overwrite the rule file: refused, unless --force.
    again = tollgate(*args, cwd=tmp_path)
    assert (again.code, again.out) == (2, "")
    assert again.err == (
        "tollgate: error: team/secrets/gitleaks.toml: already exists; pass --force to "
        "overwrite it\n"
    )
    forced = tollgate(*args, "--force", cwd=tmp_path)
    assert forced.code == 0, forced.out + forced.err


def test_gitleaks_rule_clashing_with_the_pack_is_skipped(tmp_path: Path) -> None:
    from tests.test_pack import make_pack, team_rule  # noqa: PLC0415

    make_pack(tmp_path / "team", {"team.toml": "version = 1\n" + team_rule("secrets.acme-api-key")})
    _gitleaks_config(tmp_path, _rules_before("bolt-deploy-token"))
    run = tollgate("pack", "import", "gitleaks", "gitleaks.toml", "--out", "team", cwd=tmp_path)
    assert (
        "skipped acme-api-key: id secrets.acme-api-key is already defined in secrets/team.toml"
        in run.out
    )
    assert run.code == 1  # nothing imported
    assert not (tmp_path / "team" / "secrets" / "gitleaks.toml").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[rules]]\nid = "x\n', "gitleaks.toml: invalid TOML: "),
        ("rules = 3\n", "gitleaks.toml: 'rules' must be an array of tables ([[rules]])"),
        ("[[rules]]\nregex = 'x'\n", "gitleaks.toml: rules[0]: missing required key 'id'"),
    ],
)
def test_unreadable_gitleaks_config_is_one_line(tmp_path: Path, text: str, message: str) -> None:
    _gitleaks_config(tmp_path, text)
    run = tollgate("pack", "import", "gitleaks", "gitleaks.toml", "--out", "team", cwd=tmp_path)
    assert (run.code, run.out) == (2, "")
    assert len(run.err.splitlines()) == 1
    assert message in run.err
    if "TOML" in message:
        assert "line 2" in run.err
    assert not (tmp_path / "team").exists()


def test_out_must_be_new_or_a_pack(tmp_path: Path) -> None:
    _gitleaks_config(tmp_path)
    (tmp_path / "stuff").mkdir()
    (tmp_path / "stuff" / "notes.txt").write_text("x", "utf-8")
    run = tollgate("pack", "import", "gitleaks", "gitleaks.toml", "--out", "stuff", cwd=tmp_path)
    assert run.code == 2
    assert run.err == (
        "tollgate: error: stuff: exists and is not a rule pack (no pack.toml); give a new "
        "directory or a pack\n"
    )


# ---------------------------------------------------------------- semgrep, through the CLI

SEMGREP_FILES = {
    "python/pickle-loads-request.yaml": """\
rules:
  - id: pickle-loads-request
    message: >-
      pickle.loads on request data runs code the sender chooses. Parse JSON instead.
    languages: [python]
    severity: ERROR
    metadata:
      category: security
      subcategory: [vuln]
      cwe:
        - "CWE-502: Deserialization of Untrusted Data"
        - "CWE-94: Improper Control of Generation of Code"
      confidence: HIGH
      references:
        - https://docs.python.org/3/library/pickle.html
    pattern: pickle.loads(request.$ATTR)
""",
    "python/pickle-loads-request.py": """\
import pickle


def view(request):
    # ruleid: pickle-loads-request
    first = pickle.loads(request.body)
    # ok: pickle-loads-request
    second = pickle.loads(TRUSTED)
    return first, second
""",
    "js/eval-user-input.yml": """\
rules:
  - id: eval-user-input
    message: eval of a string built at run time runs it as code; parse the data instead
    languages: [js]
    severity: WARNING
    metadata:
      category: security
      vulnerability_class: [Code Injection]
      source-rule-url: https://semgrep.dev/r/example-eval
    patterns:
      - pattern: eval($X)
      - pattern-not: eval("...")
""",
    "js/eval-user-input.js": """\
function run(input) {
  // ruleid: eval-user-input
  eval("1 + " + input);
  // ok: eval-user-input
  eval("1 + 2");
}
""",
    "js/document-write.yaml": """\
rules:
  - id: document-write
    message: document.write with a value built at run time
    languages: [javascript]
    severity: INFO
    pattern: document.write($X)
""",
    "ml/ocaml-rule.yaml": """\
rules:
  - id: ocaml-obj-magic
    message: Obj.magic defeats the type system
    languages: [ocaml]
    severity: WARNING
    pattern: Obj.magic $X
""",
    "ml/ocaml-rule.ml": "(* ruleid: ocaml-obj-magic *)\nlet x = Obj.magic 1\n",
    ".github/workflows/ci.yaml": "on: push\njobs: {}\n",
}


def _semgrep_dir(tmp_path: Path, files: dict[str, str] = SEMGREP_FILES) -> Path:
    root = tmp_path / "semgrep-rules"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


def test_semgrep_import_with_tests_and_metadata(tmp_path: Path) -> None:
    _semgrep_dir(tmp_path)
    run = tollgate("pack", "import", "semgrep", "semgrep-rules", "--out", "pp", cwd=tmp_path)
    assert run.err == ""
    assert run.code == 0, run.out
    assert run.out.splitlines() == [
        "skipped document-write: no test file beside it (semgrep's document-write.<ext>)",
        "imported patterns.javascript.eval-user-input -> patterns/javascript/eval-user-input.yaml",
        "  cwe: none given, CWE-94 from its category code-injection",
        "skipped ocaml-obj-magic: language 'ocaml' is not supported by tollgate",
        "imported patterns.python.pickle-loads-request -> "
        "patterns/python/pickle-loads-request.yaml",
        "semgrep-rules: 2 imported, 2 skipped, 0 need examples",
        "wrote 4 file(s) into pp",
        "pp 0.1.0: 0 secret rules, 2 pattern rules, 4 examples, 0 failure(s): passed",
    ]
    root = tmp_path / "pp"
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == [
        "pack.toml",
        "patterns/javascript/eval-user-input.js",
        "patterns/javascript/eval-user-input.yaml",
        "patterns/python/pickle-loads-request.py",
        "patterns/python/pickle-loads-request.yaml",
    ]
    assert "# ruleid: patterns.python.pickle-loads-request\n" in (
        root / "patterns/python/pickle-loads-request.py"
    ).read_text("utf-8")
    check = tollgate("pack", "test", "pp", cwd=tmp_path)
    assert check.code == 0, check.out + check.err
    rules = {rule.id: rule for rule in load_pack(root).patterns}
    pickle_rule = rules["patterns.python.pickle-loads-request"]
    assert (
        pickle_rule.severity.label,
        pickle_rule.confidence.label,
        pickle_rule.category,
        pickle_rule.cwe,
        pickle_rule.references,
    ) == (
        "high",
        "high",
        "deserialization",
        "CWE-502: Deserialization of Untrusted Data",
        ("https://docs.python.org/3/library/pickle.html",),
    )
    eval_rule = rules["patterns.javascript.eval-user-input"]
    assert (eval_rule.severity.label, eval_rule.confidence.label, eval_rule.category) == (
        "medium",
        "medium",
        "code-injection",
    )
    assert eval_rule.references == ("https://semgrep.dev/r/example-eval",)
    assert eval_rule.languages == ("js",)


def test_semgrep_fallbacks_are_reported(tmp_path: Path) -> None:
    files = {
        "py/open-anything.yaml": """\
rules:
  - id: open-anything
    message: open() of a path from the environment
    languages: [python]
    severity: INFO
    metadata:
      severity: critical
    pattern: open(os.environ[$K])
""",
        "py/open-anything.py": (
            "import os\n# ruleid: open-anything\nopen(os.environ['P'])\nopen('fixed')\n"
        ),
    }
    _semgrep_dir(tmp_path, files)
    run = tollgate("pack", "import", "semgrep", "semgrep-rules", "--out", "pp", cwd=tmp_path)
    assert run.code == 1  # the test marks no ok: line, which pack test requires
    assert run.out.splitlines()[:6] == [
        "imported patterns.python.open-anything -> patterns/python/open-anything.yaml",
        "  its test files mark no `ok:` line: pack test wants one",
        "  severity: semgrep's INFO written as ERROR (tollgate's check wants it to agree with "
        "severity critical)",
        "  category: nothing maps (no metadata): insecure-configuration",
        "  cwe: none given, CWE-16 from its category insecure-configuration",
        "  references: none given, the CWE's page https://cwe.mitre.org/data/definitions/16.html",
    ]
    assert (
        "FAIL pp/patterns/python/open-anything.yaml: patterns.python.open-anything: its tests "
        "mark no `ok:` line"
    ) in run.out


def test_invalid_semgrep_yaml_is_one_line(tmp_path: Path) -> None:
    _semgrep_dir(tmp_path, {"bad.yaml": "rules:\n  - id: x\n    message: [unclosed\n"})
    run = tollgate("pack", "import", "semgrep", "semgrep-rules", "--out", "pp", cwd=tmp_path)
    assert (run.code, run.out) == (2, "")
    assert run.err.startswith(f"tollgate: error: {Path('semgrep-rules') / 'bad.yaml'}:4: ")
    assert len(run.err.splitlines()) == 1


def test_both_imports_into_one_pack(tmp_path: Path) -> None:
    _gitleaks_config(tmp_path, _rules_before("low-entropy"))
    _semgrep_dir(tmp_path)
    first = tollgate("pack", "import", "gitleaks", "gitleaks.toml", "--out", "team", cwd=tmp_path)
    assert first.code == 0, first.out + first.err
    args = ("pack", "import", "semgrep", "semgrep-rules", "--out", "team")
    second = tollgate(*args, cwd=tmp_path)
    assert second.code == 0, second.out + second.err
    assert second.out.splitlines()[-1] == (
        "team 0.1.0: 4 secret rules, 2 pattern rules, 12 examples, 0 failure(s): passed"
    )
    again = tollgate(*args, cwd=tmp_path)
    assert again.code == 2
    assert "already exists; pass --force to overwrite it" in again.err
    forced = tollgate(*args, "--force", cwd=tmp_path)
    assert forced.code == 0, forced.out + forced.err
    assert "already defined" not in forced.out  # replacing a file may keep its rules' ids
