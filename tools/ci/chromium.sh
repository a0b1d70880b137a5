#!/usr/bin/env bash
# Ensures Debian's Chromium at /usr/bin/chromium for the browser tests (tests/Bpm.Browser.Tests drive
# it through Microsoft.Playwright with ExecutablePath=/usr/bin/chromium; Playwright's own browser
# download is not used, so nothing is fetched outside the Debian package archive).
#
# Idempotent: when /usr/bin/chromium exists it does nothing (~0 s); the first install takes ~25 s.
# Needs root for apt-get. Progress goes to stderr; stdout gets one line, the browser's path.
set -euo pipefail

readonly CHROMIUM=/usr/bin/chromium

log() { printf 'chromium.sh: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [[ ! -x $CHROMIUM ]]; then
  [[ $(id -u) -eq 0 ]] || die "$CHROMIUM is missing and installing it needs root (apt-get install -y chromium)"
  export DEBIAN_FRONTEND=noninteractive
  # apt-get update only when needed: no package lists yet, or the install fails on stale lists.
  if ! compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null; then
    log "apt-get update (no package lists yet)"
    apt-get update -qq >&2
  fi
  log "installing chromium (apt-get install -y chromium)"
  if ! apt-get install -y -qq chromium >&2; then
    log "install failed; refreshing package lists and retrying once"
    apt-get update -qq >&2
    apt-get install -y -qq chromium >&2
  fi
  [[ -x $CHROMIUM ]] || die "chromium installed but $CHROMIUM not found"
fi

log "ready: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
printf '%s\n' "$CHROMIUM"
