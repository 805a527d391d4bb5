"""The exact versions an in-sync lockfile installs for a package.json's floating declarations.

For `tollgate fix pins`: a range the lockfile freezes is not a finding, but pinning it in
package.json too makes the manifest say what is installed. Pure: reads the files it is given.
"""

from __future__ import annotations

from typing import NamedTuple

from tollgate.checks.pins.model import Files


class Exact(NamedTuple):
    version: str  # the spec to declare: `4.17.21`, or `npm:other@4.17.21` for an alias
    line: int  # of the declaration (1-based)
    column: int  # of its key's opening quote (1-based)
    old: str  # the declaration as written: `"lodash": "^4.17.0"`
    new: str  # the same, pinned: `"lodash": "4.17.21"`


def exact_versions(files: Files) -> dict[tuple[str, str], Exact]:
    """(section, name) -> Exact, for each dependency, devDependency and optionalDependency
    declared with a range, `*` or a dist-tag that an in-sync lockfile resolves to a registry
    version. Peer dependencies and overrides are left alone (a peer range is a promise to
    consumers, not an install), as are unreadable manifests and declarations split over lines."""
    from tollgate.checks.pins import npmjson, npmlocks  # noqa: PLC0415
    from tollgate.checks.pins.npmspec import classify  # noqa: PLC0415
    from tollgate.checks.pins.npmsync import pinned, sync  # noqa: PLC0415
    from tollgate.checks.secrets.locate import LineIndex  # noqa: PLC0415

    manifest = npmjson.read(files.text)
    if isinstance(manifest, npmjson.Invalid):
        return {}
    declared = [(d.name, d.spec) for d in manifest.decls if d.section in npmjson.DEPENDENCIES]
    locks, _ = npmlocks.find(files, declared, manifest.package_manager)
    index = LineIndex(files.text)
    found: dict[tuple[str, str], Exact] = {}
    for decl in manifest.decls:
        if decl.section not in npmjson.DEPENDENCIES[:3]:
            continue
        spec = classify(decl.spec)
        if spec.kind not in ("range", "any", "tag") or not locks:
            continue
        state = sync(decl.name, decl.spec, spec, locks)
        version = pinned(spec, state.locked) if state.in_sync else ""
        line = index.line_of(decl.start)
        if version and index.line_of(decl.value) == line:
            old, new = npmjson.replaced(files.text, decl, version)
            found[(decl.section, decl.name)] = Exact(
                version, line, index.column_of(decl.start), old, new
            )
    return found
