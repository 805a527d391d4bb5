"""requirements.txt files for the pins bench: pinned releases, and a round of bumps."""

from __future__ import annotations

import random
from collections.abc import Sequence

_PYPI = (  # name, an older release, a newer one
    ("fastapi", "0.112.2", "0.115.4"), ("uvicorn[standard]", "0.30.6", "0.32.0"),
    ("pydantic", "2.8.2", "2.9.2"), ("pydantic-settings", "2.4.0", "2.6.1"),
    ("sqlalchemy", "2.0.32", "2.0.36"), ("alembic", "1.13.2", "1.14.0"),
    ("psycopg[binary]", "3.2.1", "3.2.3"), ("redis", "5.0.8", "5.2.0"),
    ("celery", "5.3.6", "5.4.0"), ("boto3", "1.35.0", "1.35.54"),
    ("requests", "2.32.2", "2.32.3"), ("gunicorn", "22.0.0", "23.0.0"),
    ("orjson", "3.10.7", "3.10.11"), ("python-dotenv", "1.0.0", "1.0.1"),
    ("jinja2", "3.1.3", "3.1.4"), ("click", "8.1.6", "8.1.7"),
    ("prometheus-client", "0.20.0", "0.21.0"), ("opentelemetry-api", "1.26.0", "1.27.0"),
    ("sentry-sdk", "2.13.0", "2.18.0"), ("pyjwt", "2.8.0", "2.9.0"),
    ("cryptography", "43.0.0", "43.0.3"), ("marshmallow", "3.21.3", "3.23.1"),
    ("attrs", "23.2.0", "24.2.0"), ("python-multipart", "0.0.9", "0.0.17"),
)  # fmt: skip
_PYPI_NEW = {name: new for name, _, new in _PYPI}
PYPI_ADDED = (  # what changes add: never in a base file
    "httpx>=0.27", "structlog==24.4.0", "rich", "tenacity>=9.0,<10", "opentelemetry-sdk>=1.27",
    "prometheus-fastapi-instrumentator>=7.0", "markdown==3.7",
)  # fmt: skip
DEV_REQUIREMENTS = """\
-r requirements.txt
pytest==8.3.3
pytest-cov==6.0.0
mypy==1.13.0
ruff==0.7.2
"""


def requirements(rng: random.Random, count: int) -> str:
    chosen = sorted(rng.sample(_PYPI, count))
    lines = ["# Runtime dependencies, pinned; Dependabot proposes the bumps.", ""]
    lines += [f"{name}=={old}" for name, old, _ in chosen]
    return "\n".join(lines) + "\n"


def change_requirements(text: str, rng: random.Random, added: Sequence[str]) -> str:
    """Two pins bumped, `added` appended."""
    lines = text.splitlines()
    pinned = [i for i, line in enumerate(lines) if "==" in line]
    for i in rng.sample(pinned, 2):
        name = lines[i].split("==")[0]
        lines[i] = f"{name}=={_PYPI_NEW[name]}"
    return "\n".join([*lines, *added]) + "\n"
