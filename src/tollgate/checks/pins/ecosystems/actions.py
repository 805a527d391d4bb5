"""actions: the actions, reusable workflows and images GitHub Actions runs, and its `run:` scripts.

Read from workflows (`.github/workflows/*.yml`) and from action metadata (`action.yml` anywhere:
a composite action's `runs.steps`, a Docker action's `runs.image`). Only a full commit SHA pins
an action: a tag or a branch is re-pointed by whoever controls the action's repository.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from tollgate.checks.pins.model import Analysis, Files, Note, Ref

if TYPE_CHECKING:
    from tollgate.checks.pins.yamlnodes import Mapping, Node, Scalar
    from tollgate.pack.model import PinSettings

NAME = "actions"
KINDS: frozenset[str] = frozenset(
    {"unpinned-uses", "branch-uses", "image-floating", "image-no-digest"}
)

_HEX = frozenset("0123456789abcdefABCDEF")


def manifests(path: str) -> tuple[str, ...]:
    name = path.rpartition("/")[2]
    if name in ("action.yml", "action.yaml"):
        return (path,)
    # GitHub runs only the files directly in the repository's own .github/workflows.
    if path.startswith(".github/workflows/") and "/" not in path[18:]:
        return (path,) if name.endswith((".yml", ".yaml")) else ()
    return ()


def context(manifest: str) -> tuple[str, ...]:
    return ()


def analyse(files: Files, settings: PinSettings) -> Analysis:
    from tollgate.checks.pins.yamlnodes import Mapping, YamlError, load_all  # noqa: PLC0415

    try:
        documents = load_all(files.text)
    except YamlError as error:
        return Analysis([], [Note(files.path, error.line, f"invalid YAML: {error.message}")])
    lines = files.text.split("\n")
    refs: dict[tuple[str, int, int], Ref] = {}
    for document in documents:
        if not isinstance(document, Mapping):
            continue
        for ref in _document(document, lines):
            # An anchored step or job reused through aliases is one declaration, reported once.
            refs.setdefault((ref.rule, ref.line, ref.column), _tidy(ref))
    return Analysis(list(refs.values()), [])


def _tidy(ref: Ref) -> Ref:
    """A step's identity must survive its `uses:` moving onto or off the `- ` line."""
    if not ref.rule.startswith(f"pins.{NAME}."):
        return ref  # a `run:` script's, as the shell analyser wrote it
    return ref._replace(text=ref.text.removeprefix("- ").lstrip())


def ref_kind(ref: str) -> str:
    """What a git ref names, judged from its spelling: "commit", "short-sha", "tag" or "branch"
    (yamlrefs.ref_state's version-shaped names are tags). Shared with the precommit module."""
    from tollgate.checks.pins.yamlrefs import ref_state  # noqa: PLC0415

    if ref.startswith("refs/tags/"):
        return "tag"
    if ref.startswith("refs/heads/"):
        return "branch"
    state = ref_state(ref)
    if state == "pinned":
        return "commit"
    # An all-digit name is more likely a date or build tag (`20240101`) than an abbreviation.
    if 7 <= len(ref) < 40 and _HEX.issuperset(ref) and not ref.isdigit():
        return "short-sha"
    return "tag" if state == "mutable" else "branch"


def _document(document: Mapping, lines: list[str]) -> Iterator[Ref]:
    from tollgate.checks.pins.yamlnodes import Mapping, Scalar  # noqa: PLC0415

    jobs = document.get("jobs")
    for _, job in jobs.items if isinstance(jobs, Mapping) else ():
        if not isinstance(job, Mapping):
            continue
        yield from _uses(job.get("uses"), lines)  # a reusable workflow
        yield from _container(job.get("container"), lines)
        services = job.get("services")
        for _, service in services.items if isinstance(services, Mapping) else ():
            yield from _container(service, lines)
        yield from _steps(job.get("steps"), lines)
    runs = document.get("runs")
    if isinstance(runs, Mapping):
        yield from _steps(runs.get("steps"), lines)  # a composite action
        image = runs.get("image")  # a Docker action: `Dockerfile` (built here) or docker://
        if isinstance(image, Scalar) and image.value.startswith("docker://"):
            yield from _image(image, image.value[9:], lines)


