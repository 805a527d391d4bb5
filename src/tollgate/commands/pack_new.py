"""`tollgate pack new DIR`: a pack to start from, with one rule of each check and their proof.

The pack extends the built-in one, so `tollgate pack test DIR` runs its examples against the
whole layered pack from the first minute. The example token is assembled here, never written
whole in this file, so tollgate's own scanners never see a token-looking literal.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tollgate import __version__
from tollgate.errors import TollgateError

_PREFIX = "acme" + "_live_"
_BODY = "7fK2pQ9xL4mZ8vR3" + "tB6nW1yH5cJ0dG2s"  # 32 base62 characters

PACK_TOML = """\
format = 1
name = "{name}"
version = "0.1.0"
description = "{name}: the organisation's rules, layered over tollgate's built-in pack."
requires_tollgate = ">={major_minor},<1"
extends = ["builtin"]

# Later layers (a team pack, a repository's .tollgate.toml) may not weaken these.
enforced = ["secrets.{name}-*"]

# Adjust a built-in rule for every repository that uses this pack:
# [rules."patterns.python.requests-no-timeout"]
# severity = "low"
"""

SECRETS = """\
# Secret rules: docs/rule-format.md in tollgate's repository.
version = 1

[[rules]]
id = "secrets.{name}-api-key"
title = "{name} API key"
description = "A live key for the {name} API: acme_live_ and 32 base62 characters."
regex = '''\\b({prefix}[0-9A-Za-z]{{32}})\\b'''
secret_group = 1
keywords = ["{prefix}"]
entropy = 3.0
severity = "critical"
confidence = "high"
fix = "Revoke the key in the {name} console and load it from the secret manager."

[[rules.examples]]
text = 'API_KEY = "{prefix}{body}"'  # pragma: allowlist secret
secret = '{prefix}{body}'  # pragma: allowlist secret

[[rules.negatives]]
text = 'API_KEY = "{prefix}XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"'  # pragma: allowlist secret
why = "a placeholder"
"""

PATTERN = """\
rules:
  - id: patterns.python.{name}-client-tls-off
    message: >-
      The {name} client is created with TLS verification off; anyone on the path can read and
      change its traffic. Drop verify=False.
    languages: [python]
    severity: ERROR
    metadata:
      severity: high
      confidence: high
      category: tls
      cwe: "CWE-295: Improper Certificate Validation"
      references: [https://cwe.mitre.org/data/definitions/295.html]
    pattern: {name}_sdk.Client(..., verify=False, ...)
"""

PATTERN_TEST = """\
import {name}_sdk

# ruleid: patterns.python.{name}-client-tls-off
insecure = {name}_sdk.Client("https://api.example.com", verify=False)
# ok: patterns.python.{name}-client-tls-off
secure = {name}_sdk.Client("https://api.example.com")
"""

PINS = """\
# The built-in policy for actions, redefined: the organisation's own actions may be used by tag.
version = 1
ecosystem = "actions"

[[rules]]
id = "pins.actions.unpinned-uses"
title = "Action referenced by a tag, not a commit"
description = "A tag can be moved to other code at any time; only a full commit SHA is immutable."
severity = "high"
profile = "default"
fix = "Pin it to a full commit SHA, the tag as a comment: `uses: owner/repo@<sha> # v4.1.1`."
allow = ["{name}/*"]

[[rules.examples]]
path = ".github/workflows/ci.yml"
text = '''
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
'''
lines = [6]

[[rules.negatives]]
path = ".github/workflows/ci.yml"
text = '''
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: {name}/setup@v2
'''
"""


def new(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    if root.exists() and any(root.iterdir()):
        raise TollgateError(f"{root}: already exists and is not empty")
    name = args.name or root.resolve().name.lower().replace("_", "-").replace(" ", "-")
    if not name.replace("-", "").isalnum():
        raise TollgateError(f"{name!r}: a pack name is letters, digits and '-' (use --name)")
    major_minor = ".".join(__version__.split(".")[:2])
    ident = name.replace("-", "_")
    files = {
        "pack.toml": PACK_TOML.format(name=name, major_minor=major_minor),
        f"secrets/{name}.toml": SECRETS.format(name=name, prefix=_PREFIX, body=_BODY),
        f"patterns/python/{name}-client-tls-off.yaml": PATTERN.format(name=ident).replace(
            f"patterns.python.{ident}-", f"patterns.python.{name}-"
        ),
        f"patterns/python/{name}-client-tls-off.py": PATTERN_TEST.format(name=ident).replace(
            f"patterns.python.{ident}-", f"patterns.python.{name}-"
        ),
        "pins/actions.toml": PINS.format(name=name),
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        print(f"wrote {path}")
    print(f"next: `tollgate pack test {root}`, then add rules and name it in a repository's "
          f"`packs = [...]`")  # fmt: skip
    return 0
