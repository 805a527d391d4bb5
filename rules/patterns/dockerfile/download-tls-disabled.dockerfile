FROM alpine:3.20
ARG KUBECTL_VERSION=v1.30.2
RUN apk add --no-cache ca-certificates curl wget
# ruleid: patterns.dockerfile.download-tls-disabled
RUN curl -fsSLk -o /usr/local/bin/kubectl "https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/amd64/kubectl"
# ruleid: patterns.dockerfile.download-tls-disabled
RUN wget --no-check-certificate -qO /tmp/corp-root.pem https://pki.corp.example.com/root.pem
# ruleid: patterns.dockerfile.download-tls-disabled
RUN curl --insecure --retry 3 -L https://artifacts.corp.example.com/tools/jq -o /usr/local/bin/jq
COPY certs/corp-root.crt /usr/local/share/ca-certificates/corp-root.crt
RUN update-ca-certificates
# ok: patterns.dockerfile.download-tls-disabled
RUN curl -fsSL --retry 3 -o /usr/local/bin/yq https://github.com/mikefarah/yq/releases/download/v4.44.2/yq_linux_amd64
# ok: patterns.dockerfile.download-tls-disabled
RUN curl -fsSL --cacert /usr/local/share/ca-certificates/corp-root.crt -o /tmp/tool.tgz https://artifacts.corp.example.com/tool.tgz
# ok: patterns.dockerfile.download-tls-disabled
RUN wget -q -O /tmp/tool.tgz https://artifacts.corp.example.com/tool.tgz
USER 65534
ENTRYPOINT ["/usr/local/bin/kubectl"]
