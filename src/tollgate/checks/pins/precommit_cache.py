"""The commit a pre-commit `rev:` resolved to, read from pre-commit's own cache (no network).

pre-commit clones each hook repository once per (repo, rev) into its cache directory and records
it in the `repos(repo, ref, path)` table of `db.db`. Its clone is shallow (`git fetch origin <rev>
--depth=1`, then a checkout of FETCH_HEAD), so it holds no tags: the clone made for a rev is
checked out at that rev's commit, and its HEAD is the answer. When the shallow fetch fails
pre-commit falls back to fetching every tag, so another clone of the repository may hold the tag.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping
from contextlib import closing
from pathlib import Path

_COMMIT = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")  # SHA-1, or a SHA-256 repository's
# What a tag or branch name may hold; anything else (an option, a revision expression) is
# never handed to git.
_REV = re.compile(r"[\w][\w./+-]*")
# They would point git at another repository than the clone (git sets them for its hooks).
_REPO_VARIABLES = frozenset(
    {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
     "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE"}
)  # fmt: skip


def cached_commit(repo_url: str, rev: str, environ: Mapping[str, str]) -> str | None:
    """The full commit SHA `rev` of `repo_url` was cloned at in pre-commit's cache, or None when
    the cache holds no clone that answers. For a branch it is the commit the clone was made at,
    which may be older than the branch's head."""
    if _COMMIT.fullmatch(rev.lower()):
        return rev.lower()
    if not _REV.fullmatch(rev):
        return None
    clones = _clones(cache_dir(environ) / "db.db", repo_url)
    env = {k: v for k, v in environ.items() if k not in _REPO_VARIABLES}
    for ref, path in sorted(clones, key=lambda clone: clone[0] != rev):
        found = _commit(path, "HEAD" if ref == rev else f"refs/tags/{rev}", env)
        if found:
            return found
    return None


def cache_dir(environ: Mapping[str, str]) -> Path:
    """pre-commit's cache directory: $PRE_COMMIT_HOME, else $XDG_CACHE_HOME/pre-commit, else
    ~/.cache/pre-commit (pre-commit's store.py)."""
    if environ.get("PRE_COMMIT_HOME"):
        return Path(environ["PRE_COMMIT_HOME"])
    if environ.get("XDG_CACHE_HOME"):
        return Path(environ["XDG_CACHE_HOME"]) / "pre-commit"
    home = Path(environ["HOME"]) if environ.get("HOME") else Path.home()
    return home / ".cache" / "pre-commit"


def _clones(db: Path, repo_url: str) -> list[tuple[str, str]]:
    """(ref, path) of every clone of the repository. A hook with `additional_dependencies` gets
    its own clone, recorded as `<repo>:<dep>,<dep>`."""
    if not db.is_file():
        return []
    try:
        # Read-only: pre-commit may be writing it, and a scan must never create or lock it.
        with closing(sqlite3.connect(db.absolute().as_uri() + "?mode=ro", uri=True)) as conn:
            rows = conn.execute("SELECT repo, ref, path FROM repos").fetchall()
    except sqlite3.Error:
        return []  # not pre-commit's schema, or a damaged file: no answer, not a failure
    return [
        (str(ref), str(path))
        for repo, ref, path in rows
        if repo == repo_url or str(repo).startswith(repo_url + ":")
    ]


def _commit(path: str, revision: str, env: Mapping[str, str]) -> str | None:
    from tollgate.gitcmd import Git  # noqa: PLC0415

    clone = Path(path)
    if not clone.is_dir():
        return None  # removed by hand; `pre-commit gc` would have dropped its row too
    out = Git(clone, env).run(
        "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", check=False
    )
    found = out.decode("ascii", "replace").strip()
    return found if _COMMIT.fullmatch(found) else None
