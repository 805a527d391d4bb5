"""`tollgate demo`: a throwaway repository with a staged leak, blocked, then fixed and committed."""

from __future__ import annotations

import argparse
import os
import secrets
import string
import subprocess
import sys
import tempfile
from pathlib import Path

from tollgate.checks.secrets.validators import crc32_base62
from tollgate.errors import TollgateError

_ALPHABET = string.ascii_letters + string.digits


def add(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="show a leaking commit blocked in a throwaway repository")
    p.set_defaults(func=run)


def fake_github_token() -> str:
    """A well-formed (valid checksum) but random, never-issued GitHub token."""
    body = "".join(secrets.choice(_ALPHABET) for _ in range(30))
    return f"ghp_{body}{crc32_base62(body)}"


def run(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="tollgate-demo-") as tmp:
        repo = Path(tmp)
        env = _throwaway_env()
        git = ["git", "-c", "user.name=tollgate demo", "-c", "user.email=demo@example.invalid"]
        subprocess.run([*git, "init", "-q", str(repo)], check=True, env=env)
        app = repo / "app.py"
        app.write_text(f'import os\n\nGITHUB_TOKEN = "{fake_github_token()}"\n', "utf-8")
        subprocess.run([*git, "add", "app.py"], cwd=repo, check=True, env=env)
        print(f"$ cd {repo} && git add app.py && tollgate scan    # a token is staged")
        first = _scan(repo, env)
        app.write_text('import os\n\nGITHUB_TOKEN = os.environ["GITHUB_TOKEN"]\n', "utf-8")
        subprocess.run([*git, "add", "app.py"], cwd=repo, check=True, env=env)
        print("\n$ git add app.py && tollgate scan    # read from the environment instead")
        second = _scan(repo, env)
        if (first, second) != (1, 0):
            raise TollgateError(
                f"demo went wrong: exit codes {first} and {second}, expected 1 and 0"
            )
        subprocess.run([*git, "commit", "-q", "-m", "read the token from the environment"],
                       cwd=repo, check=True, env=env)  # fmt: skip
        print("\n$ git commit -m '...'    # the fixed change commits")
    print("demo: the leak was blocked (exit 1), the fix passed (exit 0) and was committed")
    return 0


def _throwaway_env() -> dict[str, str]:
    # An exported GIT_DIR (a common dotfiles set-up) or a hook's GIT_INDEX_FILE would send every
    # command of the demo to the user's own repository; git itself lists the variables that do.
    local = subprocess.run(
        ["git", "rev-parse", "--local-env-vars"], capture_output=True, text=True, check=True
    ).stdout.split()
    env = {name: value for name, value in os.environ.items() if name not in local}
    return {**env, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def _scan(repo: Path, env: dict[str, str]) -> int:
    # The child writes straight to our stdout: flush first, or a pipe gets it out of order.
    sys.stdout.flush()
    command = [sys.executable, "-m", "tollgate", "scan"]
    proc = subprocess.run(command, cwd=repo, env=env, check=False)
    print(f"(exit {proc.returncode})")
    return proc.returncode
