"""Build a ChangeSet from git: the index (staged), a commit range, or every tracked file."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from tollgate.changes import Change, ChangeSet, Skipped
from tollgate.errors import TollgateError
from tollgate.gitcmd import Git, is_null_oid
from tollgate.gitdiff import GITLINK, SYMLINK, RawEntry, added_lines, parse_added_lines, parse_raw
from tollgate.snapshot import GitSnapshot
from tollgate.textio import decode

_DIFF_FLAGS = (
    "--no-color", "--no-ext-diff", "--no-textconv", "--no-relative", "-M", "--full-index",
    "--no-abbrev",
)  # fmt: skip


class _Wanted(NamedTuple):
    entry: RawEntry
    added: frozenset[int] | None
    commit: str
    # git showed the change as binary, yet the blobs may decode as text: diff the texts instead.
    rediff: bool = False


def staged(git: Git, paths: Sequence[str] | None, max_bytes: int) -> ChangeSet:
    """The staged change: index against HEAD (or the empty tree before the first commit)."""
    if paths is not None and not paths:
        return ChangeSet(())
    raw = parse_raw(git.run("diff", "--cached", "--raw", "-z", *_DIFF_FLAGS))
    spec: tuple[str, ...] = ()
    if paths is not None:
        raw = _matching(git, raw, paths)
        # Both sides of a rename, so the patch pairs them as the raw diff did.
        both = {p for e in raw if e.status in "MRC" for p in (e.old_path, e.path)}
        spec = _pathspec(sorted(both))
    patch_args = ("diff", "--cached", "-U0", *_DIFF_FLAGS)
    wanted = _with_added_lines(git, raw, patch_args, spec, commit="")
    touched = tuple(("", e.path) for e in raw)
    return _materialise(git, wanted, max_bytes)._replace(touched=touched)


def _matching(git: Git, raw: list[RawEntry], paths: Sequence[str]) -> list[RawEntry]:
    """The entries of the whole staged diff whose new path matches `paths`.

    Limiting the diff itself to the named files would hide a rename's old side: the file would look
    new and every line of it, old secrets included, would count. So git matches the names (without
    rename detection), and the entries come from the full diff.
    """
    spec = _pathspec(paths)
    out = git.run("diff", "--cached", "--raw", "-z", *_DIFF_FLAGS, "--no-renames", *spec)
    chosen = {e.path for e in parse_raw(out)}
    return [e for e in raw if e.path in chosen]


def commit_range(git: Git, from_ref: str, to_ref: str, max_bytes: int) -> ChangeSet:
    """Every non-merge commit in from_ref..to_ref against its parent, as CI and pre-push see it."""
    to_oid = _resolve(git, to_ref)
    if is_null_oid(from_ref):
        # pre-push for a new branch: what is not on any remote yet.
        listing = git.run("rev-list", "--reverse", "--no-merges", to_oid, "--not", "--remotes")
    else:
        from_oid = _resolve(git, from_ref)
        listing = git.run("rev-list", "--reverse", "--no-merges", f"{from_oid}..{to_oid}")
    wanted: list[_Wanted] = []
    touched: list[tuple[str, str]] = []
    # diff-tree prints the commit id before its diff unless told not to; parse_raw wants entries.
    tree_args = ("diff-tree", "-r", "--root", "--no-commit-id")
    for commit in listing.decode("ascii").split():
        raw = parse_raw(git.run(*tree_args, "--raw", "-z", *_DIFF_FLAGS, commit))
        patch_args = (*tree_args, "-U0", *_DIFF_FLAGS, commit)
        wanted.extend(_with_added_lines(git, raw, patch_args, (), commit=commit))
        touched.extend((commit, e.path) for e in raw)
    return _materialise(git, wanted, max_bytes)._replace(touched=tuple(touched))


def all_files(git: Git, paths: Sequence[str] | None, max_bytes: int) -> ChangeSet:
    """Every tracked file as staged in the index, every line."""
    out = git.run("ls-files", "-s", "-z", *_pathspec(paths))
    wanted: list[_Wanted] = []
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, oid, stage = meta.decode("ascii").split()
        if stage != "0":
            continue
        path = name.decode("utf-8", "surrogateescape")
        entry = RawEntry("A", "000000", mode, "0" * len(oid), oid, path, path)
        if _scannable(entry):
            wanted.append(_Wanted(entry, None, ""))
    return _materialise(git, wanted, max_bytes)


def _resolve(git: Git, ref: str) -> str:
    out = git.run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
    oid = out.decode("ascii").strip()
    if not oid:
        raise TollgateError(f"{ref}: not a commit in this repository")
    return oid


def _pathspec(paths: Sequence[str] | None) -> tuple[str, ...]:
    if paths is None:
        return ()
    return ("--", *paths)


def _with_added_lines(
    git: Git,
    raw: Iterable[RawEntry],
    patch_args: tuple[str, ...],
    spec: tuple[str, ...],
    commit: str,
) -> list[_Wanted]:
    scannable = [e for e in raw if _scannable(e)]
    partial = [e for e in scannable if e.status in "MRC"]
    hunks: dict[tuple[str, str], frozenset[int] | None] = {}
    if partial:
        hunks = parse_added_lines(git.run(*patch_args, "--diff-filter=MRC", *spec))
    wanted: list[_Wanted] = []
    for entry in scannable:
        if entry.status in "MRC":
            added = hunks.get((entry.old_oid, entry.new_oid), frozenset())
            if added is None:
                wanted.append(_Wanted(entry, frozenset(), commit, rediff=True))
            elif added:
                wanted.append(_Wanted(entry, added, commit))
            # else a pure rename, a mode change or only deletions: no line added
        else:
            wanted.append(_Wanted(entry, None, commit))
    return wanted


def _scannable(entry: RawEntry) -> bool:
    if entry.status in "DU" or is_null_oid(entry.new_oid):
        return False
    # A submodule is another repository's commit; a symlink's blob is a path, not content.
    return entry.new_mode not in (GITLINK, SYMLINK)


def _materialise(git: Git, wanted: list[_Wanted], max_bytes: int) -> ChangeSet:
    oids = [w.entry.new_oid for w in wanted] + [w.entry.old_oid for w in wanted if w.rediff]
    blobs = dict(git.read_blobs(oids, max_bytes))
    changes: list[Change] = []
    skipped: list[Skipped] = []
    for w in wanted:
        data = blobs[w.entry.new_oid]
        if data is None:
            continue  # not asked with missing_ok: cannot happen
        if isinstance(data, int):
            reason = f"larger than the {max_bytes}-byte limit ({data} bytes)"
            skipped.append(Skipped(w.entry.path, reason, w.commit))
            continue
        text = decode(data)
        if text is None:
            continue  # binary: nothing a text rule could match
        added = _rediff(blobs[w.entry.old_oid], text) if w.rediff else w.added
        if added is not None and not added:
            continue
        changes.append(Change(w.entry.path, w.entry.status, text, added, w.commit))
    return ChangeSet(tuple(changes), tuple(skipped), GitSnapshot(git))


def _rediff(old: bytes | int | None, new: str) -> frozenset[int] | None:
    old_text = None if old is None or isinstance(old, int) else decode(old)
    if old_text is None:
        return None  # the old side was binary or too large to compare: every line is new
    return added_lines(old_text, new)
