"""Rule regexes are compiled with RE2: matching time is linear, so no pack can hang a commit."""

from __future__ import annotations

from typing import Any

from tollgate.errors import TollgateError

Pattern = Any  # re2's compiled pattern type carries no annotations


def compile_re2(pattern: str, where: str) -> Pattern:
    import re2  # noqa: PLC0415 - keep the C extension off the import path until a rule runs

    options = re2.Options()
    options.log_errors = False  # RE2 would otherwise print its own multi-line diagnostics
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else exc
        raise TollgateError(f"{where}: regex is not valid RE2 syntax: {detail}") from None
