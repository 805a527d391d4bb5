"""The excerpt of a pin finding: the declaration as written, with any credential in a URL hidden."""

from __future__ import annotations

import re

_MAX = 160
# `https://user:token@host/...`, `git+https://token@github.com/...`: the part before the @ is a
# credential, never shown.
_USERINFO = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^/@\s'\"]+@", re.IGNORECASE)


def excerpt(text: str) -> str:
    shown = _USERINFO.sub(r"\g<scheme>***@", text.strip())
    return shown if len(shown) <= _MAX else shown[: _MAX - 3] + "..."
