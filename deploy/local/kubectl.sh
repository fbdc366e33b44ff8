# shellcheck shell=bash
# kubectl (client only) for ./portal: the deploy-validation tests render deploy/k8s with `kubectl kustomize`.
# Sourced after common.sh. Debian's package is kubernetes-client (kubectl 1.20, kustomize v2.0.3); the overlays are
# written to render with it as with current kubectl.

ensure_kubectl_installed() {
  apt_install_for kubectl kubernetes-client
}
