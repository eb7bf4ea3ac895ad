# Shared by scripts/run, scripts/test and scripts/bench: install what is missing, build.
# Sourced, not executed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Debian packages the build needs. Boost 1.81 (not Debian's default 1.74) for its newer
# Beast/Asio; everything else is the distribution's default version.
BUILD_PACKAGES=(g++ cmake ninja-build ccache pkg-config libboost1.81-dev libpugixml-dev
                nlohmann-json3-dev libre2-dev libssl-dev libyaml-dev libgtest-dev libgmock-dev
                libqrencode-dev zlib1g-dev)

log() { printf '[iamlite] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# apt_install PKG...: installs the packages that are not installed yet.
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# e2e_tools: what the end-to-end tests need beyond the build: boto3 and the AWS CLI for the
# python3 on PATH (Debian's packages where missing), tests/js's npm packages at the versions
# package-lock.json pins (tests/e2e/test_js_sdk.py), headless Chromium (test_console.py) and
# zbarimg (test_mfa.py reads the QR code back).
e2e_tools() {
  if ! python3 -c 'import boto3' 2>/dev/null || ! command -v aws >/dev/null; then
    apt_install python3 python3-boto3 awscli
    if ! python3 -c 'import boto3' 2>/dev/null; then
      export PATH="/usr/bin:$PATH"
    fi
  fi
  command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -d "$ROOT/tests/js/node_modules/@aws-sdk/client-iam" ]; then
    log "installing tests/js packages from npm"
    (cd "$ROOT/tests/js" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  command -v chromium >/dev/null || apt_install chromium
  command -v zbarimg >/dev/null || apt_install zbar-tools
}

# build DIR TYPE [TARGET...]: configures (once) and builds with Ninja.
build() {
  local dir="$1" type="$2"
  shift 2
  # Paths relative to the checkout in ccache's keys: clones in other folders share its cache.
  export CCACHE_BASEDIR="$ROOT"
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "${CMAKE_EXTRA_ARGS[@]}" >/dev/null
  fi
  cmake --build "$dir" -- "$@"
}
CMAKE_EXTRA_ARGS=()
