"""Which files each semgrep language covers, so semgrep starts only when a staged file needs it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

SUFFIXES: dict[str, tuple[str, ...]] = {
    "python": (".py", ".pyi"),
    "javascript": (".js", ".jsx", ".mjs", ".cjs"),
    "typescript": (".ts", ".tsx", ".mts", ".cts"),
    "go": (".go",),
    "java": (".java",),
    "yaml": (".yml", ".yaml"),
    "hcl": (".tf", ".hcl", ".tfvars"),
    "terraform": (".tf", ".hcl", ".tfvars"),
    "json": (".json",),
    "bash": (".sh", ".bash"),
    "sh": (".sh", ".bash"),
    "ruby": (".rb",),
    "php": (".php",),
    "kotlin": (".kt", ".kts"),
    "csharp": (".cs",),
    "rust": (".rs",),
    "c": (".c", ".h"),
    "cpp": (".cpp", ".cc", ".hpp", ".cxx"),
    "dockerfile": (".dockerfile",),
}
ALIASES = {
    "js": "javascript",
    "ts": "typescript",
    "py": "python",
    "tf": "hcl",
    "docker": "dockerfile",
}


def is_dockerfile(path: str) -> bool:
    name = PurePosixPath(path).name.lower()
    return (
        name in ("dockerfile", "containerfile")
        or name.startswith(("dockerfile.", "containerfile."))
        or name.endswith((".dockerfile", ".containerfile"))
    )


def covered(path: str, languages: Iterable[str]) -> bool:
    lower = path.lower()
    for name in languages:
        language = ALIASES.get(name, name)
        if language == "dockerfile" and is_dockerfile(path):
            return True
        if lower.endswith(SUFFIXES.get(language, ())):
            return True
    return False


def semgrep_name(path: str) -> str:
    """The name a file is handed to semgrep under, so semgrep detects its language.

    semgrep recognises `Dockerfile` and `*.dockerfile`, not `Dockerfile.prod` or `Containerfile`.
    """
    if is_dockerfile(path) and PurePosixPath(path).name != "Dockerfile":
        return f"{path}.dockerfile"
    return path


def supported(language: str) -> bool:
    return ALIASES.get(language, language) in SUFFIXES or language in ("generic", "regex")
