"""Dockerfiles for the pins bench, one template per kind of image, and the edits made to them."""

from __future__ import annotations

from pins_refs import Refs, pinned_image, sub_once

_DOCKERFILES = {
    "python": """\
# syntax=<<docker/dockerfile:1.10>>
FROM <<base>>

ENV PYTHONDONTWRITEBYTECODE=1 \\
    PYTHONUNBUFFERED=1 \\
    PIP_NO_CACHE_DIR=1 \\
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN apt-get update \\
    && apt-get install -y --no-install-recommends <<apt>> \\
    && rm -rf /var/lib/apt/lists/*

COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY src/ ./src/
RUN useradd --create-home --uid 10001 app
USER app

EXPOSE <<port>>
HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:<<port>>/healthz || exit 1
CMD ["gunicorn", "--bind", "0.0.0.0:<<port>>", "--workers", "<<workers>>", "app.main:app"]
""",
    "uv": """\
FROM <<ghcr.io/astral-sh/uv:0.4.29>> AS uv

FROM <<python:3.12-slim-bookworm>>
COPY --from=uv /uv /uvx /bin/
ENV UV_COMPILE_BYTECODE=1 \\
    UV_LINK_MODE=copy
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/uv \\
    --mount=type=bind,source=uv.lock,target=uv.lock \\
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\
    uv sync --frozen --no-install-project --no-dev
COPY . /app
RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev
ENV PATH="/app/.venv/bin:$PATH"
USER nobody
EXPOSE <<port>>
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "<<port>>"]
""",
    "node": """\
FROM <<node:20.18-alpine>> AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM <<node:20.18-alpine>> AS build
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

FROM <<nginxinc/nginx-unprivileged:1.27-alpine>>
COPY nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/dist /usr/share/nginx/html
EXPOSE 8080
""",
    "go": """\
ARG GO_VERSION=1.23
FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o /out/<<binary>> \\
    ./cmd/<<binary>>

FROM <<gcr.io/distroless/static-debian12:nonroot>>
COPY --from=build /out/<<binary>> /usr/local/bin/<<binary>>
USER nonroot:nonroot
EXPOSE <<port>>
ENTRYPOINT ["/usr/local/bin/<<binary>>"]
""",
    "tools": """\
FROM <<ubuntu:24.04>>
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \\
    && apt-get install -y --no-install-recommends ca-certificates curl git jq unzip <<apt>> \\
    && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - \\
    && apt-get install -y --no-install-recommends nodejs \\
    && npm install -g @redocly/cli
RUN curl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/release/v1.31.2/bin/linux/amd64/kubectl \\
    && chmod +x /usr/local/bin/kubectl
ADD https://github.com/mikefarah/yq/releases/download/v4.44.3/yq_linux_amd64 /usr/local/bin/yq
RUN chmod +x /usr/local/bin/yq
WORKDIR /work
ENTRYPOINT ["/bin/bash"]
""",
    "java": """\
FROM <<maven:3.9.9-eclipse-temurin-21>> AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

FROM <<eclipse-temurin:21-jre-jammy>>
RUN groupadd --system app && useradd --system --gid app app
WORKDIR /app
COPY --from=build /build/target/<<binary>>.jar /app/app.jar
USER app
EXPOSE <<port>>
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
""",
}
_APT = ("libpq5", "curl", "tini", "libjpeg62-turbo", "libxml2", "gettext", "libmagic1", "libffi8")
PYTHON_BASE = "python:3.12.6-slim-bookworm"
PYTHON_NEXT = "python:3.12.7-slim-bookworm"


def dockerfile(refs: Refs, kind: str, name: str, base: str = PYTHON_BASE) -> str:
    rng = refs.rng
    fields = {
        "base": refs.image(base),
        "apt": " ".join(sorted(rng.sample(_APT, rng.randint(2, 3)))),
        "port": str(rng.choice((8000, 8080, 9000, 3000))),
        "workers": str(rng.randint(2, 8)),
        "binary": name,
    }
    return refs.fill(_DOCKERFILES[kind], fields)


def change_dockerfile(text: str) -> str:
    """The base pinned by digest; uv copied from an image by tag; an unpinned pip install and a
    NodeSource installer piped to bash added."""
    text = sub_once(text, r"(?m)^FROM \S+", f"FROM {pinned_image(PYTHON_NEXT)}")
    text = sub_once(
        text, r"COPY requirements.txt ./\n",
        "COPY --from=ghcr.io/astral-sh/uv:0.4.29 /uv /bin/uv\nCOPY requirements.txt ./\n",
    )  # fmt: skip
    return sub_once(
        text, r"RUN pip install -r requirements.txt\n",
        "RUN pip install -r requirements.txt\nRUN pip install gunicorn\n"
        "RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - \\\n"
        "    && apt-get install -y --no-install-recommends nodejs\n",
    )  # fmt: skip


def change_service_dockerfile(text: str) -> str:
    """A base image bump (by tag) and one more package installed, unpinned."""
    text = sub_once(text, r"(?m)^FROM \S+", f"FROM {PYTHON_NEXT}")
    return sub_once(
        text, r"RUN pip install -r requirements.txt\n",
        "RUN pip install -r requirements.txt\nRUN pip install gunicorn\n",
    )  # fmt: skip
