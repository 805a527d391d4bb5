"""compose: the images Docker Compose services run.

Only `services.<name>.image` is judged, and only for a service without `build:`: there the image
is the name the locally built image is tagged with, nothing is pulled. `${VAR:-default}` is judged
by its default, the image a checkout runs when nothing sets the variable.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tollgate.checks.pins.model import Analysis, Files, Note, Ref
from tollgate.checks.pins.yamlrefs import image_ref, unique

if TYPE_CHECKING:
    from tollgate.checks.pins.yamlnodes import Scalar
    from tollgate.pack.model import PinSettings

NAME = "compose"
KINDS: frozenset[str] = frozenset({"image-floating", "image-no-digest"})

# compose.yaml, docker-compose.yml and their overrides (docker-compose.prod.yml, compose.dev.yaml).
_NAMES = re.compile(r"(?:docker-)?compose(?:\.[^/]+)?\.ya?ml")
# `${VAR:-default}`, `${VAR-default}`; a default holds no `$`: nested ones resolve inside out.
_DEFAULT = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*:?-(?P<default>[^${}]*)\}")


def manifests(path: str) -> tuple[str, ...]:
    return (path,) if _NAMES.fullmatch(path.rpartition("/")[2]) else ()


def context(manifest: str) -> tuple[str, ...]:
    return ()


def analyse(files: Files, settings: PinSettings) -> Analysis:
    from tollgate.checks.pins.yamlnodes import Mapping, Scalar, YamlError, load_all  # noqa: PLC0415

    try:
        documents = load_all(files.text)
    except YamlError as error:
        return Analysis([], [Note(files.path, error.line, f"invalid YAML: {error.message}")])
    lines = files.text.split("\n")
    refs: list[Ref] = []
    for document in documents:
        services = document.get("services") if isinstance(document, Mapping) else None
        if not isinstance(services, Mapping):
            continue
        for _, service in services.items:
            if not isinstance(service, Mapping) or service.get("build") is not None:
                continue
            image = service.get("image")
            if not isinstance(image, Scalar):
                continue
            ref = _service_image(image, lines)
            if ref is not None:
                refs.append(ref)
    return Analysis(unique(refs), [])


def _service_image(image: Scalar, lines: list[str]) -> Ref | None:
    written = image.value.strip()
    resolved = _resolve(written)
    if resolved is None:
        return None
    how = f" (`{written}` with its variables unset)" if resolved != written else ""
    return image_ref(image, lines, NAME, resolved, how)


def _resolve(reference: str) -> str | None:
    """The reference with every `${VAR:-default}` replaced by its default; None if any `$VAR`
    has no default (the image then depends on the environment and cannot be judged)."""
    text = reference
    while "${" in text:
        resolved = _DEFAULT.sub(lambda m: m.group("default"), text)
        if resolved == text:
            break
        text = resolved
    return None if "$" in text else text
