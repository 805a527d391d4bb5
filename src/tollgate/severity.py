"""Severities, ordered, with parsing that names the bad value."""

from __future__ import annotations

import enum

from tollgate.errors import TollgateError


class Severity(enum.IntEnum):
    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: object, where: str) -> Severity:
        if isinstance(value, str) and value.upper() in cls.__members__:
            return cls[value.upper()]
        names = ", ".join(s.label for s in cls)
        raise TollgateError(f"{where}: severity {value!r} is not one of {names}")


class Confidence(enum.IntEnum):
    LOW = 0
    MEDIUM = 1
    HIGH = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: object, where: str) -> Confidence:
        if isinstance(value, str) and value.upper() in cls.__members__:
            return cls[value.upper()]
        names = ", ".join(c.label for c in cls)
        raise TollgateError(f"{where}: confidence {value!r} is not one of {names}")
