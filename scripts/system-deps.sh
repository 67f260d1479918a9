#!/bin/sh
# Installs the Debian packages that a step needs and a fresh machine may lack, so that `make demo` and `make test`
# need nothing by hand. As root: `apt-get update`, then `apt-get install` of exactly what is missing. Otherwise it
# stops at once and prints the exact command to run.
#
#   scripts/system-deps.sh GROUP...
#     build    a C linker (`cc`), which cargo needs to install wasm-bindgen-cli
#     browser  Chromium at /usr/bin/chromium (or $CHROMIUM_PATH), driven by playwright-core over CDP (no driver)
#     python   python3 able to make a virtual environment with pip (the vectors check, the official Python SDK)
#
# Rust (rustup) and Node 20+ are the machine's own: Debian's packages are too old for them, so they are checked,
# not installed.
set -eu

missing=""
need() { case " $missing " in *" $1 "*) ;; *) missing="$missing $1" ;; esac; }

# A python3 that can create a venv with pip: the one on PATH, or Debian's own once python3-venv is there.
python_with_venv() {
  for py in python3 /usr/bin/python3; do
    if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import venv, ensurepip' >/dev/null 2>&1; then
      command -v "$py"
      return 0
    fi
  done
  return 1
}

for group in "$@"; do
  case "$group" in
    build)
      command -v cc >/dev/null 2>&1 || need gcc
      ;;
    browser)
      if [ -n "${CHROMIUM_PATH:-}" ]; then
        [ -x "$CHROMIUM_PATH" ] || { echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2; exit 1; }
      else
        [ -x /usr/bin/chromium ] || need chromium
      fi
      ;;
    python)
      python_with_venv >/dev/null || { need python3; need python3-venv; }
      ;;
    *)
      echo "system-deps.sh: unknown group '$group' (build, browser, python)" >&2
      exit 2
      ;;
  esac
done

for tool in node npm cargo rustup; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is missing: install Rust with rustup (https://rustup.rs) and Node 20 or later, then run make again" >&2; exit 1; }
done
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' ||
  { echo "node $(node --version) is too old: install Node 20 or later, then run make again" >&2; exit 1; }

[ -z "$missing" ] && exit 0
missing=${missing# }
if ! command -v apt-get >/dev/null 2>&1; then
  echo "missing system packages (Debian names): $missing; install them with your package manager, then run make again" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing system packages: $missing. Run this, then make again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y $missing" >&2
  exit 1
fi
echo "installing system packages: $missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086 # one word per package
apt-get install -y -q $missing
