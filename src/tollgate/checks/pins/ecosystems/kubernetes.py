"""kubernetes: container images of Kubernetes objects, and what a kustomization pulls in.

Any YAML file may hold Kubernetes objects, so every one is a candidate by name and each document
is judged only if it has `apiVersion` and `kind`: anything else is some other YAML, ignored without
a warning. Images are found in every container list (`containers`, `initContainers`,
`ephemeralContainers`, and the `steps`/`sidecars` of pipeline resources) wherever the object nests
its pod template, so workloads and custom resources alike are covered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tollgate.checks.pins.ecosystems import compose, gitlab

if TYPE_CHECKING:
    from tollgate.checks.pins.model import Analysis, Files
    from tollgate.pack.model import PinSettings

NAME = "kubernetes"
KINDS: frozenset[str] = frozenset(
    {"image-floating", "image-no-digest", "remote-floating", "remote-no-sha", "chart-floating"}
)

_KUSTOMIZATIONS = ("kustomization.yaml", "kustomization.yml", "Kustomization")
# YAML files other ecosystems own or that are never Kubernetes objects.
_NOT_MANIFESTS = frozenset(
    {".pre-commit-config.yaml", ".pre-commit-hooks.yaml", "pnpm-lock.yaml", "pnpm-workspace.yaml",
     "action.yml", "action.yaml", ".yarnrc.yml"}
)  # fmt: skip


def manifests(path: str) -> tuple[str, ...]:
    name = path.rpartition("/")[2]
    if name == "Kustomization":
        return (path,)
    if not name.endswith((".yaml", ".yml")) or name in _NOT_MANIFESTS:
        return ()
    if path.startswith(".github/") or "/.github/" in path:
        return ()
    if compose.manifests(path) or gitlab.manifests(path):
        return ()
    return (path,)


def context(manifest: str) -> tuple[str, ...]:
    return ()


def analyse(files: Files, settings: PinSettings) -> Analysis:
    from tollgate.checks.pins.k8sjudge import analyse as judge  # noqa: PLC0415

    return judge(files)
