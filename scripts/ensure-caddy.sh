#!/usr/bin/env bash
# tests/portal/test_media_proxy.py runs deploy/Caddyfile with Debian's Caddy (the production
# proxy); install it where it is missing. The package's service is not started.
set -euo pipefail
command -v caddy >/dev/null && exit 0
echo "installing caddy (Debian package) for the proxy test"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq caddy >/dev/null
