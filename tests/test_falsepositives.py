"""The shared false-positive layer: placeholders and templates out, chance look-alikes kept."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from tests.conftest import tollgate
from tollgate.checks.secrets.falsepositives import false_positive_reason


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("<YOUR_API_KEY>", "placeholder"),
        ("xxxxxxxxxxxxxxxx", "placeholder"),
        ("changeme123", "placeholder"),
        ("TODO", "placeholder"),
        ("${DB_PASSWORD}", "template"),
        ("{{ .Values.password }}", "template"),
        ("%(password)s", "template"),
        ("$DB_PASSWORD", "template"),
        ("ENC[AES256_GCM,data:abc,iv:def]", "indirect"),
        ("sha512-" + "A" * 20 + "b", "digest"),
        ("abababababab", "repetition"),
        ("abcdefghijkl", "sequence"),
        ("AQICAHh" + "q8Zr2LwX9vPk4mTn", "encrypted"),
    ],
)
def test_not_credentials(value: str, reason: str) -> None:
    assert false_positive_reason(value) == reason


@pytest.mark.parametrize("value", ["q8Zr2LwX9vPk4mTn7cYb", "k3yst0ne-Orbit", "Mtodox9Wq2Lp7Zr"])
def test_credentials_are_not_explained_away(value: str) -> None:
    assert false_positive_reason(value) == ""


def test_words_inside_a_validated_value_are_chance() -> None:
    body = base64.b64encode(b"\x30\x82" + os.urandom(90)).decode()
    assert false_positive_reason(body[:20] + "xxxxxx" + body[26:]) == "placeholder"
    assert false_positive_reason(body[:20] + "xxxxxx" + body[26:], validated=True) == ""


def test_private_key_whose_body_contains_a_placeholder_word_is_reported(tmp_path: Path) -> None:
    body = base64.b64encode(b"\x30\x82" + os.urandom(600)).decode()
    body = body[:100] + "ToDo" + body[104:]
    lines = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
    begin, end = "-----BEGIN RSA PRIVATE" + " KEY-----", "-----END RSA PRIVATE" + " KEY-----"
    (tmp_path / "id_rsa").write_text(f"{begin}\n{lines}\n{end}\n")
    result = tollgate("scan", "--no-git", "id_rsa", "--format", "json", cwd=tmp_path)
    assert result.code == 1
    assert '"rule": "secrets.private-key-rsa"' in result.out
    assert '"line": 1' in result.out


def test_a_key_word_ending_one_line_does_not_pair_with_the_next_assignment(tmp_path: Path) -> None:
    # `... allowlist secret` ends a line; the next line's value belongs to `path`, not to it.
    (tmp_path / "rules.toml").write_text(
        "note = 'x'  # see the allowlist secret\npath = \"alerting-handler.py\"\n"
    )
    result = tollgate("scan", "--no-git", "rules.toml", "--format", "json", cwd=tmp_path)
    assert result.code == 0, result.out
    assert '"findings": []' in result.out
