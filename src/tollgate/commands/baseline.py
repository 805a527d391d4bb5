"""`tollgate baseline create|update|prune|import`: the only commands that write the baseline."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from pathlib import Path

from tollgate.baseline import entries_for, read_entries, write_entries
from tollgate.context import Context, load_context
from tollgate.engine import scan
from tollgate.errors import TollgateError
from tollgate.findings import Finding
from tollgate.gitcmd import Git, find_root
from tollgate.staged import all_files


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("baseline", help="accept existing findings so only new ones block")
    verbs = p.add_subparsers(dest="verb", required=True, metavar="{create,update,prune,import}")
    for verb, helptext in (
        ("create", "write a baseline of every current finding (refuses to overwrite)"),
        ("update", "add current findings to the baseline, keep existing entries"),
        ("prune", "drop entries whose finding no longer exists"),
        ("import", "convert a detect-secrets .secrets.baseline"),
    ):
        v = verbs.add_parser(verb, help=helptext)
        if verb == "import":
            v.add_argument("source", help="path to the detect-secrets baseline")
        if verb == "create":
            v.add_argument("--force", action="store_true", help="overwrite an existing baseline")
        v.add_argument("--baseline", help="baseline file (default from config)")
        v.add_argument("--pack", help="rule pack directory (default: the built-in pack)")
        v.set_defaults(func=run)


def run(args: argparse.Namespace, environ: Mapping[str, str] = os.environ) -> int:
    root = find_root(Path.cwd(), environ)
    ctx = load_context(root, args.pack, environ)
    path = root / (args.baseline or ctx.config.baseline)
    if args.verb == "create" and path.exists() and not args.force:
        raise TollgateError(f"{path}: already exists; use `baseline update` or --force")
    # `create --force` replaces the file unread, so it also repairs a baseline that does not parse.
    existing = {} if args.verb == "create" else read_entries(path)
    if args.verb == "import":
        entries = {**existing, **_import(Path(args.source), ctx)}
    else:
        current = entries_for(_current(ctx, environ))
        if args.verb == "create":
            entries = current
        elif args.verb == "update":
            entries = {**existing, **current}
        else:
            entries = {fp: entry for fp, entry in existing.items() if fp in current}
    write_entries(path, entries)
    added = len(set(entries) - set(existing))
    removed = len(set(existing) - set(entries))
    print(f"{path.name}: {len(entries)} entries ({added} added, {removed} removed)")
    return 0


def _current(ctx: Context, environ: Mapping[str, str]) -> list[Finding]:
    changes = all_files(Git(ctx.root, environ), None, ctx.config.max_file_size)
    return scan(changes, ctx.pack, ctx.config).findings


def _import(source: Path, ctx: Context) -> dict[str, dict[str, str]]:
    """Match detect-secrets' hashed secrets to our findings by re-reading the files they name."""
    from tollgate.detect_secrets_baseline import import_baseline  # noqa: PLC0415

    return import_baseline(source, ctx.root, ctx.pack)
