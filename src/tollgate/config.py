"""Repository configuration: `.tollgate.toml`, or `[tool.tollgate]` in pyproject.toml."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from tollgate.errors import TollgateError
from tollgate.pack.model import PinSettings
from tollgate.severity import Severity
from tollgate.tomlfile import check_keys, get_str, get_str_list, get_table, load_toml

CONFIG_VERSION = 1
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_CHECKS = ("secrets", "patterns", "pins")
_KEYS = frozenset(
    {"version", "fail_on", "checks", "exclude", "max_file_size", "baseline", "disable", "allowlist",
     "pins"}
)  # fmt: skip
_ALLOWLIST_KEYS = frozenset({"paths"})


class Config(NamedTuple):
    fail_on: Severity = Severity.MEDIUM
    checks: tuple[str, ...] = DEFAULT_CHECKS
    exclude: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_BYTES
    baseline: str = ".tollgate-baseline.json"
    disable: tuple[str, ...] = ()
    allow_paths: tuple[str, ...] = ()
    source: str = ""
    pins: PinSettings = PinSettings()


def load_config(root: Path, known_checks: frozenset[str]) -> Config:
    dedicated = root / ".tollgate.toml"
    if dedicated.is_file():
        return _parse(load_toml(dedicated), str(dedicated), known_checks)
    pyproject = root / "pyproject.toml"
    try:
        raw = pyproject.read_bytes()
    except OSError:
        return Config()
    if b"tollgate" not in raw:
        # Skip parsing a pyproject that cannot configure us. Not `[tool.tollgate`: a dotted key
        # (`tool.tollgate.fail_on = ...`) or `[ tool.tollgate ]` configures us too.
        return Config()
    table = load_toml(pyproject).get("tool", {}).get("tollgate")
    if not isinstance(table, dict):
        return Config()
    return _parse(table, f"{pyproject} [tool.tollgate]", known_checks)


def _parse(table: dict[str, Any], where: str, known_checks: frozenset[str]) -> Config:
    check_keys(table, _KEYS, where)
    version = table.get("version", CONFIG_VERSION)
    if version != CONFIG_VERSION:
        raise TollgateError(
            f"{where}: version {version!r} is not supported (expected {CONFIG_VERSION})"
        )
    checks = get_str_list(table, "checks", where) or DEFAULT_CHECKS
    for name in get_str_list(table, "checks", where):
        if name not in known_checks:
            raise TollgateError(
                f"{where}: checks: unknown check {name!r}; known: {sorted(known_checks)}"
            )
    allow = get_table(table, "allowlist", where)
    check_keys(allow, _ALLOWLIST_KEYS, f"{where}: allowlist")
    return Config(
        fail_on=Severity.parse(table.get("fail_on", "medium"), f"{where}: fail_on"),
        checks=checks,
        exclude=get_str_list(table, "exclude", where),
        max_file_size=_size(table.get("max_file_size", DEFAULT_MAX_BYTES), where),
        baseline=get_str(table, "baseline", where, ".tollgate-baseline.json"),
        disable=get_str_list(table, "disable", where),
        allow_paths=get_str_list(allow, "paths", f"{where}: allowlist"),
        source=where,
        pins=_pins(table, where),
    )


def _pins(table: dict[str, Any], where: str) -> PinSettings:
    pins = get_table(table, "pins", where)
    if not pins:
        return PinSettings()
    from tollgate.pack.pin_rules import pin_settings  # noqa: PLC0415

    return pin_settings(pins, f"{where}: pins")


_UNITS = {"kb": 1024, "mb": 1024 * 1024, "gb": 1024 * 1024 * 1024, "b": 1}


def _size(value: object, where: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        text = value.strip().lower().replace(" ", "")
        for unit, factor in _UNITS.items():
            number = text.removesuffix(unit)
            if number != text and number.replace(".", "", 1).isdigit():
                return int(float(number) * factor)
    raise TollgateError(
        f"{where}: max_file_size {value!r} must be a byte count or a size like '5MB'"
    )
