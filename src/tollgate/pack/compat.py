"""`requires_tollgate = ">=0.1,<1"` in pack.toml: which tollgate versions a pack works with."""

from __future__ import annotations

import operator
from collections.abc import Callable

from tollgate.errors import TollgateError

_OPS: dict[str, Callable[[tuple[int, ...], tuple[int, ...]], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    "<": operator.lt,
}


def _version(text: str, where: str) -> tuple[int, ...]:
    try:
        parts = tuple(int(p) for p in text.strip().split("."))
    except ValueError:
        raise TollgateError(f"{where}: {text!r} is not a version like 1.2.3") from None
    return parts + (0,) * (3 - len(parts))


def satisfies(version: str, spec: str, where: str) -> bool:
    current = _version(version, where)
    for clause in filter(None, (c.strip() for c in spec.split(","))):
        op = next((o for o in _OPS if clause.startswith(o)), None)
        if op is None:
            raise TollgateError(f"{where}: {clause!r} must start with one of {' '.join(_OPS)}")
        if not _OPS[op](current, _version(clause[len(op) :], where)):
            return False
    return True
