#!/usr/bin/env bash
# CI: the browser tests (test/browser/) drive Debian's Chromium headless through playwright-core.
# We install the distribution's package rather than letting Playwright download its own browser, so
# the test machine needs only apt and no network access to a browser CDN.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  /usr/bin/chromium --version || true
  exit 0
fi
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
/usr/bin/chromium --version
