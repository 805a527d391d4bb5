FROM ubuntu:24.04
ARG TINI_VERSION=v0.19.0
# ruleid: patterns.dockerfile.add-remote-url
ADD https://github.com/krallin/tini/releases/download/${TINI_VERSION}/tini /usr/local/bin/tini
RUN chmod +x /usr/local/bin/tini
# ruleid: patterns.dockerfile.add-remote-url
ADD --chown=10001:10001 https://downloads.example.com/agent/agent-linux-amd64.tar.gz /opt/agent/
# ok: patterns.dockerfile.add-remote-url
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2015d0da3bd3d5e3 https://downloads.example.com/agent/agent-linux-amd64.tar.gz /opt/agent/
# ok: patterns.dockerfile.add-remote-url
ADD vendor/app-bundle.tar.gz /opt/app/
# ok: patterns.dockerfile.add-remote-url
COPY config/app.yaml /etc/app/app.yaml
RUN useradd --system --uid 10001 app
USER app
ENTRYPOINT ["/usr/local/bin/tini", "--", "/opt/agent/bin/agent"]
