"""Which installer a command runs, and what it leaves floating."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from functools import partial

from tollgate.checks.pins.sh.args import RUN, Install, basename
from tollgate.checks.pins.sh.parse import Word

# Program name -> (module of tollgate.checks.pins.sh, function): a module is imported only when
# a script runs one of its installers, so a Dockerfile with apt and pip never loads npm's rules.
_INSTALLERS: dict[str, tuple[str, str]] = {
    "uv": ("python", "uv"),
    "uvx": ("python", "uvx"),
    "pipx": ("python", "pipx"),
    "npm": ("node", "npm"),
    "npx": ("node", "npx"),
    "bunx": ("node", "bunx"),
    "yarn": ("node", "yarn"),
    "pnpm": ("node", "pnpm"),
    "bun": ("node", "bun"),
    "go": ("tools", "go"),
    "cargo": ("tools", "cargo"),
    "gem": ("tools", "gem"),
    "dotnet": ("tools", "dotnet"),
    "apt-get": ("system", "apt"),
    "apt": ("system", "apt"),
    "aptitude": ("system", "apt"),
    "apk": ("system", "apk"),
    "dnf": ("system", "rpm"),
    "yum": ("system", "rpm"),
    "microdnf": ("system", "rpm"),
    "tdnf": ("system", "rpm"),
    "zypper": ("system", "rpm"),
    "choco": ("system", "choco"),
    "choco.exe": ("system", "choco"),
    "cinst": ("system", "choco"),
}


def installs(argv: Sequence[Word]) -> list[Install]:
    """What the command `argv` (wrappers already removed) installs without pinning it."""
    name = basename(argv[0].text)
    if len(argv) > 2 and argv[1].text == "-m" and _versioned(name, "python", "pypy", "py"):
        argv, name = argv[2:], argv[2].text
    if _versioned(name, "pip"):
        return _judge("python", "pip")(argv)
    where = _INSTALLERS.get(name)
    return _judge(*where)(argv) if where is not None else []


def _versioned(name: str, *bases: str) -> bool:
    """`pip`, `pip3`, `pip3.12`; `python3.exe`."""
    return name.removesuffix(".exe").rstrip("0123456789.") in bases


def _judge(module: str, function: str) -> Callable[[Sequence[Word]], list[Install]]:
    found = importlib.import_module(f"tollgate.checks.pins.sh.{module}")
    if function in ("npx", "bunx"):
        return partial(found.runner, tool=function, kind=RUN)
    if function == "pip":
        return partial(found.pip, tool="pip")
    return getattr(found, function)  # type: ignore[no-any-return]
