"""Reading TOML (always with tomli) and checking tables with errors that name file and key."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from tollgate.errors import TollgateError


def load_toml(path: Path) -> dict[str, Any]:
    import tomli  # noqa: PLC0415 - only paid for when a TOML file is actually read

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TollgateError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        return tomli.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise TollgateError(f"{path}: not valid UTF-8") from None
    except tomli.TOMLDecodeError as exc:
        raise TollgateError(f"{path}: invalid TOML: {exc}") from None


def check_keys(table: Mapping[str, object], allowed: Collection[str], where: str) -> None:
    for key in table:
        if key not in allowed:
            import difflib  # noqa: PLC0415 - only on the error path

            guess = difflib.get_close_matches(key, list(allowed), n=1)
            hint = f" (did you mean {guess[0]!r}?)" if guess else ""
            known = ", ".join(sorted(allowed))
            raise TollgateError(f"{where}: unknown key {key!r}{hint}; known keys: {known}")


def get_str(table: Mapping[str, object], key: str, where: str, default: str | None = None) -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        if value is None:
            raise TollgateError(f"{where}: missing required key {key!r}")
        raise TollgateError(f"{where}: {key!r} must be a string, not {type(value).__name__}")
    return value


def get_str_list(table: Mapping[str, object], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TollgateError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def get_table(table: Mapping[str, object], key: str, where: str) -> dict[str, Any]:
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise TollgateError(f"{where}: {key!r} must be a table")
    return value


def get_number(table: Mapping[str, object], key: str, where: str, default: float) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TollgateError(f"{where}: {key!r} must be a number")
    return float(value)
