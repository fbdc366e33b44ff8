#!/bin/sh
# docker-compose.yml's one-shot set-up, run before the services start; idempotent, so a restart keeps what is there.
# - an RS256 key pair for the portal's JWTs (PKCS#8 private key for admin-service, X.509 public key for every service),
# - the first admin's password (docker compose exec admin-service cat /run/portal/admin/password prints it),
# - a writable copy of the shipped catalogue (toggles are written back to it).
# The services run as user 185 (the image's), so that user owns what they read or write.
set -eu
apk add --no-cache openssl >/dev/null
if [ ! -s /run/portal/admin/jwt-private.pem ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out /run/portal/admin/jwt-private.pem 2>/dev/null
  rm -f /run/portal/jwt/jwt-public.pem
fi
[ -s /run/portal/jwt/jwt-public.pem ] || openssl pkey -in /run/portal/admin/jwt-private.pem -pubout -out /run/portal/jwt/jwt-public.pem
[ -s /run/portal/admin/password ] || openssl rand -base64 24 | tr -d '/+=\n' >/run/portal/admin/password
[ -s /var/lib/portal/catalogue/environments.yaml ] || cp /seed/environments.yaml /var/lib/portal/catalogue/environments.yaml
chown -R 185:185 /run/portal/admin /run/portal/jwt /var/lib/portal/catalogue
chmod 400 /run/portal/admin/jwt-private.pem /run/portal/admin/password
chmod 444 /run/portal/jwt/jwt-public.pem
echo "portal set-up done"
