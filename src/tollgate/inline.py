"""Inline suppressions on the line of a finding.

`tollgate: allow` or `tollgate: allow[rule-id, other-id]`; `pragma: allowlist secret`
(detect-secrets) and `gitleaks:allow` are honoured for teams migrating from those tools.
"""

from __future__ import annotations

import re

# Fails closed: an unclosed `allow[id` or a word like `allowance` is not a bare `allow`, which
# would suppress every rule on the line.
_ALLOW = re.compile(r"tollgate:\s*allow(?:\[(?P<ids>[^\]]*)\]|(?![\w\[-]))")
_FOREIGN = ("pragma: allowlist secret", "pragma:allowlist secret", "gitleaks:allow")


def suppressed_secret(line: str, rule_id: str) -> bool:
    if "allow" not in line:
        return False
    if any(mark in line for mark in _FOREIGN):
        return True
    for match in _ALLOW.finditer(line):
        ids = match.group("ids")
        if ids is None:
            return True
        if rule_id in {part.strip() for part in ids.split(",")}:
            return True
    return False
