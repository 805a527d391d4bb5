"""Write secret rules as a `secrets/*.toml` file in the format docs/rule-format.md describes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence

from tollgate.pack.model import Example, SecretRule

# As in rules/secrets/*.toml: a line holding an example secret says so, so that no scanner
# (tollgate, detect-secrets, gitleaks with its gitleaks:allow) reports the pack's own fixtures.
PRAGMA = "  # pragma: allowlist secret"
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def render(rules: Sequence[SecretRule], header: Iterable[str]) -> str:
    lines = [f"# {line}" if line else "#" for line in header]
    lines += ["", "version = 1"]
    for rule in rules:
        lines += ["", "[[rules]]", f"id = {string(rule.id)}", f"title = {string(rule.title)}"]
        if rule.description:
            lines.append(f"description = {string(rule.description)}")
        lines.append(f"regex = {regex(rule.regex)}")
        group = rule.secret_group
        lines.append(f"secret_group = {group if isinstance(group, int) else string(group)}")
        if rule.keywords:
            lines.append(f"keywords = {array(rule.keywords)}")
        if rule.entropy:
            lines.append(f"entropy = {rule.entropy!r}")
        lines += [
            f"severity = {string(rule.severity.label)}",
            f"confidence = {string(rule.confidence.label)}",
        ]
        if rule.fix:
            lines.append(f"fix = {string(rule.fix)}")
        if rule.references:
            lines.append(f"references = {array(rule.references)}")
        allow = rule.allowlist
        if allow.regexes or allow.stopwords or allow.paths:
            lines += ["", "[rules.allowlist]"]
            for key, values in (
                ("regexes", allow.regexes),
                ("stopwords", allow.stopwords),
                ("paths", allow.paths),
            ):
                if values:
                    quote = regex if key == "regexes" else string
                    lines.append(f"{key} = [{', '.join(quote(v) for v in values)}]")
        for example in rule.examples:
            lines += ["", "[[rules.examples]]", *_example(example)]
        for negative in rule.negatives:
            lines += ["", "[[rules.negatives]]", *_example(negative)]
    return "\n".join(lines) + "\n"


def _example(example: Example) -> list[str]:
    lines = [f"text = {string(example.text)}{PRAGMA}"]
    if example.secret:
        lines.append(f"secret = {string(example.secret)}{PRAGMA}")
    if example.why:
        lines.append(f"why = {string(example.why)}")
    if example.path and example.path != "example":
        lines.append(f"path = {string(example.path)}")
    return lines


def string(value: str) -> str:
    """A literal string when nothing needs escaping, else a basic string with JSON's escapes."""
    if "'" not in value and not _CONTROL.search(value):
        return f"'{value}'"
    # JSON's escapes are TOML's, except that TOML also wants DEL escaped.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def regex(value: str) -> str:
    """Regexes as ''' literals, as the built-in pack writes them: backslashes stay readable."""
    if "'''" in value or value.startswith("'") or value.endswith("'") or _CONTROL.search(value):
        return string(value)
    return f"'''{value}'''"


def array(values: Iterable[str]) -> str:
    return "[" + ", ".join(string(v) for v in values) + "]"
