"""dockerfile: base images and `--from` images by tag, `ADD <url>` unverified, RUN commands.

An image is judged by the pins image rules (images.py): no tag or a moving tag floats (default
profile), any other tag is only mutable (strict). `$VAR` in an image is replaced with the ARG
default the build would use; an ARG with no default is only known at build time and is not
judged. RUN commands (here-documents included) go through the shared shell analyser.
"""

from __future__ import annotations

from tollgate.checks.pins.model import Analysis, Files, Note, Ref
from tollgate.pack.model import PinSettings

NAME = "dockerfile"
KINDS: frozenset[str] = frozenset({"image-floating", "image-no-digest", "add-unverified"})


def manifests(path: str) -> tuple[str, ...]:
    name = path.rsplit("/", 1)[-1].lower()
    if name.endswith(".dockerignore"):
        return ()
    if name in ("dockerfile", "containerfile") or name.endswith((".dockerfile", ".containerfile")):
        return (path,)
    if name.startswith(("dockerfile.", "containerfile.")):
        return (path,)
    return ()


def context(manifest: str) -> tuple[str, ...]:
    return ()


def analyse(files: Files, settings: PinSettings) -> Analysis:
    from tollgate.checks.pins.docker.build import Build  # noqa: PLC0415 - only with a Dockerfile
    from tollgate.checks.pins.docker.parse import parse  # noqa: PLC0415

    parsed = parse(files.text)
    build = Build()
    for instruction in parsed.instructions:
        build.instruction(instruction)
    refs: list[Ref] = [*build.refs, *build.shell_refs()]
    refs.sort(key=lambda r: (r.line, r.column, r.rule))
    problems = [*parsed.problems, *build.problems]
    return Analysis(refs, [Note(files.path, line, message) for line, message in problems])
