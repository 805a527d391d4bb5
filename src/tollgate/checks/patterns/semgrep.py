"""Running semgrep: one offline subprocess per tollgate run, JSON out, never failing open.

`semgrep scan --experimental` is semgrep's native (OCaml) CLI: on a 1-file scan it starts ~10x
faster than the default path, whose Python wrapper alone costs ~1.3 s here. Metrics and the version
check are off and only local rule files are used, so no run touches the network.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tollgate.errors import TollgateError

DEFAULT_TIMEOUT = 120.0  # seconds for the whole semgrep run
_PER_FILE_TIMEOUT = "30"


def semgrep_binary(environ: Mapping[str, str] = os.environ) -> str:
    """semgrep next to the running interpreter (the venv tollgate lives in), else on PATH."""
    here = shutil.which("semgrep", path=str(Path(sys.executable).parent))
    found = here or shutil.which("semgrep", path=environ.get("PATH"))
    if not found:
        raise TollgateError(
            "semgrep is not installed: the patterns check needs it (pip install tollgate installs "
            'it; or disable the check with checks = ["secrets"])'
        )
    return found


def osemgrep_core() -> str | None:
    """semgrep's native engine binary, run directly as `osemgrep` when it can be found.

    `semgrep scan --experimental` is a Python launcher that only sets NO_COLOR and execs this
    binary under the name `osemgrep`; starting it directly saves the launcher's ~30 ms.
    """
    import importlib.util  # noqa: PLC0415

    spec = importlib.util.find_spec("semgrep")  # locates the package without importing it
    for location in (spec.submodule_search_locations or []) if spec else []:
        core = Path(location) / "bin" / "semgrep-core"
        if os.access(core, os.X_OK):
            return str(core)
    return None


def run_semgrep(
    config: str,
    targets: Sequence[str],
    cwd: Path,
    environ: Mapping[str, str] = os.environ,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """semgrep's JSON report for `targets` (paths relative to `cwd`); errors raise TollgateError."""
    core = osemgrep_core()
    program = "osemgrep" if core else semgrep_binary(environ)
    command = [
        program,
        "scan",
        "--experimental",
        "--config",
        config,
        "--json",
        "--metrics=off",
        "--quiet",
        "--no-git-ignore",
        # semgrep's own nosemgrep matching also fires inside words (`nosemgrepish`); tollgate
        # applies nosemgrep itself, as a whole word in a comment (see ignore.py).
        "--disable-nosem",
        "--timeout",
        _PER_FILE_TIMEOUT,
        "--",
        *targets,
    ]
    env = {
        **environ,
        "SEMGREP_ENABLE_VERSION_CHECK": "0",
        "SEMGREP_SEND_METRICS": "off",
        "NO_COLOR": "1",
    }
    try:
        proc = subprocess.run(
            command,
            executable=core,  # argv[0] "osemgrep" selects semgrep-core's CLI mode
            cwd=cwd,
            env=env,
            capture_output=True,
            check=False,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        raise TollgateError(
            f"semgrep did not finish within {timeout:.0f} s; nothing was judged, so the run fails"
        ) from None
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        raise TollgateError(
            f"semgrep failed (exit {proc.returncode}): {_first_line(proc.stderr)}"
        ) from None
    if not isinstance(report, dict):
        raise TollgateError(f"semgrep failed (exit {proc.returncode}): unexpected output")
    fatal = [e for e in report.get("errors", []) if _is_fatal(e)]
    if fatal:
        raise TollgateError(f"semgrep: {_describe(fatal[0])}")
    if proc.returncode not in (0, 1):
        raise TollgateError(f"semgrep failed (exit {proc.returncode}): {_first_line(proc.stderr)}")
    return report


def _is_fatal(error: Any) -> bool:
    """Rule and configuration errors are fatal; a target semgrep could only partly parse is not."""
    if not isinstance(error, dict):
        return True
    kind = str(error.get("type", ""))
    target_errors = ("Syntax error", "Lexical error", "Timeout", "Partial parsing", "Other syntax")
    if any(kind.startswith(t) for t in target_errors) and error.get("path"):
        return False
    return bool(error.get("level", "error") == "error")


def _describe(error: Any) -> str:
    if not isinstance(error, dict):
        return str(error)
    message = " ".join(str(error.get("message", error.get("type", "error"))).split())
    rule = error.get("rule_id")
    return f"rule {rule}: {message}" if rule else message


def _first_line(data: bytes) -> str:
    lines = [line for line in data.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1].strip() if lines else "no output"
