"""gitlab: GitLab CI configuration: images, services, includes, components, and job scripts.

Read: `.gitlab-ci.yml` and the CI files it usually includes (`.gitlab/ci/*.yml`, `.gitlab-ci/`).
Hidden jobs (`.name:`) are judged like jobs: other jobs extend them. Scripts go through the shared
shell analyser, each list item one script line at its own place in the file.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tollgate.checks.pins.model import Analysis, Files, Note, Ref
from tollgate.checks.pins.yamlrefs import declaration, image_ref, ref_state, unique, url_state

if TYPE_CHECKING:
    from tollgate.checks.pins.yamlnodes import Mapping, Node, Scalar
    from tollgate.pack.model import PinSettings

NAME = "gitlab"
KINDS: frozenset[str] = frozenset(
    {"image-floating", "image-no-digest", "include-floating", "include-no-sha",
     "component-floating", "component-no-sha"}
)  # fmt: skip

_NAMES = (".gitlab-ci.yml", ".gitlab-ci.yaml")
_DIRS = (".gitlab/ci/", ".gitlab-ci/")
# Top-level keys that are not jobs (https://docs.gitlab.com/ci/yaml/); `spec` heads a component.
_KEYWORDS = frozenset(
    {"default", "include", "stages", "types", "variables", "workflow", "image", "services",
     "cache", "before_script", "after_script", "spec"}
)  # fmt: skip
_SCRIPTS = ("before_script", "script", "after_script")
_GLOBALS = frozenset({"image", "services", "before_script", "after_script"})
_JOB = _GLOBALS | {"script", "hooks", "trigger"}
# A component version of one or two numbers resolves to the newest matching release.
_PARTIAL = re.compile(r"\d+(?:\.\d+)?")
_PIN_SHA = "pin a full commit SHA (keep the version in a comment)"


def manifests(path: str) -> tuple[str, ...]:
    if path.rpartition("/")[2] in _NAMES:
        return (path,)
    if path.endswith((".yml", ".yaml")) and any(
        path.startswith(d) or f"/{d}" in path for d in _DIRS
    ):
        return (path,)
    return ()


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
    for document in documents:  # a component's `spec:` header is a document of its own
        if not isinstance(document, Mapping):
            continue
        refs += _job(document, lines, _GLOBALS)  # the deprecated global image/services/scripts
        for key, value in document.items:
            if key.value == "include":
                refs += _includes(value, lines)
            elif key.value == "default" and isinstance(value, Mapping):
                refs += _job(value, lines)
            elif key.value in _KEYWORDS:
                continue
            elif isinstance(value, Mapping):
                refs += _job(value, lines)
            elif key.value.startswith(".") and isinstance(value, Sequence):
                # `.setup: &setup [...]`: script lines jobs take with `*setup` or `!reference`.
                refs += _script(value, lines)
    return Analysis(unique(refs), [])


def _job(job: Mapping, lines: list[str], keys: frozenset[str] = _JOB) -> list[Ref]:
    """The images, services, scripts and child-pipeline includes of a job or `default:`."""
    from tollgate.checks.pins.yamlnodes import Mapping, Sequence  # noqa: PLC0415

    refs: list[Ref] = []
    for key, value in job.items:
        if key.value not in keys:
            continue
        if key.value == "image":
            refs += _image(value, lines)
        elif key.value == "services" and isinstance(value, Sequence):
            for service in value.items:
                refs += _image(service, lines)
        elif key.value == "hooks" and isinstance(value, Mapping):
            refs += _script(value.get("pre_get_sources_script"), lines)
        elif key.value == "trigger" and isinstance(value, Mapping):
            refs += _includes(value.get("include"), lines)
        elif key.value in _SCRIPTS:
            refs += _script(value, lines)
    return refs


def _image(node: Node | None, lines: list[str]) -> list[Ref]:
    from tollgate.checks.pins.yamlnodes import Mapping, Scalar  # noqa: PLC0415

    name = node.get("name") if isinstance(node, Mapping) else node
    ref = image_ref(name, lines, NAME) if isinstance(name, Scalar) else None
    return [ref] if ref is not None else []


def _script(node: Node | None, lines: list[str]) -> list[Ref]:
    from tollgate.checks.pins.shellcmd import script_refs  # noqa: PLC0415
    from tollgate.checks.pins.yamlscript import script_lines  # noqa: PLC0415

    refs: list[Ref] = []
    for script, at, columns in script_lines(node, lines):
        refs += script_refs(script, at, columns)
    return refs


def _includes(node: Node | None, lines: list[str]) -> list[Ref]:
    from tollgate.checks.pins.yamlnodes import Mapping, Scalar, Sequence  # noqa: PLC0415

    refs: list[Ref] = []
    for item in node.items if isinstance(node, Sequence) else (node,):
        ref: Ref | None = None
        if isinstance(item, Scalar) and item.value.startswith(("https://", "http://")):
            ref = _remote(item, None, lines)  # `include: 'https://...'` is a remote include
        elif isinstance(item, Mapping):
            project, remote, component = (item.get(k) for k in ("project", "remote", "component"))
            if isinstance(project, Scalar):
                ref = _project(project, item.get("ref"), lines)
            elif isinstance(remote, Scalar):
                ref = _remote(remote, item.get("integrity"), lines)
            elif isinstance(component, Scalar):
                ref = _component(component, lines)
        if ref is not None:
            refs.append(ref)
    return refs


def _project(project: Scalar, ref: Node | None, lines: list[str]) -> Ref | None:
    from tollgate.checks.pins.yamlnodes import Scalar  # noqa: PLC0415

    written = ref.value.strip() if isinstance(ref, Scalar) else ""
    if "$" in project.value or "$" in written:
        return None  # `$CI_PROJECT_PATH`, `$CI_COMMIT_SHA`: decided at pipeline time
    state = ref_state(written) if written else "floating"
    if state == "pinned":
        return None
    if not written:
        detail = "no `ref:`: it includes the default branch as it is when the pipeline runs"
    elif state == "floating":
        detail = f"`ref: {written}` is a branch: the included jobs change whenever it moves"
    else:
        detail = f"`ref: {written}` is a tag: the project can move it to other code"
    related = (ref.line,) if isinstance(ref, Scalar) else ()
    fix = f"set `ref:` to {_PIN_SHA}"
    return _ref(project, lines, "include", state, detail=detail, fix=fix, related=related)


def _remote(url: Scalar, integrity: Node | None, lines: list[str]) -> Ref | None:
    from tollgate.checks.pins.yamlnodes import Scalar  # noqa: PLC0415

    if "$" in url.value or (isinstance(integrity, Scalar) and integrity.value.strip()):
        return None  # `integrity: sha256-...`: GitLab refuses any other content
    state, ref = url_state(url.value.strip())
    if state == "pinned":
        return None
    if not ref:
        detail = "the URL names no commit: whatever it serves when the pipeline runs is included"
    elif state == "floating":
        detail = f"`{ref}` in the URL is a branch: the included jobs change whenever it moves"
    else:
        detail = f"`{ref}` in the URL is a tag: it can be moved to other code"
    fix = f"use a URL with {_PIN_SHA}, or add `integrity: sha256-<base64 hash>` to the include"
    return _ref(url, lines, "include", state, detail=detail, fix=fix)


def _component(component: Scalar, lines: list[str]) -> Ref | None:
    path, at, version = component.value.strip().rpartition("@")
    if "$" in version:
        return None
    if not at:
        state, detail = "floating", "no `@version`"
    elif version == "~latest":
        state, detail = "floating", "`@~latest` is whatever release is newest when it runs"
    elif _PARTIAL.fullmatch(version):
        state = "floating"
        detail = f"`@{version}` resolves to the newest `{version}.*` release when it runs"
    else:
        state = ref_state(version)
        what = "a branch: it moves" if state == "floating" else "a tag: it can be moved"
        detail = f"`@{version}` is {what}"
    if state == "pinned":
        return None
    fix = f"use `@<sha>`: {_PIN_SHA}"
    ref = _ref(component, lines, "component", state, detail=detail, fix=fix)
    return ref._replace(name=path or version)


def _ref(
    scalar: Scalar,
    lines: list[str],
    what: str,
    state: str,
    *,
    detail: str,
    fix: str,
    related: tuple[int, ...] = (),
) -> Ref:
    kind = f"{what}-floating" if state == "floating" else f"{what}-no-sha"
    name = scalar.value.strip().partition("?")[0]
    text = declaration(lines, scalar.line)
    return Ref(f"pins.{NAME}.{kind}", scalar.line, scalar.column, text, name, detail, fix, related)