def _steps(steps: Node | None, lines: list[str]) -> Iterator[Ref]:
    from tollgate.checks.pins.yamlnodes import Mapping, Sequence  # noqa: PLC0415

    for step in steps.items if isinstance(steps, Sequence) else ():
        if isinstance(step, Mapping):
            yield from _uses(step.get("uses"), lines)
            yield from _run(step.get("run"), lines)


def _container(node: Node | None, lines: list[str]) -> Iterator[Ref]:
    """`container: image` or `container: {image: ...}`, and a service's `image:`."""
    from tollgate.checks.pins.yamlnodes import Mapping, Scalar  # noqa: PLC0415

    image = node.get("image") if isinstance(node, Mapping) else node
    if isinstance(image, Scalar):
        yield from _image(image, image.value.removeprefix("docker://"), lines)


def _image(scalar: Scalar, reference: str, lines: list[str]) -> Iterator[Ref]:
    from tollgate.checks.pins.yamlrefs import image_ref  # noqa: PLC0415

    ref = image_ref(scalar, lines, NAME, reference.strip())
    if ref is not None:
        yield ref


def _run(node: Node | None, lines: list[str]) -> list[Ref]:
    from tollgate.checks.pins.yamlnodes import Scalar  # noqa: PLC0415

    if not isinstance(node, Scalar) or not node.value.strip():
        return []
    from tollgate.checks.pins.shellcmd import script_refs  # noqa: PLC0415
    from tollgate.checks.pins.yamlscript import positions  # noqa: PLC0415

    script = positions(node, lines)
    return script_refs(script.text, script.lines, script.columns)


def _uses(node: Node | None, lines: list[str]) -> Iterator[Ref]:
    from tollgate.checks.pins.yamlnodes import Scalar  # noqa: PLC0415
    from tollgate.checks.pins.yamlrefs import declaration  # noqa: PLC0415

    if not isinstance(node, Scalar):
        return
    value = node.value.strip()
    # A local action or workflow (`./path`) is this commit's own code; `${{ }}` is not allowed
    # in `uses:` and cannot be judged.
    if not value or value.startswith(".") or "${{" in value:
        return
    if value.startswith("docker://"):
        yield from _image(node, value[9:], lines)
        return
    target, _, ref = value.partition("@")
    kind = ref_kind(ref) if ref else "missing"
    if kind == "commit":
        return
    detail, fix = _verdict(target, ref, kind)
    rule = "branch-uses" if kind == "branch" else "unpinned-uses"
    text = declaration(lines, node.line)
    yield Ref(f"pins.{NAME}.{rule}", node.line, node.column, text, target, detail, fix)


def _verdict(target: str, ref: str, kind: str) -> tuple[str, str]:
    """Why `target@ref` floats, and how to pin it."""
    url = "https://github.com/" + "/".join(target.split("/")[:2])
    tags = f"`git ls-remote --tags {url}` lists them; an annotated tag's commit is its `^{{}}` line"
    if kind == "tag":
        tag = ref.removeprefix("refs/tags/")
        return (
            f"`@{ref}` is a tag: whoever controls {url} can move it to other code",
            f"pin it to the commit the tag points to: `{target}@<full sha> # {tag}` (find it with "
            f"`git ls-remote {url} refs/tags/{tag} 'refs/tags/{tag}^{{}}'`; an annotated tag's "
            f"commit is the `^{{}}` line)",
        )
    if kind == "branch":
        return (
            f"`@{ref}` is a branch: every push to it changes the code this workflow runs",
            f"pin a commit, ideally a release's: `{target}@<full sha> # <tag>` ({tags})",
        )
    if kind == "short-sha":
        return (
            f"`@{ref}` is an abbreviated SHA: only the full 40-character commit SHA is immutable "
            "(a branch or tag of that name, or a new commit with that prefix, can replace it)",
            f"write the full SHA: `{target}@<full sha>` (`git rev-parse {ref}` in a clone: {url})",
        )
    return (
        f"`{target}` names no `@ref`: GitHub needs one, and only a commit SHA pins it",
        f"pin a commit, ideally a release's: `{target}@<full sha> # <tag>` ({tags})",
    )
