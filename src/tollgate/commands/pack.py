"""`tollgate pack ...`: author, check, inspect, pin and update rule packs.

validate and test live here; the other verbs each have a module (pack_info, pack_new, pack_lock).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tollgate.checks.secrets.engine import SecretEngine
from tollgate.commands import pack_import
from tollgate.pack.load import builtin_pack_dir, load_pack
from tollgate.pack.model import Pack
from tollgate.pack.selftest import test_pack


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("pack", help="author, test, inspect, lock and update rule packs")
    verbs = p.add_subparsers(dest="verb", required=True, metavar="VERB")
    for verb, helptext in (
        ("validate", "load every file of the pack and compile every regex"),
        ("test", "run the pack's examples and fixtures, each against the whole layered pack"),
    ):
        v = verbs.add_parser(verb, help=helptext)
        v.add_argument("dir", nargs="?", help="pack directory (default: the built-in pack)")
        v.set_defaults(func=run)
    pack_import.add(verbs)
    _add_other_verbs(verbs)


def _add_other_verbs(verbs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from tollgate.commands import pack_info, pack_lock, pack_new  # noqa: PLC0415

    v = verbs.add_parser("info", help="name, version, rules per check and severity, digest")
    v.add_argument("dir", nargs="?", help="pack directory (default: this repository's layers)")
    v.set_defaults(func=pack_info.info)
    v = verbs.add_parser("diff", help="rules added, removed and changed between two packs")
    v.add_argument("old", help="pack directory")
    v.add_argument("new", help="pack directory")
    v.set_defaults(func=pack_info.diff)
    v = verbs.add_parser("new", help="a new pack with one example rule of each check")
    v.add_argument("dir", help="directory to create")
    v.add_argument("--name", help="pack name (default: the directory's name)")
    v.set_defaults(func=pack_new.new)
    v = verbs.add_parser("lock", help="pin every remote pack in tollgate.lock")
    v.set_defaults(func=pack_lock.lock)
    v = verbs.add_parser("update", help="move a pin to what its ref names now; show the rule diff")
    v.add_argument("name", nargs="?", help="the pack's source or name (default: all)")
    v.set_defaults(func=pack_lock.update)
    v = verbs.add_parser("fetch", help="bring every locked pack into the local cache")
    v.set_defaults(func=pack_lock.fetch)


def run(args: argparse.Namespace) -> int:
    root = Path(args.dir) if args.dir else builtin_pack_dir()
    pack = load_pack(root)
    only: frozenset[str] | None = None
    if pack.extends:
        # The pack's own rules, each proven against the whole layered pack.
        only = frozenset(pack.rule_ids())
        pack = layered_pack(root)
    patterns = f", {len(pack.patterns)} pattern rules" if pack.patterns else ""
    pins = f", {len(pack.pins)} pin rules" if pack.pins else ""
    layered = f" ({len(only)} of its own, over {len(pack.layers) - 1} layer(s))" if only else ""
    if args.verb == "validate":
        SecretEngine(pack.secrets).compile_all()
        if pack.patterns:
            check_semgrep_config(pack)
        print(
            f"{pack.name} {pack.version}: valid, {len(pack.secrets)} secret rules{patterns}{pins}"
            f"{layered}"
        )
        return 0
    outcome = test_pack(pack, only)
    for failure in outcome.failures:
        print(f"FAIL {failure}")
    verdict = "failed" if outcome.failures else "passed"
    print(
        f"{pack.name} {pack.version}: {len(pack.secrets)} secret rules{patterns}{pins}{layered}, "
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


def layered_pack(root: Path) -> Pack:
    from tollgate.pack.layers import Resolver, merge  # noqa: PLC0415

    resolver = Resolver({}, allow_unlocked=True, examples=True)
    return merge(resolver.layers([str(root.resolve())], Path.cwd(), "pack"))
