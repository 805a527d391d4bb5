"""npm: package.json dependencies, judged with the package-lock.json, pnpm-lock.yaml or yarn.lock
they are installed from.

A range is frozen by an in-sync lockfile and floats without one; `*`, `latest` and other
dist-tags float either way (the next `npm update` or re-lock takes whatever is published); a git
dependency floats unless it names a full commit. Lockfiles themselves are never judged.
"""

from __future__ import annotations

from tollgate.checks.pins.model import Analysis, Files, Note, Ref
from tollgate.pack.model import PinSettings

NAME = "npm"
KINDS: frozenset[str] = frozenset(
    {"range-without-lock", "any-version", "git-unpinned", "out-of-sync", "git-ref", "tarball-url"}
)
_MANIFEST = "package.json"
# npmlocks.LOCKFILES, repeated so that manifests(), called for every changed file, imports nothing.
_LOCKFILES = ("npm-shrinkwrap.json", "package-lock.json", "pnpm-lock.yaml", "yarn.lock")


def manifests(path: str) -> tuple[str, ...]:
    directory, _, name = path.rpartition("/")
    if "node_modules/" in path:
        return ()  # installed packages, not this repository's declarations
    if name == _MANIFEST:
        return (path,)
    if name in _LOCKFILES:
        return (f"{directory}/{_MANIFEST}" if directory else _MANIFEST,)
    return ()


def context(manifest: str) -> tuple[str, ...]:
    from tollgate.checks.pins.npmlocks import LOCKFILES, directories  # noqa: PLC0415

    return tuple(f"{d}/{n}" if d else n for d in directories(manifest) for n in LOCKFILES)


def members(lockfile: str, text: str) -> tuple[str, ...]:
    """The workspace members' manifests a root lockfile records (see npmmembers)."""
    from tollgate.checks.pins.npmmembers import members as recorded  # noqa: PLC0415

    return recorded(lockfile, text)


def analyse(files: Files, settings: PinSettings) -> Analysis:
    from tollgate.checks.pins import npmjson, npmlocks  # noqa: PLC0415
    from tollgate.checks.pins.npmjudge import judge  # noqa: PLC0415

    manifest = npmjson.read(files.text)
    if isinstance(manifest, npmjson.Invalid):
        return Analysis([], [Note(files.path, manifest.line, manifest.message)])
    declared = [(d.name, d.spec) for d in manifest.decls if d.section in npmjson.DEPENDENCIES]
    locks, broken = npmlocks.find(files, declared, manifest.package_manager)
    notes = [Note(b.path, b.line, b.message) for b in broken]
    installed = {d.name for d in manifest.decls if d.section in npmjson.DEPENDENCIES[:3]}
    # Like a pyproject [project] without a lock: a published library's ranges are not floating
    # installs (`[pins] project` says otherwise when the package is really an application).
    library = settings.project == "library" or (settings.project == "auto" and manifest.library)
    refs: list[Ref] = []
    index = None
    for decl in manifest.decls:
        verdict = judge(decl, locks, bool(broken), installed)
        if verdict is None or (library and verdict.kind == "range-without-lock"):
            continue
        if index is None:
            from tollgate.checks.secrets.locate import LineIndex  # noqa: PLC0415

            index = LineIndex(files.text)
        line, value_line = index.line_of(decl.start), index.line_of(decl.value)
        written = files.text[decl.start : decl.end]
        ref = Ref(
            rule=f"pins.{NAME}.{verdict.kind}",
            line=line,
            column=index.column_of(decl.start),
            text=" ".join(written.split()),
            name=decl.name,
            detail=verdict.detail,
            fix=verdict.fix,
            related=(value_line,) if value_line != line else (),
            lock=verdict.lock,
        )
        if verdict.pinned and value_line == line:
            ref = ref._replace(edit=npmjson.replaced(files.text, decl, verdict.pinned))
        refs.append(ref)
    return Analysis(refs, notes)
