"""Repository configuration: `.tollgate.toml`, or `[tool.tollgate]` in pyproject.toml."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from tollgate.errors import TollgateError
from tollgate.pack.model import PinSettings
from tollgate.pack.overrides import Override, parse_overrides
from tollgate.severity import Severity
from tollgate.tomlfile import check_keys, get_str, get_str_list, get_table, load_toml

CONFIG_VERSION = 1
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_CHECKS = ("secrets", "patterns", "pins")
_KEYS = frozenset(
    {"version", "fail_on", "checks", "exclude", "max_file_size", "baseline", "disable", "allowlist",
     "pins", "packs", "rules", "warn_on", "thresholds"}
)  # fmt: skip
_THRESHOLD_KEYS = frozenset({"paths", "fail_on", "warn_on"})
_ALLOWLIST_KEYS = frozenset({"paths"})


class Threshold(NamedTuple):
    """`[[thresholds]]`: under these path globs, block at `fail_on` and show from `warn_on`."""

    paths: tuple[str, ...]
    fail_on: Severity | None  # None: never block here
    warn_on: Severity


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
    packs: tuple[str, ...] = ("builtin",)
    overrides: tuple[tuple[str, Override], ...] = ()
    warn_on: Severity = Severity.INFO
    thresholds: tuple[Threshold, ...] = ()
    # The directory the config file sits in, relative to the repository root ("" at the root).
    directory: str = ""

    def limits(self, path: str) -> tuple[Severity | None, Severity]:
        """(fail_on, warn_on) for a file: the first [[thresholds]] entry matching it wins."""
        from tollgate.policy import path_matches  # noqa: PLC0415

        for threshold in self.thresholds:
            if any(path_matches(path, glob) for glob in threshold.paths):
                return threshold.fail_on, threshold.warn_on
        return self.fail_on, self.warn_on


def load_config(root: Path, known_checks: frozenset[str]) -> Config:
    dedicated = root / ".tollgate.toml"
    if dedicated.is_file():
        return parse_table(load_toml(dedicated), str(dedicated), known_checks)
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
    return parse_table(table, f"{pyproject} [tool.tollgate]", known_checks)


def parse_table(table: dict[str, Any], where: str, known_checks: frozenset[str]) -> Config:
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
        packs=get_str_list(table, "packs", where) or ("builtin",),
        overrides=parse_overrides(table, where, may_enforce=False),
        warn_on=Severity.parse(table.get("warn_on", "info"), f"{where}: warn_on"),
        thresholds=_thresholds(table, where),
    )


def _thresholds(table: dict[str, Any], where: str) -> tuple[Threshold, ...]:
    entries = table.get("thresholds", [])
    if not isinstance(entries, list):
        raise TollgateError(f"{where}: 'thresholds' must be an array of tables ([[thresholds]])")
    found = []
    for i, entry in enumerate(entries):
        at = f"{where}: thresholds[{i}]"
        if not isinstance(entry, dict):
            raise TollgateError(f"{at} must be a table")
        check_keys(entry, _THRESHOLD_KEYS, at)
        paths = get_str_list(entry, "paths", at)
        if not paths:
            raise TollgateError(f"{at}: 'paths' must list at least one glob")
        fail_on = entry.get("fail_on", "medium")
        found.append(
            Threshold(
                paths,
                None if fail_on == "never" else Severity.parse(fail_on, f"{at}: fail_on"),
                Severity.parse(entry.get("warn_on", "info"), f"{at}: warn_on"),
            )
        )
    return tuple(found)


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
