#!/bin/sh
# The official Python SDK (tests/sdk/requirements.txt: pinned, hashed) in a virtual environment, .venv-sdk/, for
# `make test-sdk`. Safe to run again: it does nothing while the environment matches the requirements file.
set -eu
cd "$(dirname "$0")/.."
venv=.venv-sdk
requirements=tests/sdk/requirements.txt
stamp=$venv/.installed
if [ -f "$stamp" ] && [ ! "$requirements" -nt "$stamp" ] && "$venv/bin/python" -c 'import ncloud_vpc' 2>/dev/null; then
  exit 0
fi
./scripts/system-deps.sh python
# The python3 on PATH when it can make a venv with pip (pyenv's can), else Debian's with python3-venv.
python=python3
python3 -c 'import venv, ensurepip' 2>/dev/null || python=/usr/bin/python3
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input --require-hashes -r "$requirements"
touch "$stamp"
echo "installed the official Python SDK into $venv ($("$venv/bin/python" --version))"
