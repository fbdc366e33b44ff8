#!/usr/bin/env bash
# Writes the dev overlay's secret files (secrets/, gitignored) once: a database password, the first admin's
# password and an RS256 key pair for the portal's JWTs (PKCS#8 private key, X.509 public key, as smallrye-jwt reads).
# Existing files are kept, so re-running never changes a deployed key.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
umask 077
mkdir -p secrets
[[ -s secrets/db-password ]] || openssl rand -base64 24 | tr -d '/+=\n' >secrets/db-password
[[ -s secrets/admin-password ]] || openssl rand -base64 24 | tr -d '/+=\n' >secrets/admin-password
if [[ ! -s secrets/jwt-private.pem ]]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out secrets/jwt-private.pem 2>/dev/null
  rm -f secrets/jwt-public.pem
fi
[[ -s secrets/jwt-public.pem ]] || openssl pkey -in secrets/jwt-private.pem -pubout -out secrets/jwt-public.pem
echo "Dev secrets in $(pwd)/secrets; render with: kubectl kustomize $(pwd)"
