"""The generic detector: credentials assigned to a key that names them, in any common syntax.

Understands `key = value`, `key: value`, `key := value`, `key => value`, `"key": "value"` (Python,
JS/TS, Go, Java, Ruby, PHP, YAML, JSON, TOML, INI, .properties, .env, shell, Terraform), YAML block
scalars, Dockerfile `ENV KEY value`, XML elements and .NET `<add key=... value=.../>`. Values must
be quoted in code; bare values count only in configuration-style files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import PurePosixPath

from tollgate.checks.secrets.entropy import char_classes, shannon
from tollgate.checks.secrets.falsepositives import false_positive_reason
from tollgate.checks.secrets.hit import Hit
from tollgate.pack.model import SecretRule
from tollgate.regex import Pattern, compile_re2

# Files whose values are source-code expressions: a bare word there is a variable, not a secret.
_CODE_SUFFIXES = frozenset(
    [
        ".py",
        ".pyi",
        ".js",
        ".mjs",
        ".cjs",
        ".jsx",
        ".ts",
        ".tsx",
        ".go",
        ".java",
        ".kt",
        ".kts",
        ".scala",
        ".groovy",
        ".gradle",
        ".rb",
        ".php",
        ".cs",
        ".c",
        ".h",
        ".cc",
        ".cpp",
        ".hpp",
        ".rs",
        ".swift",
        ".m",
        ".dart",
        ".lua",
        ".pl",
        ".r",
        ".json",
        ".tf",
        ".hcl",
        ".tfvars",
        ".xml",
        ".html",
        ".vue",
        ".svelte",
        ".md",
        ".rst",
        ".txt",
        ".ipynb",
        ".sql",
        ".jsonc",
        ".json5",
    ]
)
_NON_VALUES = frozenset(
    [
        "null",
        "none",
        "nil",
        "true",
        "false",
        "undefined",
        "required",
        "optional",
        "string",
        "str",
        "bool",
        "int",
        "password",
        "secret",
        "token",
        "empty",
        "default",
        "value",
        "string?",
        "text",
        "bytes",
    ]
)
# A type annotation between key and `=`: `password: str = "..."`, `var password string = "..."`.
# Only blanks, never a newline, between key, type, operator and value: a key word that ends one
# line (`# allowlist secret`) must not pair with the next line's assignment.
_TYPE = r"[ \t]*:[ \t]*[A-Za-z_][\w\[\]., |?]*?"
# A quoted string (escapes allowed), a backtick string, or a bare word that is not an operator.
_VALUE = (
    r"""(?P<value>"(?:[^"\\\n]|\\.)+"|'(?:[^'\\\n]|\\.)+'|`[^`\n]+`"""
    r"""|[^\s"'`=<>!,;(){}\[\]][^\s]*)"""
)
_MAX_VALUE = 300
_MAX_KEY = 60
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_HEX = re.compile(r"^[0-9a-f]{32,128}$", re.I)
_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")
_DIGEST_CONTEXT = (
    "sha",
    "hash",
    "digest",
    "commit",
    "checksum",
    "integrity",
    "etag",
    "fingerprint",
)


def _key_alternation(keywords: Sequence[str]) -> str:
    parts = sorted({re.escape(k).replace("_", "[_.-]?") for k in keywords}, key=len, reverse=True)
    return "|".join(parts)


@lru_cache(maxsize=8)
def _patterns(keywords: tuple[str, ...], where: str) -> tuple[Pattern, ...]:
    kw = _key_alternation(keywords)
    key = rf"(?P<key>[\w.\-]*?(?:{kw}))"
    assignment = (
        rf"(?im)(?:^|[^\w.\-])[\"'`]?{key}[\"'`]?"
        rf"(?:{_TYPE}[ \t]*=|[ \t]+[A-Za-z_][\w.\[\]*]*[ \t]*=|[ \t]*(?::=|=>|=|:))[ \t]*{_VALUE}"
    )
    block = rf"(?im)^[ \t]*[\"']?{key}[\"']?[ \t]*:[ \t]*[|>][-+]?[ \t]*\n[ \t]+(?P<value>\S[^\n]*)"
    docker = rf"(?im)^[ \t]*(?:ENV|ARG)[ \t]+{key}[ \t]+(?P<value>[^\s=][^\n]*)"
    element = rf"(?i)<(?P<key>[\w.:\-]*?(?:{kw}))(?:\s[^>]*)?>(?P<value>[^<\n]+)</"
    attribute = (
        rf"(?i)key\s*=\s*\"(?P<key>[^\"]*?(?:{kw})[^\"]*)\"\s+"
        r"value\s*=\s*\"(?P<value>[^\"]+)\""
    )
    return tuple(compile_re2(p, where) for p in (assignment, block, docker, element, attribute))


