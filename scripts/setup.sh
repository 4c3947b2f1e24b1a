#!/usr/bin/env bash
# Set up everything a command needs, from a fresh clone:
#   scripts/setup.sh site   the virtualenv with the site's build dependencies
#   scripts/setup.sh test   the same plus the test tools, MLflow and kfp, and
#                           Debian's chromium for the browser tests
# Re-running is cheap: pip runs again only when pyproject.toml changes.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-site}
python=${PYTHON:-python3}

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi

extras=""
[ "$what" = test ] && extras="[test]"
stamp=".venv/.installed-$what-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet --editable ".$extras"
  touch "$stamp"
fi

if [ "$what" = test ] && [ ! -x /usr/bin/chromium ]; then
  # The browser tests drive Debian's chromium; Playwright never downloads one.
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
