"""`tollgate explain RULE`: a rule's documentation, or a usage error with a suggestion."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import tollgate
from tollgate.commands.explain import render
from tollgate.pack.load import builtin_pack_dir, load_pack


def test_explain_prints_title_severity_and_fix(tmp_path: Path) -> None:
    run = tollgate("explain", "secrets.github-pat-classic", cwd=tmp_path)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "secrets.github-pat-classic: GitHub personal access token (classic)"
    assert lines[1] == "  severity: critical   confidence: high"
    assert lines[2] == "  defined in: rules/secrets/github.toml"
    assert any(
        line.startswith("How to fix: Delete the token at https://github.com/") for line in lines
    )
    assert "Suppress one line: add `tollgate: allow[secrets.github-pat-classic]`" in run.out
    assert "References:" in lines
    assert run.err == ""


def test_explain_generic_rule(tmp_path: Path) -> None:
    run = tollgate("explain", "secrets.generic-password", cwd=tmp_path)
    assert run.code == 0
    assert run.out.splitlines()[:2] == [
        "secrets.generic-password: Password assigned in source or configuration",
        "  severity: high   confidence: medium",
    ]
    assert "How to fix: Change the password" in run.out


def test_explain_renders_every_rule_of_the_builtin_pack() -> None:
    pack = load_pack(builtin_pack_dir())
    for rule in pack.secrets:
        text = render(rule)
        assert text.startswith(f"{rule.id}: {rule.title}\n  severity: {rule.severity.label}")
        assert rule.fix, f"{rule.id} has no fix"
        assert f"How to fix: {rule.fix}" in text


def test_unknown_id_exits_2_with_did_you_mean(tmp_path: Path) -> None:
    run = tollgate("explain", "secrets.github-pat-clasic", cwd=tmp_path)
    assert run.code == 2
    assert run.out == ""
    lines = run.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "tollgate: error: no rule 'secrets.github-pat-clasic' in pack tollgate-default; "
        "did you mean secrets.github-pat-classic"
    )


def test_unknown_id_without_a_close_match(tmp_path: Path) -> None:
    run = tollgate("explain", "zzz", cwd=tmp_path)
    assert run.code == 2
    assert run.err.splitlines() == ["tollgate: error: no rule 'zzz' in pack tollgate-default"]


def test_explain_from_another_pack(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "secrets").mkdir(parents=True)
    (pack / "pack.toml").write_text('format = 1\nname = "team"\nversion = "1.0.0"\n', "utf-8")
    (pack / "secrets" / "team.toml").write_text(
        "version = 1\n"
        "[[rules]]\n"
        'id = "secrets.team-token"\n'
        'title = "Team token"\n'
        "regex = '''\\b(team_[a-z0-9]{20})\\b'''\n"
        'keywords = ["team_"]\n'
        'severity = "medium"\n'
        'fix = "Rotate it in the team console."\n',
        "utf-8",
    )
    run = tollgate("explain", "secrets.team-token", "--pack", str(pack), cwd=tmp_path)
    assert run.code == 0, run.err
    assert run.out.splitlines()[:3] == [
        "secrets.team-token: Team token",
        "  severity: medium   confidence: medium",
        "  defined in: pack/secrets/team.toml",
    ]
    assert "How to fix: Rotate it in the team console." in run.out
    missing = tollgate("explain", "secrets.team-tokn", "--pack", str(pack), cwd=tmp_path)
    assert missing.code == 2
    assert "in pack team; did you mean secrets.team-token?" in missing.err
