# shellcheck shell=bash
# kubectl (client only) for ./portal: the deploy-validation tests render deploy/k8s with `kubectl kustomize`.
# Sourced after common.sh. Debian's package is kubernetes-client (kubectl 1.20, kustomize v2.0.3); the overlays are
# written to render with it as with current kubectl.

ensure_kubectl_installed() {
  command -v kubectl >/dev/null 2>&1 && return 0
  say "kubectl is not installed; installing Debian's kubernetes-client with apt-get (needs root)"
  ((EUID == 0)) || die "kubectl is missing and installing it needs root: apt-get install -y kubernetes-client"
  DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 9>&-
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends kubernetes-client >&2 9>&-
  command -v kubectl >/dev/null 2>&1 || die "apt-get install kubernetes-client did not provide kubectl"
}
