"""The plain files the pins check and its peers (zizmor, hadolint) scan side by side."""

from __future__ import annotations

import random

from pins_dockerfiles import dockerfile
from pins_refs import Refs
from pins_workflows import workflow

_WORKFLOWS = (  # file, name, trigger, jobs, concurrency group
    ("ci.yml", "CI", "push-pr", ("test", "lint"), True),
    ("web.yml", "Web", "web", ("web",), True),
    ("docker.yml", "Docker", "tags", ("docker",), True),
    ("release.yml", "Release", "release", ("build", "publish"), False),
    ("codeql.yml", "CodeQL", "codeql", ("codeql",), False),
    ("go.yml", "Go tools", "push-pr", ("go",), True),
    ("docs.yml", "Docs", "main", ("docs", "pages"), False),
    ("integration.yml", "Integration", "push-pr", ("integration",), True),
    ("nightly.yml", "Nightly", "nightly", ("test", "tools"), False),
    ("stale.yml", "Stale", "stale", ("stale",), False),
)
_PEER_DOCKERFILES = (
    ("api", "python"), ("worker", "python"), ("reports", "uv"), ("web", "node"),
    ("admin", "node"), ("gateway", "go"), ("ingest", "go"), ("toolbox", "tools"),
    ("billing", "java"), ("notifier", "uv"),
)  # fmt: skip


def peer_files(seed: int) -> tuple[dict[str, str], list[str], list[str]]:
    """Ten workflows and ten Dockerfiles, about a third of their references pinned."""
    rng = random.Random(seed)
    refs = Refs(rng, pinned=0.35)
    files: dict[str, str] = {}
    for file, name, trigger, jobs, concurrency in _WORKFLOWS:
        files[f".github/workflows/{file}"] = workflow(refs, name, trigger, jobs, concurrency)
    for name, kind in _PEER_DOCKERFILES:
        files[f"docker/{name}/Dockerfile"] = dockerfile(refs, kind, name)
    workflows = [p for p in files if p.startswith(".github/")]
    return files, workflows, [p for p in files if p.endswith("Dockerfile")]
