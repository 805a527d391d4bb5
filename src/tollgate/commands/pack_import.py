"""`tollgate pack import {gitleaks,semgrep} SOURCE --out DIR`: a one-time import into a pack.

Prints a line per imported and per skipped rule (with what could not be expressed), a summary,
then runs `pack test` on DIR. Exit 0 when every imported rule passes it, 1 when something needs
attention (a rule without proven examples, a failing pack test, nothing imported), 2 when the
source or the pack cannot be read.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from tollgate.errors import TollgateError
from tollgate.pack.importers import Imported

TOOLS = ("gitleaks", "semgrep")


def add(verbs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    v = verbs.add_parser("import", help="import a gitleaks config or semgrep rules into a pack")
    v.add_argument("tool", choices=TOOLS)
    v.add_argument("source", help="the gitleaks config (TOML), or a directory of semgrep rules")
    v.add_argument(
        "--out", required=True, metavar="DIR", help="a new directory, or an existing pack"
    )
    v.add_argument("--name", help="the new pack's name (default: the name of DIR)")
    v.add_argument("--force", action="store_true", help="overwrite files the import replaces")
    v.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out, source = Path(args.out), Path(args.source)
    existing = _is_pack(out)
    result: Imported
    if args.tool == "gitleaks":
        result = _gitleaks(source, out, existing, args.force)
    else:
        result = _semgrep(source, out, existing, args.force)
    for name, _ in result.files:
        if (out / name).exists() and not args.force:
            raise TollgateError(f"{out / name}: already exists; pass --force to overwrite it")
    if existing and args.name:
        print(f"note: --name names a new pack; {out} keeps the name its pack.toml gives")
    for note in result.notes:
        print(f"note: {note}")
    for entry in result.entries:
        if entry.imported:
            print(f"imported {entry.rule} -> {entry.detail}")
        else:
            print(f"skipped {entry.rule}: {entry.detail}")
        for note in entry.notes:
            print(f"  {note}")
    for rule_id in result.needs_examples:
        print(f"needs examples: {rule_id}")
    imported = sum(e.imported for e in result.entries)
    print(
        f"{source.name}: {imported} imported, {len(result.entries) - imported} skipped, "
        f"{len(result.needs_examples)} need examples"
    )
    if not result.files:
        print("nothing written")
        return 1
    _write(out, result.files, existing, args.name, f"the {args.tool} rules of {source.name}")
    print(f"wrote {len(result.files)} file(s) into {out}")
    return 1 if _pack_test(out) or result.needs_examples else 0


def _gitleaks(source: Path, out: Path, existing: bool, force: bool) -> Imported:
    from tollgate.pack.importers.gitleaks import import_gitleaks  # noqa: PLC0415
    from tollgate.pack.model import SecretRule  # noqa: PLC0415
    from tollgate.pack.secret_rules import load_secret_rules  # noqa: PLC0415
    from tollgate.tomlfile import load_toml  # noqa: PLC0415

    config = load_toml(source)
    stem = re.sub(r"[^a-z0-9-]+", "-", source.stem.lower()).strip("-") or "gitleaks"
    target = f"secrets/{stem}.toml"
    if (out / target).exists() and not force:
        raise TollgateError(f"{out / target}: already exists; pass --force to overwrite it")
    pack: list[SecretRule] = []
    for path in sorted((out / "secrets").glob("*.toml")) if existing else ():
        label = f"secrets/{path.name}"
        if label != target:
            pack.extend(load_secret_rules(path, label))
    return import_gitleaks(config, source.name, target, pack)


def _semgrep(source: Path, out: Path, existing: bool, force: bool) -> Imported:
    from tollgate.pack.importers.semgrep import import_semgrep  # noqa: PLC0415
    from tollgate.pack.pattern_rules import load_pattern_rules  # noqa: PLC0415

    taken: dict[str, str] = {}
    if existing:
        rules, _ = load_pattern_rules(out)
        # Sources are labelled from the pack's parent ("pack/patterns/x/y.yaml").
        taken = {rule.id: rule.source.split("/", 1)[-1] for rule in rules}
    return import_semgrep(source, taken)


def _is_pack(out: Path) -> bool:
    if (out / "pack.toml").is_file():
        return True
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise TollgateError(
            f"{out}: exists and is not a rule pack (no pack.toml); give a new directory or a pack"
        )
    return False


def _write(
    out: Path, files: tuple[tuple[str, str], ...], existing: bool, name: str | None, what: str
) -> None:
    from tollgate import __version__  # noqa: PLC0415
    from tollgate.pack.importers.tomlwrite import string  # noqa: PLC0415

    try:
        if not existing:
            out.mkdir(parents=True, exist_ok=True)
            major, minor = (int(p) for p in __version__.split(".")[:2])
            manifest = [
                "format = 1",
                f"name = {string(name or out.resolve().name)}",
                f"version = {string('0.1.0')}",
                f"description = {string(f'Imported from {what} by `tollgate pack import`.')}",
                f"requires_tollgate = {string(f'>={major}.{minor},<{major + 1}')}",
            ]
            (out / "pack.toml").write_text("\n".join(manifest) + "\n", "utf-8")
        for relative, text in files:
            path = out / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
    except OSError as exc:
        raise TollgateError(f"{out}: cannot write the pack: {exc.strerror}") from None


def _pack_test(out: Path) -> int:
    """`tollgate pack test DIR`, its lines printed; a pack semgrep rejects counts as a failure."""
    from tollgate.commands.pack import run as pack_run  # noqa: PLC0415

    try:
        return pack_run(argparse.Namespace(verb="test", dir=str(out)))
    except TollgateError as exc:
        print(f"FAIL pack test could not run: {exc}")
        return 1
