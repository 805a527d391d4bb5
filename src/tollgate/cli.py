"""The `tollgate` command: parse arguments, run one command, map errors to exit codes.

Exit codes: 0 nothing blocks, 1 blocking findings (or failed pack tests), 2 usage or configuration.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from tollgate import __version__
from tollgate.errors import TollgateError

# Command name -> module; only the module of the command being run is imported, so the hook's
# start-up never pays for the others.
COMMANDS = {
    "scan": "tollgate.commands.scan",
    "baseline": "tollgate.commands.baseline",
    "pack": "tollgate.commands.pack",
    "explain": "tollgate.commands.explain",
    "install": "tollgate.commands.install",
    "uninstall": "tollgate.commands.install",
    "demo": "tollgate.commands.demo",
    "fix": "tollgate.commands.fix",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"tollgate: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = _Parser(prog="tollgate", description="Fast Git pre-commit security hooks.")
    parser.add_argument("--version", action="version", version=f"tollgate {__version__}")
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )
    names = [COMMANDS[only]] if only else list(dict.fromkeys(COMMANDS.values()))
    for name in names:
        importlib.import_module(name).add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in argv if not a.startswith("-")), None)
    args = build_parser(first if first in COMMANDS else None).parse_args(argv)
    try:
        code: int = args.func(args)
        sys.stdout.flush()
    except TollgateError as exc:
        print(f"tollgate: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`tollgate scan | head`): stop quietly, and keep Python's exit-time
        # flush from raising again on the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return code


def run() -> NoReturn:
    """The `tollgate` command: main(), then leave without tearing the interpreter down.

    A hook runs on every commit, and Python's orderly shutdown (freeing every object, finalizing
    modules, reaping the `git cat-file` helper) costs ~8 ms after the work is done. Nothing is
    left to do by then: reports are written, temporary directories removed; the streams are
    flushed here, and git's helper ends on its own when its input closes.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 1
    os._exit(code)
