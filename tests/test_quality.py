"""The project's own bars, run as part of the suite: mypy strict, ruff lint and format."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_mypy_strict_passes() -> None:
    proc = _run(str(BIN / "mypy"), "--strict", "src/tollgate", "bench")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_lint_passes() -> None:
    proc = _run(str(BIN / "ruff"), "check", "src", "tests", "bench")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_is_clean() -> None:
    proc = _run(str(BIN / "ruff"), "format", "--check", "src", "tests", "bench")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_import_of_the_hook_path_stays_light() -> None:
    """Heavy modules stay off the start-up path: they are imported only where they are used."""
    code = (
        "import sys, tollgate.cli, tollgate.commands.scan;"
        "heavy = {'git', 'detect_secrets', 'requests', 'yaml', 're2', 'tomli'} & set(sys.modules);"
        "print(sorted(heavy))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"
