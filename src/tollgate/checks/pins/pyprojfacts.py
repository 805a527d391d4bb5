"""What a pyproject.toml says about itself: its declarations, whether it is an application, the
lockfile that pins it, and the exact pins uv's own settings add."""

from __future__ import annotations

import posixpath
from typing import Any, NamedTuple

from tollgate.checks.pins import pyreq
from tollgate.checks.pins.ecosystems.pyproject import context
from tollgate.checks.pins.model import Files
from tollgate.checks.pins.tomlscan import Path, Toml
from tollgate.pack.model import PinSettings


class Lock(NamedTuple):
    path: str
    versions: dict[str, str]  # canonical name -> version
    command: str  # what brings it back in sync


class Project(NamedTuple):
    files: Files
    doc: Toml
    lines: list[str]
    lock: Lock | None
    application: bool
    own: str  # the project's canonical name
    sources: frozenset[str]  # names [tool.uv.sources] says where to get
    constraints: dict[str, str]  # exact pins from [tool.uv] constraint-dependencies
    build_constraints: dict[str, str]


def project(files: Files, doc: Toml, settings: PinSettings) -> Project:
    own = doc.get("project", "name") or doc.get("tool", "poetry", "name")
    own = pyreq.canonical(own) if isinstance(own, str) else ""
    sources = doc.get("tool", "uv", "sources")
    named = frozenset(pyreq.canonical(n) for n in sources) if isinstance(sources, dict) else None
    return Project(
        files, doc, files.text.split("\n"), _lock(files, doc, own),
        _application(doc, settings), own, named or frozenset(),
        _exact_pins(doc.get("tool", "uv", "constraint-dependencies"))
        | _exact_pins(doc.get("tool", "uv", "override-dependencies")),
        _exact_pins(doc.get("tool", "uv", "build-constraint-dependencies")),
    )  # fmt: skip


def _application(doc: Toml, settings: PinSettings) -> bool:
    if settings.project != "auto":
        return settings.project == "application"
    poetry = doc.get("tool", "poetry")
    # Not a package to build: Poetry's `package-mode = false`, uv's `package = false`.
    if (
        doc.get("tool", "poetry", "package-mode") is False
        or doc.get("tool", "uv", "package") is False
    ):
        return True
    return doc.get("project") is None and not (isinstance(poetry, dict) and "name" in poetry)


def _lock(files: Files, doc: Toml, own: str) -> Lock | None:
    from tollgate.checks.pins.pylocks import toml_lock  # noqa: PLC0415 - only with a lockfile

    folder = posixpath.dirname(files.path)
    found = [(p, files.get(p)) for p in context(files.path)]
    present = [(p, text) for p, text in found if text is not None]
    uses_poetry = doc.get("tool", "poetry") is not None or "poetry" in str(
        doc.get("build-system", "build-backend") or ""
    )
    present.sort(key=lambda item: not (uses_poetry and item[0].endswith("poetry.lock")))
    for path, text in present:
        beside = posixpath.dirname(path) == folder
        versions = toml_lock(text)
        # A uv.lock above belongs to a workspace only if it locks this project as a member.
        if beside or (own and own in versions):
            tool = "poetry" if path.endswith("poetry.lock") else "uv"
            command = (
                "run `poetry lock` (Poetry 1.x: `poetry lock --no-update`) and commit poetry.lock"
                if tool == "poetry"
                else f"run `uv lock` and commit `{path}`"
            )
            return Lock(path, versions, command)
    return None


def pep508_items(doc: Toml) -> list[tuple[Path, str, bool]]:
    """(path, requirement, is a build requirement) of every PEP 508 string."""
    found: list[tuple[Path, str, bool]] = []

    def strings(path: Path, build: bool = False) -> None:
        items = doc.get(*path)
        if isinstance(items, list):
            found.extend(((*path, i), v, build) for i, v in enumerate(items) if isinstance(v, str))

    strings(("project", "dependencies"))
    for table in (("project", "optional-dependencies"), ("dependency-groups",)):
        groups = doc.get(*table)
        for group in groups if isinstance(groups, dict) else ():
            strings((*table, group))
    strings(("tool", "uv", "dev-dependencies"))
    strings(("build-system", "requires"), build=True)
    return found


def poetry_items(doc: Toml) -> list[tuple[Path, str, Any]]:
    tables: list[Path] = [
        ("tool", "poetry", "dependencies"),
        ("tool", "poetry", "dev-dependencies"),
    ]
    groups = doc.get("tool", "poetry", "group")
    for group in groups if isinstance(groups, dict) else ():
        tables.append(("tool", "poetry", "group", group, "dependencies"))
    found: list[tuple[Path, str, Any]] = []
    for table in tables:
        deps = doc.get(*table)
        for name, value in deps.items() if isinstance(deps, dict) else ():
            if name.lower() != "python":
                found.append(((*table, name), name, value))
    return found


def _exact_pins(items: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in items if isinstance(items, list) else ():
        requirement = pyreq.parse(item) if isinstance(item, str) else None
        version = pyreq.exact_version(requirement.specifier) if requirement else None
        if requirement is not None and version is not None:
            found[pyreq.canonical(requirement.name)] = version
    return found
