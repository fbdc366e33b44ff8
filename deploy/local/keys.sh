# shellcheck shell=bash
# Dev-only JWT signing keys and tokens for ./portal. Sourced after common.sh.
# The keys live under .portal/keys (gitignored) and are never committed.

JWT_PRIVATE_KEY="$KEYS_DIR/jwt-private.pem"
JWT_PUBLIC_KEY="$KEYS_DIR/jwt-public.pem"
JWT_ISSUER="orchestration-portal"
JWT_KID="portal-dev"
JWT_ROLES=(viewer operator admin)

# RSA 2048: private key as PKCS#8 PEM, public key as X.509 SubjectPublicKeyInfo PEM,
# which is what smallrye-jwt reads. Written via temp files so a crash never leaves half a key.
ensure_jwt_keys() {
  require_command openssl
  mkdir -p "$KEYS_DIR"
  chmod 700 "$KEYS_DIR"
  # Own lock (not the portal lock): `token` must not wait for a long `up`, but two first
  # `token` calls in parallel must not generate two different key pairs.
  (
    flock -w 30 8 || die "timed out waiting for the key lock $KEYS_DIR/.lock"
    generate_jwt_keys_if_missing
  ) 8>"$KEYS_DIR/.lock"
}

generate_jwt_keys_if_missing() {
  if [[ ! -s "$JWT_PRIVATE_KEY" ]]; then
    say "Generating dev JWT key pair in $KEYS_DIR"
    (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$JWT_PRIVATE_KEY.tmp" 2>/dev/null) ||
      die "openssl could not generate the RSA key"
    mv "$JWT_PRIVATE_KEY.tmp" "$JWT_PRIVATE_KEY"
    rm -f "$JWT_PUBLIC_KEY"
  fi
  if [[ ! -s "$JWT_PUBLIC_KEY" ]]; then
    openssl pkey -in "$JWT_PRIVATE_KEY" -pubout -out "$JWT_PUBLIC_KEY.tmp" 2>/dev/null ||
      die "openssl could not derive the public key from $JWT_PRIVATE_KEY"
    mv "$JWT_PUBLIC_KEY.tmp" "$JWT_PUBLIC_KEY"
    chmod 644 "$JWT_PUBLIC_KEY"
  fi
}

base64url() {
  openssl base64 -A | tr '+/' '-_' | tr -d '='
}

# Minimal JSON string escaping for user-supplied names (quotes and backslashes);
# control characters are rejected by the caller.
json_string() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  printf '"%s"' "$s"
}

random_uuid() {
  cat /proc/sys/kernel/random/uuid
}

is_known_role() {
  local role="$1" r
  for r in "${JWT_ROLES[@]}"; do
    [[ "$r" == "$role" ]] && return 0
  done
  return 1
}

usage_token() {
  echo "usage: ./portal token viewer|operator|admin [--user NAME] [--ttl SECONDS]" >&2
}

# Prints a compact RS256 JWT (header.claims.signature, base64url without padding).
print_dev_token() {
  local role="${1:-}" user="" ttl=86400
  if ! is_known_role "$role"; then
    printf 'portal: error: unknown role %s (expected one of: %s)\n' "${role:-<none>}" "${JWT_ROLES[*]}" >&2
    usage_token
    exit 2
  fi
  shift
  while (($# > 0)); do
    case "$1" in
      --user)
        [[ $# -ge 2 && -n "$2" ]] || { echo "portal: error: --user needs a NAME" >&2; usage_token; exit 2; }
        user="$2"
        shift 2
        ;;
      --ttl)
        [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || { echo "portal: error: --ttl needs a positive number of seconds" >&2; usage_token; exit 2; }
        ttl="$2"
        shift 2
        ;;
      *)
        echo "portal: error: unknown token option: $1" >&2
        usage_token
        exit 2
        ;;
    esac
  done
  user="${user:-dev-$role}"
  if [[ "$user" =~ [[:cntrl:]] ]]; then
    echo "portal: error: --user must not contain control characters" >&2
    exit 2
  fi

  ensure_jwt_keys

  local now header claims signing_input signature
  now="$(date +%s)"
  header='{"alg":"RS256","typ":"JWT","kid":"'"$JWT_KID"'"}'
  claims="{\"iss\":\"$JWT_ISSUER\",\"sub\":$(json_string "$user"),\"upn\":$(json_string "$user"),\"groups\":[\"$role\"],\"iat\":$now,\"exp\":$((now + ttl)),\"jti\":\"$(random_uuid)\"}"
  signing_input="$(printf '%s' "$header" | base64url).$(printf '%s' "$claims" | base64url)"
  signature="$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$JWT_PRIVATE_KEY" -binary | base64url)" ||
    die "openssl could not sign the token with $JWT_PRIVATE_KEY"
  [[ -n "$signature" ]] || die "openssl produced an empty signature"
  printf '%s.%s\n' "$signing_input" "$signature"
}

# The first admin's password (user 'admin'): PORTAL_ADMIN_PASSWORD if set, else generated once into
# .portal/run/admin-password (mode 600, gitignored). admin-service reads the file at start; never a default.
ADMIN_PASSWORD_FILE="$RUN_DIR/admin-password"

ensure_admin_password() {
  require_command openssl
  mkdir -p "$RUN_DIR"
  if [[ -n "${PORTAL_ADMIN_PASSWORD:-}" ]]; then
    ((${#PORTAL_ADMIN_PASSWORD} >= 12)) || die "PORTAL_ADMIN_PASSWORD must have 12 characters or more"
    (umask 077 && printf '%s\n' "$PORTAL_ADMIN_PASSWORD" >"$ADMIN_PASSWORD_FILE.tmp") && mv "$ADMIN_PASSWORD_FILE.tmp" "$ADMIN_PASSWORD_FILE"
    return 0
  fi
  [[ -s "$ADMIN_PASSWORD_FILE" ]] && return 0
  say "Generating the first admin's password into $ADMIN_PASSWORD_FILE (./portal admin-password prints it)"
  (umask 077 && openssl rand -base64 18 | tr -d '/+=' >"$ADMIN_PASSWORD_FILE.tmp") && mv "$ADMIN_PASSWORD_FILE.tmp" "$ADMIN_PASSWORD_FILE"
}
