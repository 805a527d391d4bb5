"""The `tollgate` command: parse arguments, run one command, map errors to exit codes.

Exit codes: 0 nothing blocks, 1 blocking findings (or failed pack tests), 2 usage or configuration.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tollgate import __version__
from tollgate.commands import baseline, demo, explain, install, pack, scan
from tollgate.errors import TollgateError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"tollgate: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tollgate", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"tollgate {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    for module in (scan, baseline, pack, explain, install, demo):
        module.add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except TollgateError as exc:
        print(f"tollgate: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    return code
