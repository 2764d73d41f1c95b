#!/usr/bin/env bash
# Developer install: the package's metadata (console script, `docgen` entry points) from a real
# wheel, but the code and data live from this checkout, so edits need no reinstall. An editable
# install cannot do this: the wheel maps plugins/ to docgen_plugins, which hatchling's editable
# mode does not mirror. Rerun after changing entry points in pyproject.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${1:-.venv}
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q ".[test]"
site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
rm -rf "$site/docgen" "$site/docgen_plugins"
mkdir -p .dev
ln -sfn ../docgen .dev/docgen
ln -sfn ../plugins .dev/docgen_plugins
echo "$PWD/.dev" > "$site/docgen-dev.pth"
"$venv/bin/python" -c 'import docgen, docgen_plugins; print("docgen from", docgen.__file__)'
