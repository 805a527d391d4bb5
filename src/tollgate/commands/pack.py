"""`tollgate pack validate|test [DIR]`: check a pack loads cleanly and proves its rules."""

from __future__ import annotations

import argparse
from pathlib import Path

from tollgate.checks.secrets.engine import SecretEngine
from tollgate.pack.load import builtin_pack_dir, load_pack
from tollgate.pack.model import Pack
from tollgate.pack.selftest import test_pack


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("pack", help="validate and test rule packs")
    verbs = p.add_subparsers(dest="verb", required=True, metavar="{validate,test}")
    for verb, helptext in (
        ("validate", "load every file of the pack and compile every regex"),
        ("test", "run every rule's examples and negatives against the whole pack"),
    ):
        v = verbs.add_parser(verb, help=helptext)
        v.add_argument("dir", nargs="?", help="pack directory (default: the built-in pack)")
        v.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = Path(args.dir) if args.dir else builtin_pack_dir()
    pack = load_pack(root)
    patterns = f", {len(pack.patterns)} pattern rules" if pack.patterns else ""
    if args.verb == "validate":
        SecretEngine(pack.secrets).compile_all()
        if pack.patterns:
            check_semgrep_config(pack)
        print(f"{pack.name} {pack.version}: valid, {len(pack.secrets)} secret rules{patterns}")
        return 0
    outcome = test_pack(pack)
    for failure in outcome.failures:
        print(f"FAIL {failure}")
    verdict = "failed" if outcome.failures else "passed"
    print(
        f"{pack.name} {pack.version}: {len(pack.secrets)} rules{patterns}, "
        f"{outcome.examples} examples, {len(outcome.failures)} failure(s): {verdict}"
    )
    return 1 if outcome.failures else 0


def check_semgrep_config(pack: Pack) -> None:
    """Have semgrep parse every pattern rule (over one empty file: no target is needed)."""
    import tempfile  # noqa: PLC0415

    from tollgate.checks.patterns.semgrep import run_semgrep  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="tollgate-validate-") as tmp:
        (Path(tmp) / "empty.py").write_text("", "utf-8")
        run_semgrep(pack.semgrep_config, ["empty.py"], Path(tmp))
