"""The false-positive layer every secret rule shares: values that look like secrets but are not.

Order matters only for speed: the cheap substring tests run first.
"""

from __future__ import annotations

import re

# Placeholders people write where a secret will go, and what redaction leaves behind.
_PLACEHOLDER_WORDS = (
    "xxxxxx", "****", "....", "changeme", "change_me", "change-me", "replaceme", "replace_me",
    "replace-me", "your_", "your-", "yourkey", "yoursecret", "yourtoken", "example", "placeholder",
    "dummy", "redacted", "<hidden>", "insert_", "insert-", "secret_here", "key_here", "token_here",
    "password_here", "notreal", "not_real", "not-a-real", "fake_", "fakekey", "sample_key",
    "<secret>", "<token>", "<password>",
)  # fmt: skip
# Short words count only standing alone: `todo` occurs by chance in ~0.4% of random key bodies.
_PLACEHOLDER_WORD = re.compile(r"(?<![a-z0-9])(?:todo|fixme|tbd)(?![a-z0-9])")

# Template and interpolation syntaxes: the value is filled in elsewhere, not committed here.
_TEMPLATE_MARKS = ("${", "{{", "}}", "$(", "#{", "<%", "{%", "%(", "@@", "[[", "]]")

# Lookups in the environment or a secret manager, and values encrypted at rest.
_INDIRECT_MARKS = (
    "process.env", "os.environ", "getenv", "system.getenv", "env[", "env(", "$env:", "vault:",
    "secretsmanager", "{{resolve:", "ssm:", "op://", "sm://", "keyvault", "secretmanager",
    "enc[aes256", "$ansible_vault", "{cipher}", "-----begin pgp message", "sops:",
)  # fmt: skip
_KMS_CIPHERTEXT = "aqicah"  # AWS KMS ciphertext blobs start with this base64

_ENV_REF = re.compile(r"^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_][A-Za-z0-9_]*%$|^\$\{[^}]*\}$")
_ANGLE = re.compile(r"<[^<>\s]{2,}>")
_REPEAT = re.compile(r"^(.)\1+$|^(..)\2+$|^(...)\3+$")
_DIGEST_PREFIX = ("sha1-", "sha256-", "sha384-", "sha512-", "sha256:", "sha512:", "md5-")
_SEQUENCES = (
    "abcdefghijklmnopqrstuvwxyz",
    "0123456789abcdefghijklmnopqrstuvwxyz",
    "01234567890",
    "1234567890",
    "qwertyuiopasdfghjklzxcvbnm",
)


def false_positive_reason(secret: str, *, validated: bool = False) -> str:
    """Why `secret` is not a real credential, or "" if nothing says so.

    `validated`: the value passed a structural validator (checksum, PEM body, JWT), so words found
    inside it are chance, not a placeholder someone typed.
    """
    lower = secret.lower()
    if not validated:
        for word in _PLACEHOLDER_WORDS:
            if word in lower:
                return "placeholder"
        if _PLACEHOLDER_WORD.search(lower):
            return "placeholder"
    if lower.startswith(_KMS_CIPHERTEXT):
        return "encrypted"
    for mark in _TEMPLATE_MARKS:
        if mark in secret:
            return "template"
    for mark in _INDIRECT_MARKS:
        if mark in lower:
            return "indirect"
    if _ENV_REF.match(secret) or _ANGLE.search(secret):
        return "template"
    if lower.startswith("enc(") and secret.endswith(")"):
        return "encrypted"  # Jasypt (Spring Boot) keeps encrypted properties as ENC(<ciphertext>)
    if lower.startswith(_DIGEST_PREFIX):
        return "digest"
    if _REPEAT.match(secret):
        return "repetition"
    stripped = "".join(c for c in lower if c.isalnum())
    if len(stripped) >= 8 and any(stripped in seq for seq in _SEQUENCES):
        return "sequence"
    return ""
