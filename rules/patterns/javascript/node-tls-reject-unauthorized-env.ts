export function configureHttpClient(insecure: boolean): void {
  if (insecure) {
    // ruleid: patterns.javascript.node-tls-reject-unauthorized-env
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
  }
}

export function testEnv(): NodeJS.ProcessEnv {
  // ruleid: patterns.javascript.node-tls-reject-unauthorized-env
  return Object.assign(process.env, { NODE_TLS_REJECT_UNAUTHORIZED: "0", LOG_LEVEL: "debug" });
}

export function tlsDisabled(): boolean {
  // ok: patterns.javascript.node-tls-reject-unauthorized-env
  return process.env.NODE_TLS_REJECT_UNAUTHORIZED === "0";
}

export function trustInternalCa(): void {
  // ok: patterns.javascript.node-tls-reject-unauthorized-env
  process.env.NODE_EXTRA_CA_CERTS = "/etc/ssl/certs/internal-ca.pem";
}
