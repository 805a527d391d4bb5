"""Rule packs: the built-in pack proves its rules; a broken pack fails with one line naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import tollgate
from tollgate.errors import TollgateError
from tollgate.pack.load import builtin_pack_dir, load_pack
from tollgate.pack.selftest import test_pack as run_pack_test

MANIFEST = 'format = 1\nname = "team"\nversion = "1.0.0"\n'


def team_token() -> str:
    return "team_" + "k3v9x2" + "m7p4w8" + "z1r6t5y0"


def team_rule(rule_id: str = "secrets.team-token", extra: str = "") -> str:
    return (
        "[[rules]]\n"
        f'id = "{rule_id}"\n'
        'title = "Team token"\n'
        "regex = '''\\b(team_[a-z0-9]{20})\\b'''\n"
        "secret_group = 1\n"
        'keywords = ["team_"]\n'
        'severity = "high"\n'
        f"{extra}"
        "[[rules.examples]]\n"
        f"text = 'TEAM = \"{team_token()}\"'\n"
        f'secret = "{team_token()}"\n'
        "[[rules.negatives]]\n"
        f"text = 'TEAM = \"{team_token()}extra\"'\n"
        'why = "longer than a team token"\n'
    )


def make_pack(root: Path, files: dict[str, str], manifest: str | None = MANIFEST) -> Path:
    (root / "secrets").mkdir(parents=True)
    if manifest is not None:
        (root / "pack.toml").write_text(manifest, "utf-8")
    for name, text in files.items():
        (root / "secrets" / name).write_text(text, "utf-8")
    return root


def one_error(tmp_path: Path, *args: str) -> str:
    run = tollgate("pack", *args, cwd=tmp_path)
    assert run.code == 2, run.out + run.err
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith("tollgate: error: ")
    return lines[0].removeprefix("tollgate: error: ")


def test_builtin_pack_passes_its_own_test(tmp_path: Path) -> None:
    """Every example and negative of every built-in rule, each against the whole pack."""
    run = tollgate("pack", "test", cwd=tmp_path)
    failures = [line for line in run.out.splitlines() if line.startswith("FAIL")]
    assert failures == []
    assert run.code == 0, run.out + run.err
    assert run.out.splitlines()[-1].endswith("0 failure(s): passed")


def test_builtin_pack_validates(tmp_path: Path) -> None:
    run = tollgate("pack", "validate", cwd=tmp_path)
    assert run.code == 0, run.err
    pack = load_pack(builtin_pack_dir())
    assert run.out == (
        f"{pack.name} {pack.version}: valid, {len(pack.secrets)} secret rules, "
        f"{len(pack.patterns)} pattern rules, {len(pack.pins)} pin rules\n"
    )
    assert len(pack.patterns) >= 70


def test_builtin_rules_are_documented_and_proven() -> None:
    pack = load_pack(builtin_pack_dir())
    assert run_pack_test(pack).failures == ()
    for rule in pack.secrets:
        assert rule.id.startswith("secrets."), rule.id
        assert rule.title and rule.fix, rule.id
        assert rule.examples and rule.negatives, rule.id


def test_a_good_tmp_pack_validates_and_passes(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", {"team.toml": "version = 1\n" + team_rule()})
    run = tollgate("pack", "validate", str(pack), cwd=tmp_path)
    assert (run.code, run.out) == (0, "team 1.0.0: valid, 1 secret rules\n")
    run = tollgate("pack", "test", str(pack), cwd=tmp_path)
    assert (run.code, run.out) == (
        0,
        "team 1.0.0: 1 secret rules, 2 examples, 0 failure(s): passed\n",
    )


def test_invalid_toml_in_a_rule_file(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", {"team.toml": 'version = 1\n[[rules]]\nid = "x\n'})
    error = one_error(tmp_path, "validate", str(pack))
    assert error.startswith(f"{pack / 'secrets' / 'team.toml'}: invalid TOML: ")
    assert "line 3" in error


def test_invalid_toml_in_the_manifest(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", {}, manifest="format = 1\nname = team\n")
    error = one_error(tmp_path, "validate", str(pack))
    assert error.startswith(f"{pack / 'pack.toml'}: invalid TOML: ")
    assert "line 2" in error


def test_regex_that_is_not_re2(tmp_path: Path) -> None:
    rule = team_rule().replace("\\b(team_[a-z0-9]{20})\\b", "(team_(?=[a-z0-9]{20})\\w+)")
    pack = make_pack(tmp_path / "pack", {"team.toml": "version = 1\n" + rule})
    error = one_error(tmp_path, "validate", str(pack))
    assert error.startswith(
        "pack/secrets/team.toml: secrets.team-token: regex is not valid RE2 syntax: "
    )
    assert "(?=" in error


def test_back_reference_is_not_re2_either(tmp_path: Path) -> None:
    rule = team_rule().replace("\\b(team_[a-z0-9]{20})\\b", "(team_([a-z])\\2+)")
    pack = make_pack(tmp_path / "pack", {"team.toml": "version = 1\n" + rule})
    error = one_error(tmp_path, "test", str(pack))
    assert error.startswith("pack/secrets/team.toml: secrets.team-token: regex is not valid RE2")


def test_unknown_key_with_did_you_mean(tmp_path: Path) -> None:
    rule = team_rule(extra="secrte_group = 1\n").replace("secret_group = 1\n", "", 1)
    pack = make_pack(tmp_path / "pack", {"team.toml": "version = 1\n" + rule})
    error = one_error(tmp_path, "validate", str(pack))
    assert error.startswith(
        "pack/secrets/team.toml: rules[0]: unknown key 'secrte_group' "
        "(did you mean 'secret_group'?)"
    )


def test_unknown_key_in_the_manifest(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", {}, manifest=MANIFEST + 'descripton = "x"\n')
    error = one_error(tmp_path, "validate", str(pack))
    assert error.startswith(
        f"{pack / 'pack.toml'}: unknown key 'descripton' (did you mean 'description'?)"
    )


def test_duplicate_rule_id_across_files(tmp_path: Path) -> None:
    files = {"a.toml": "version = 1\n" + team_rule(), "b.toml": "version = 1\n" + team_rule()}
    pack = make_pack(tmp_path / "pack", files)
    error = one_error(tmp_path, "validate", str(pack))
    assert error == (
        "pack/secrets/b.toml: rule id 'secrets.team-token' is already defined in "
        "pack/secrets/a.toml"
    )


def test_duplicate_rule_id_in_one_file(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", {"a.toml": "version = 1\n" + team_rule() + team_rule()})
    error = one_error(tmp_path, "validate", str(pack))
    assert error == (
        "pack/secrets/a.toml: rule id 'secrets.team-token' is already defined in "
        "pack/secrets/a.toml"
    )


def test_missing_manifest(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", {"team.toml": "version = 1\n" + team_rule()}, None)
    error = one_error(tmp_path, "validate", str(pack))
    assert error.startswith(f"{pack}: not a rule pack (no pack.toml)")
    assert "pack new" not in error  # no such command: the hint must be one that works


@pytest.mark.parametrize(
    ("manifest", "rules_version", "message"),
    [
        (MANIFEST.replace("format = 1", "format = 2"), 1, "pack.toml: 'format' must be 1"),
        (
            MANIFEST,
            2,
            "pack/secrets/team.toml: format version 2 is not supported (expected version = 1)",
        ),
    ],
)
def test_wrong_format_version(
    tmp_path: Path, manifest: str, rules_version: int, message: str
) -> None:
    rules = f"version = {rules_version}\n" + team_rule()
    pack = make_pack(tmp_path / "pack", {"team.toml": rules}, manifest)
    assert one_error(tmp_path, "validate", str(pack)).endswith(message)


def test_pack_for_a_newer_tollgate(tmp_path: Path) -> None:
    manifest = MANIFEST + 'requires_tollgate = ">=99"\n'
    pack = make_pack(tmp_path / "pack", {"team.toml": "version = 1\n" + team_rule()}, manifest)
    assert "this pack needs tollgate >=99" in one_error(tmp_path, "validate", str(pack))


def test_scan_with_a_broken_pack_is_a_one_line_error(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", {"team.toml": "version = 2\n" + team_rule()})
    error = one_error(tmp_path, "validate", str(pack))
    run = tollgate("scan", "--no-git", "--pack", str(pack), str(tmp_path), cwd=tmp_path)
    assert run.code == 2
    assert run.err.splitlines() == [f"tollgate: error: {error}"]


def test_too_broad_rule_fails_on_its_neighbours_negative(tmp_path: Path) -> None:
    broad = (
        "[[rules]]\n"
        'id = "secrets.broad"\n'
        'title = "Anything long"\n'
        "regex = '''\\b([a-z0-9_]{24,})\\b'''\n"
        "secret_group = 1\n"
        'severity = "low"\n'
        "[[rules.examples]]\n"
        f"text = 'id {'x9k2m4p7q1w3' + 'e5r8t6y0b2n4'}'\n"
        "[[rules.negatives]]\n"
        "text = 'short_words only'\n"
    )
    files = {"broad.toml": "version = 1\n" + broad, "team.toml": "version = 1\n" + team_rule()}
    pack = make_pack(tmp_path / "pack", files)
    run = tollgate("pack", "test", str(pack), cwd=tmp_path)
    assert run.code == 1
    assert run.out.splitlines() == [
        "FAIL pack/secrets/team.toml: secrets.team-token: negatives[0] reported by secrets.broad",
        "team 1.0.0: 2 secret rules, 4 examples, 1 failure(s): failed",
    ]
    assert run.err == ""


def test_pack_test_reports_missing_examples_and_misses(tmp_path: Path) -> None:
    rule = team_rule().replace(f"text = 'TEAM = \"{team_token()}\"'", "text = 'TEAM = nothing'")
    rule = rule.split("[[rules.negatives]]")[0]
    pack = make_pack(tmp_path / "pack", {"team.toml": "version = 1\n" + rule})
    run = tollgate("pack", "test", str(pack), cwd=tmp_path)
    assert run.code == 1
    assert run.out.splitlines() == [
        "FAIL pack/secrets/team.toml: secrets.team-token: has no negatives that must not match",
        "FAIL pack/secrets/team.toml: secrets.team-token: examples[0] not found "
        "(reported: nothing)",
        "team 1.0.0: 1 secret rules, 1 examples, 2 failure(s): failed",
    ]


def test_load_pack_raises_tollgate_error(tmp_path: Path) -> None:
    with pytest.raises(TollgateError, match=r"no pack\.toml"):
        load_pack(tmp_path)