def generic_hits(
    text: str, lower: str, rule: SecretRule, path: str, claimed: tuple[str, ...]
) -> Iterator[Hit]:
    if not any(k in lower for k in rule.keywords):
        return
    if "kind: sealedsecret" in lower:
        return  # encryptedData is ciphertext only the cluster's controller can open
    bare_ok = PurePosixPath(path).suffix.lower() not in _CODE_SUFFIXES
    patterns = _patterns(rule.keywords, f"{rule.source}: {rule.id}")
    for index, pattern in enumerate(patterns):
        key_group, value_group = pattern.groupindex["key"], pattern.groupindex["value"]
        for match in pattern.finditer(text):
            key = match.group(key_group)
            raw = match.group(value_group)
            value, quoted = _unquote(raw.rstrip(";,\r"))
            if not quoted and not bare_ok and index == 0:
                continue  # in code, `password = get()` is an expression
            if not _keyword_at_word_start(key, rule.keywords):
                continue
            line = _line_at(text, match.start(value_group))
            if _judge(key, value, rule, line, claimed):
                start = match.start(value_group) + (1 if quoted else 0)
                yield Hit(rule, value, start, start + len(value))


def _unquote(raw: str) -> tuple[str, bool]:
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'`":
        return raw[1:-1], True
    return raw.strip(), False


def _keyword_at_word_start(key: str, keywords: Sequence[str]) -> bool:
    """`db_pass` and `dbPass` name a password; `bypass` and `compass` do not.

    Only short keywords need the check: a key ending in `password` or `token` names one whatever
    comes before it.
    """
    match = re.search(rf"(?:{_key_alternation(keywords)})$", key, re.IGNORECASE)
    if match is None:
        return False
    at = match.start()
    if at == 0 or len(match.group()) > 4:
        return True
    before = key[at - 1]
    return not before.isalpha() or (before.islower() and key[at].isupper())


def _line_at(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end != -1 else len(text)]


def _judge(key: str, value: str, rule: SecretRule, line: str, claimed: tuple[str, ...]) -> bool:
    lower = value.lower()
    # Unbounded repeats keep RE2 compilation cheap (bounded ones cost ~5 ms per pattern per run);
    # the bounds are applied here instead.
    if not 6 <= len(value) <= _MAX_VALUE or len(key) > _MAX_KEY or any(c.isspace() for c in value):
        return False
    if lower in _NON_VALUES or lower == key.lower() or _ENV_NAME.match(value):
        return False
    if "://" in value or value.startswith(("/", "./", "../", "~/", "file:", "!")):
        return False
    if any(
        word in lower for word in ("password", "passwd", "secret", "token", "apikey", "api_key")
    ):
        return False
    if lower.startswith(claimed):
        return False  # a provider's format that its own rule did not accept
    if _UUID.match(value):
        return False
    if _HEX.match(value) and any(word in line.lower() for word in _DIGEST_CONTEXT):
        return False
    if false_positive_reason(value):
        return False
    if shannon(value) < rule.entropy:
        return False
    if char_classes(value) < 2 and len(value) < 16:
        return False
    return not _detect_secrets_says_not_a_secret(value, line)


def _detect_secrets_says_not_a_secret(value: str, line: str) -> bool:
    """detect-secrets' heuristic filters, asked only for a candidate that passed every cheap test.

    Imported here, not at module level: importing detect-secrets costs ~110 ms (it pulls in
    requests), more than a whole clean commit is allowed to take.
    """
    from detect_secrets.filters import heuristic  # noqa: PLC0415

    return bool(
        heuristic.is_sequential_string(value)
        or heuristic.is_potential_uuid(value)
        or heuristic.is_templated_secret(value)
        or heuristic.is_likely_id_string(value, line)
    )
