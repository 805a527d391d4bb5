FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl gnupg \
    && rm -rf /var/lib/apt/lists/*
# ruleid: patterns.dockerfile.curl-pipe-shell
RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
# ruleid: patterns.dockerfile.curl-pipe-shell
RUN wget -qO- https://install.python-poetry.org | sudo /usr/bin/sh -s -- --version 1.8.3
# ruleid: patterns.dockerfile.curl-pipe-shell
RUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)" "" --unattended
# ok: patterns.dockerfile.curl-pipe-shell
RUN curl -fsSL https://dl.example.com/helm-v3.15.2-linux-amd64.tar.gz | tar -xz -C /usr/local/bin --strip-components=1 linux-amd64/helm
# ok: patterns.dockerfile.curl-pipe-shell
RUN curl -fsSL https://download.docker.com/linux/debian/gpg | gpg --dearmor -o /usr/share/keyrings/docker.gpg
# ok: patterns.dockerfile.curl-pipe-shell
RUN curl -fsSLo /tmp/install.sh https://get.example.com/install.sh \
    && echo "3f1e6ba2d0b0a7d3b4c9f2d8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8  /tmp/install.sh" | sha256sum -c - \
    && sh /tmp/install.sh \
    && rm /tmp/install.sh
USER nobody
