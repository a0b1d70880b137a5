#!/usr/bin/env bash
# Ensures Debian's Chromium at /usr/bin/chromium for the browser tests (tests/Bpm.Browser.Tests drive
# it through Microsoft.Playwright with ExecutablePath=/usr/bin/chromium; Playwright's own browser
# download is not used, so nothing is fetched outside the Debian package archive).
#
# Also ensures a CJK font (Debian's fonts-wqy-zenhei, ~10 MB), without which Chinese text in the tests'
# screenshots shows as empty boxes.
#
# Idempotent: when /usr/bin/chromium and a Chinese font exist it does nothing (~0 s); the first install
# takes ~25 s.
# Needs root for apt-get. Progress goes to stderr; stdout gets one line, the browser's path.
set -euo pipefail

readonly CHROMIUM=/usr/bin/chromium
readonly CJK_FONT_PACKAGE=fonts-wqy-zenhei

log() { printf 'chromium.sh: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# apt_install PACKAGE: installs one Debian package; apt-get update only when needed (no package lists yet,
# or the install fails on stale lists).
apt_install() {
  [[ $(id -u) -eq 0 ]] || die "$1 is missing and installing it needs root (apt-get install -y $1)"
  export DEBIAN_FRONTEND=noninteractive
  if ! compgen -G '/var/lib/apt/lists/*_Packages' >/dev/null; then
    log "apt-get update (no package lists yet)"
    apt-get update -qq >&2
  fi
  log "installing $1 (apt-get install -y $1)"
  if ! apt-get install -y -qq "$1" >&2; then
    log "install failed; refreshing package lists and retrying once"
    apt-get update -qq >&2
    apt-get install -y -qq "$1" >&2
  fi
}

if [[ ! -x $CHROMIUM ]]; then
  apt_install chromium
  [[ -x $CHROMIUM ]] || die "chromium installed but $CHROMIUM not found"
fi

# Any font that covers Chinese will do (fontconfig knows it); otherwise install one.
if [[ -z $(fc-list :lang=zh family 2>/dev/null) ]]; then
  apt_install "$CJK_FONT_PACKAGE"
  [[ -n $(fc-list :lang=zh family 2>/dev/null) ]] || die "$CJK_FONT_PACKAGE installed but fontconfig finds no Chinese font"
fi

log "ready: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
printf '%s\n' "$CHROMIUM"
