"""The pins check: dependencies and references in the change that float (see runner.py).

Only the name lives here: every scan imports the checks' modules, and one that runs without the
pins check should not pay for its fifteen ecosystem parsers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tollgate.changes import ChangeSet
    from tollgate.checks.result import Checked
    from tollgate.pack.model import Pack

NAME = "pins"


def run(changes: ChangeSet, pack: Pack) -> Checked:
    from tollgate.checks.pins.runner import run as run_pins  # noqa: PLC0415

    return run_pins(changes, pack)
