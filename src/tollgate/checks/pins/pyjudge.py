"""Verdicts shared by the Python manifests: a VCS reference, a version specifier."""

from __future__ import annotations

import re
from typing import NamedTuple

from tollgate.checks.pins.pyreq import abbreviated, exact_version, ref_state

_USERINFO = re.compile(r"//[^/@]*@")


class Verdict(NamedTuple):
    kind: str  # the rule kind: vcs-branch, vcs-tag, unpinned...
    detail: str
    fix: str


def remote(url: str) -> str:
    """The repository URL to give `git ls-remote`: no `git+` prefix, no ref, no credentials."""
    bare = url.partition("#")[0]
    bare = bare.split("+", 1)[1] if re.match(r"(git|hg|svn|bzr)\+", bare) else bare
    return _USERINFO.sub("//", bare)


def vcs_verdict(repo: str, ref: str, how: str, pin: str, vcs: str = "git") -> Verdict | None:
    """A VCS dependency on `repo` at `ref`; `how` is how the manifest names the ref ("branch",
    "tag", or "" for a rev that may be anything); `pin` shows the manifest's syntax for a commit.

    The fix never shows `repo` as written: it may carry a token.
    """
    where = remote(repo)
    if not ref:
        return Verdict(
            "vcs-branch",
            "names no ref, so it follows the repository's default branch",
            f"pin a full commit SHA ({pin}); `git ls-remote {where} HEAD` prints the current one",
        )
    state = ref_state(ref, vcs)
    if state == "pinned" and how != "branch":
        return None
    lookup = f"`git ls-remote {where} {ref}` prints the commit it points at"
    if how == "tag" or (state == "tag" and how != "branch"):
        return Verdict(
            "vcs-tag",
            f"`{ref}` is a tag: whoever controls the repository can move it to another commit",
            f"pin the full commit SHA the tag points at ({pin}); {lookup}",
        )
    if abbreviated(ref) and how != "branch":
        detail = f"`{ref}` is an abbreviated commit id, resolved as a branch or tag name first"
    else:
        detail = f"`{ref}` is a branch: every install takes its newest commit"
    return Verdict("vcs-branch", detail, f"pin a full commit SHA ({pin}); {lookup}")


def spec_state(spec: str) -> str:
    """ "exact", "range" or "bare" for a PEP 440 specifier."""
    if not spec.strip():
        return "bare"
    return "exact" if exact_version(spec) is not None else "range"


def floating_detail(shown: str, state: str, when: str = "each install") -> str:
    if state == "bare":
        return f"`{shown}` names no version: {when} takes the newest release"
    return f"`{shown}` is a range: {when} takes the newest release it allows"
