"""Kubernetes manifests and kustomizations: the images, remote resources and charts they pull.

The kubernetes ecosystem module imports this only when a YAML file is judged (its docstring says
what is covered): most commits never pay for these patterns.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tollgate.checks.pins.model import Analysis, Files, Note, Ref
from tollgate.checks.pins.yamlrefs import declaration, image_ref, unique, url_state

if TYPE_CHECKING:
    from tollgate.checks.pins.yamlnodes import Mapping, Node, Scalar

NAME = "kubernetes"
_KUSTOMIZATIONS = ("kustomization.yaml", "kustomization.yml", "Kustomization")
_CONTAINER_LISTS = frozenset(
    {"containers", "initContainers", "ephemeralContainers", "steps", "sidecars"}
)
# A document is judged only if its top-level mapping has `apiVersion`: a file where no line
# starts with it is not parsed at all (an OpenAPI schema's indented `apiVersion:` property is
# not an object).
_TOP_LEVEL_API = re.compile(r"^[\"']?apiVersion[\"']?[ \t]*:", re.MULTILINE)
# `https://`, `git::https://`, `ssh://`, `git@host:`, or a bare host: `github.com/org/repo`.
_REMOTE = re.compile(
    r"(?:[a-z][a-z0-9+.-]*::)?(?:(?!file:)[a-z][a-z0-9+.-]*://|git@|"
    r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?/)",
    re.IGNORECASE,
)
# A Helm version constraint (`^1.2`, `~1.2.0`, `>=1`, `1.x`, `*`) picks the newest match.
_CHART_RANGE = re.compile(r"[\^~<>=*|]|(?:^|\.)[xX](?:\.|$)")


def analyse(files: Files) -> Analysis:
    from tollgate.checks.pins.yamlnodes import Mapping, Scalar, YamlError, load_all  # noqa: PLC0415

    named = files.path.rpartition("/")[2] in _KUSTOMIZATIONS
    if not named and not _TOP_LEVEL_API.search(files.text):
        return Analysis([], [])  # the many YAML files that are not manifests
    try:
        documents = load_all(files.text)
    except YamlError as error:
        # A Helm template (`{{ ... }}`) is not YAML until rendered; other YAML is not ours.
        if "{{" not in files.text:
            return Analysis([], [Note(files.path, error.line, f"invalid YAML: {error.message}")])
        return Analysis([], [])
    lines = files.text.split("\n")
    refs: list[Ref] = []
    for document in documents:
        if not isinstance(document, Mapping):
            continue
        api, kind = document.get("apiVersion"), document.get("kind")
        if not (isinstance(api, Scalar) and isinstance(kind, Scalar) and api.value and kind.value):
            if named:  # kustomize accepts a kustomization.yaml without apiVersion and kind
                refs += _kustomization(document, lines)
            continue
        if kind.value in ("Kustomization", "Component") and api.value.startswith(
            "kustomize.config.k8s.io/"
        ):  # not Flux's Kustomization (kustomize.toolkit.fluxcd.io), a different object
            refs += _kustomization(document, lines)
            continue
        refs += [ref for image in _images(document) if (ref := image_ref(image, lines, NAME))]
    return Analysis(unique(refs), [])


def _images(node: Node) -> list[Scalar]:
    """The `image:` of every container in any container list below (and of an Argo Workflows
    template's `container:` or `script:`)."""
    from tollgate.checks.pins.yamlnodes import Mapping, Scalar, Sequence  # noqa: PLC0415

    found: list[Scalar] = []
    if isinstance(node, Sequence):
        for item in node.items:
            found += _images(item)
    elif isinstance(node, Mapping):
        for key, value in node.items:
            containers: tuple[Node, ...] = ()
            if key.value in _CONTAINER_LISTS and isinstance(value, Sequence):
                containers = value.items
            elif key.value in ("container", "script") and isinstance(value, Mapping):
                containers = (value,)
            for container in containers:
                image = container.get("image") if isinstance(container, Mapping) else None
                if isinstance(image, Scalar):
                    found.append(image)
            found += _images(value)
    return found


def _kustomization(document: Mapping, lines: list[str]) -> list[Ref]:
    from tollgate.checks.pins.yamlnodes import Mapping, Scalar, Sequence  # noqa: PLC0415

    refs: list[Ref] = []
    for key, value in document.items:
        items = value.items if isinstance(value, Sequence) else ()
        if key.value in ("resources", "bases", "components"):
            refs += [r for i in items if isinstance(i, Scalar) and (r := _remote(i, lines))]
        elif key.value == "images":
            refs += [r for i in items if isinstance(i, Mapping) and (r := _override(i, lines))]
        elif key.value == "helmCharts":
            refs += [r for i in items if isinstance(i, Mapping) and (r := _chart(i, lines))]
    return refs


def _override(entry: Mapping, lines: list[str]) -> Ref | None:
    """An `images:` entry: the image kustomize writes in place of `name`."""
    from tollgate.checks.pins.yamlnodes import Scalar  # noqa: PLC0415

    name, new_name, tag, digest = (entry.get(k) for k in ("name", "newName", "newTag", "digest"))
    if not isinstance(name, Scalar):
        return None
    if isinstance(digest, Scalar) and digest.value.strip():
        return None
    if not isinstance(tag, Scalar) or not tag.value.strip():
        return None  # only renamed: the tag is the one the resources give, judged where written
    image = new_name.value if isinstance(new_name, Scalar) and new_name.value else name.value
    ref = image_ref(name, lines, NAME, f"{image.strip()}:{tag.value.strip()}")
    related = tuple(n.line for n in (new_name, tag) if isinstance(n, Scalar))
    return ref._replace(related=related) if ref else None


def _remote(resource: Scalar, lines: list[str]) -> Ref | None:
    url = resource.value.strip()
    if not _REMOTE.match(url) or "$" in url:
        return None  # a path in this repository
    state, ref = url_state(url)
    if state == "pinned":
        return None
    if not ref:
        detail = "no `?ref=`: kustomize builds the default branch as it is at build time"
    elif state == "floating":
        detail = f"`{ref}` is a branch: what gets applied changes whenever it moves"
    else:
        detail = f"`{ref}` is a tag: it can be moved to other manifests"
    kind = "remote-floating" if state == "floating" else "remote-no-sha"
    fix = "pin a full commit SHA: `?ref=<sha>` (keep the version in a comment)"
    text = declaration(lines, resource.line)
    name = url.partition("?")[0]
    return Ref(f"pins.{NAME}.{kind}", resource.line, resource.column, text, name, detail, fix)


def _chart(chart: Mapping, lines: list[str]) -> Ref | None:
    from tollgate.checks.pins.yamlnodes import Scalar  # noqa: PLC0415

    name, repo, version = (chart.get(k) for k in ("name", "repo", "version"))
    if not isinstance(name, Scalar) or not isinstance(repo, Scalar) or not repo.value.strip():
        return None  # no `repo:`: a chart in this repository's chartHome
    written = version.value.strip() if isinstance(version, Scalar) else ""
    if written and not _CHART_RANGE.search(written):
        return None
    if written:
        detail = f"`version: {written}` is a range: the newest matching chart is pulled"
    else:
        detail = "no `version:`: the newest chart in the repository is pulled"
    return Ref(
        rule=f"pins.{NAME}.chart-floating",
        line=name.line,
        column=name.column,
        text=declaration(lines, name.line),
        name=name.value.strip(),
        detail=detail,
        fix="set `version:` to an exact chart version",
        related=(version.line,) if isinstance(version, Scalar) else (),
    )
