"""shell: shell scripts, read by the shared shell command analyser (shellcmd.py).

Its kinds are the analyser's: every ecosystem with embedded shell (Dockerfile RUN, workflow
`run:` steps) reports them as `pins.shell.<kind>`, so one policy file governs them all.
"""

from __future__ import annotations

from tollgate.checks.pins.model import Analysis, Files, Note
from tollgate.pack.model import PinSettings

NAME = "shell"
KINDS: frozenset[str] = frozenset(
    {"pipe-to-shell", "unverified-download", "unpinned-package", "unpinned-run",
     "os-package-unpinned", "lockfile-not-enforced", "package-not-hashed", "installer-unpinned"}
)  # fmt: skip
# By extension only: an extensionless script is not told apart from any other file by its name.
_EXTENSIONS = (".sh", ".bash", ".zsh", ".ksh")
_NAMES = frozenset({".bashrc", ".bash_profile", ".zshrc", ".profile"})


def manifests(path: str) -> tuple[str, ...]:
    name = path.rsplit("/", 1)[-1]
    return (path,) if name.endswith(_EXTENSIONS) or name in _NAMES else ()


def context(manifest: str) -> tuple[str, ...]:
    return ()


def analyse(files: Files, settings: PinSettings) -> Analysis:
    from tollgate.checks.pins.shellcmd import Session  # noqa: PLC0415 - only with a script

    text = files.text
    count = text.count("\n") + 1
    session = Session()
    session.add(text, range(1, count + 1), [1] * count)
    notes = [Note(files.path, line, message) for line, message in session.problems]
    return Analysis(session.refs, notes)
