"""precommit: the hook repositories a `.pre-commit-config.yaml` clones, and the `rev:` of each.

pre-commit clones each repository at its `rev:` and runs its code on every commit, with the
developer's rights. A branch moves with every push; a tag can be re-pointed; only a commit SHA
(what `pre-commit autoupdate --freeze` writes) names fixed code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tollgate.checks.pins.model import Analysis, Files, Note, Ref

if TYPE_CHECKING:
    from tollgate.checks.pins.yamlnodes import Node
    from tollgate.pack.model import PinSettings

NAME = "precommit"
KINDS: frozenset[str] = frozenset({"floating-rev", "mutable-rev"})
# Repositories pre-commit provides itself: nothing is cloned.
_BUILTIN = frozenset({"local", "meta"})


def manifests(path: str) -> tuple[str, ...]:
    name = path.rpartition("/")[2]
    return (path,) if name in (".pre-commit-config.yaml", ".pre-commit-config.yml") else ()


def context(manifest: str) -> tuple[str, ...]:
    return ()


def analyse(files: Files, settings: PinSettings) -> Analysis:
    from tollgate.checks.pins.yamlnodes import Mapping, Sequence, YamlError, load_all  # noqa: PLC0415

    try:
        documents = load_all(files.text)
    except YamlError as error:
        return Analysis([], [Note(files.path, error.line, f"invalid YAML: {error.message}")])
    lines = files.text.split("\n")
    refs: list[Ref] = []
    for document in documents:
        # A top-level list of repositories is the format before pre-commit 1.0.
        repos = document.get("repos") if isinstance(document, Mapping) else document
        for entry in repos.items if isinstance(repos, Sequence) else ():
            if not isinstance(entry, Mapping):
                continue
            ref = _repository(entry.get("repo"), entry.get("rev"), lines)
            if ref is not None:
                refs.append(ref)
    return Analysis(refs, [])


def _repository(repo: Node | None, rev: Node | None, lines: list[str]) -> Ref | None:
    from tollgate.checks.pins.ecosystems.actions import ref_kind  # noqa: PLC0415
    from tollgate.checks.pins.yamlnodes import Scalar  # noqa: PLC0415
    from tollgate.checks.pins.yamlrefs import declaration  # noqa: PLC0415

    if not isinstance(repo, Scalar) or not repo.value.strip() or repo.value in _BUILTIN:
        return None
    url = repo.value.strip()
    value = rev.value.strip() if isinstance(rev, Scalar) else ""
    kind = ref_kind(value) if value else "missing"
    at = rev if isinstance(rev, Scalar) and value else repo
    if kind == "commit":
        return None
    if kind == "missing":
        rule, detail = "floating-rev", "no `rev:`: pre-commit refuses it, nothing names the code"
    elif kind == "branch":
        rule = "floating-rev"
        what = "follows the default branch" if value == "HEAD" else "is a branch"
        detail = f"`rev: {value}` {what}: every push to it changes the hooks that run here"
    elif kind == "tag":
        rule = "mutable-rev"
        detail = f"`rev: {value}` is a tag: whoever controls the repository can move it"
    else:
        rule = "mutable-rev"
        detail = f"`rev: {value}` is an abbreviated SHA: a branch or tag so named can replace it"
    text = declaration(lines, at.line).removeprefix("- ").lstrip()
    fix = _fix(url, kind, value)
    return Ref(f"pins.{NAME}.{rule}", at.line, at.column, text, url, detail, fix)


def _fix(written: str, kind: str, rev: str) -> str:
    from tollgate.checks.pins.excerpt import excerpt  # noqa: PLC0415

    url = excerpt(written)  # a token in `https://user:token@host/...` is never shown
    frozen = f"`rev: <sha>  # frozen: {rev if kind == 'tag' else '<tag>'}`"
    tags = f"`git ls-remote --tags {url}`; an annotated tag's commit is its `^{{}}` line"
    if kind == "missing":
        return f"add {frozen} with a release's commit ({tags})"
    if kind == "short-sha":
        return f"write the full 40-character SHA: `git rev-parse {rev}` in a clone of {url}"
    freeze = f"`pre-commit autoupdate --freeze --repo {url}` (it also moves to the newest release)"
    if kind == "branch":
        return f"{freeze}, or by hand {frozen} with a release's commit ({tags})"
    return (
        f"{freeze}, or by hand {frozen} with the commit from "
        f"`git ls-remote {url} refs/tags/{rev} 'refs/tags/{rev}^{{}}'` (for an annotated tag, "
        f"the `^{{}}` line)"
    )
