"""Writing a new plugin package from the files in ``files/``, atomically.

Every file of the package is a ``string.Template`` in ``files/`` (``${module}``, ``${slug}``, …;
``__module__`` and ``__slug__`` in a path), shipped inside the docgen wheel. The template is
then built by the package's own ``build_template.py``, so the .docx and the script that rebuilds
it never disagree. All of it happens in a temporary folder renamed into place: a failure leaves
nothing half-written.
"""
from __future__ import annotations

import os
import runpy
import shutil
import tempfile
from pathlib import Path
from string import Template

from ..errors import InputError
from ..fileio import describe_os_error
from .names import Names

FILES = Path(__file__).resolve().parent / "files"
SUFFIX = ".tmpl"


def package_files(n: Names) -> dict[str, str]:
    """Relative path → text of every file of the package (the .docx is built afterwards)."""
    values = n.substitutions()
    out: dict[str, str] = {}
    for source in sorted(FILES.rglob(f"*{SUFFIX}")):
        rel = source.relative_to(FILES).as_posix()[: -len(SUFFIX)]
        rel = rel.replace("__module__", n.module).replace("__slug__", n.slug)
        out[rel] = Template(source.read_text(encoding="utf-8")).substitute(values)
    return out


def create_plugin(name: str, target: Path | None = None, title: str | None = None, slug: str | None = None) -> Path:
    """Write the package for plugin ``name`` (its type ``slug``, default the plugin's name) into
    ``target`` (default ``./docgen-NAME``)."""
    n = Names.of(name, title, slug)
    target = Path(target) if target is not None else Path.cwd() / n.distribution
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError(f"папка «{target}» уже существует и не пуста; укажите другую (--dir) или удалите её")
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=parent))
    except OSError as exc:
        raise InputError(f"не удаётся создать папку в «{parent}»: {describe_os_error(exc)}") from None
    try:
        for rel, text in package_files(n).items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        builder = runpy.run_path(str(staging / "build_template.py"))
        template = staging / "src" / n.module / "templates" / f"{n.slug}.docx"
        template.parent.mkdir(parents=True, exist_ok=True)
        builder["build"]().save(str(template))
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; a package folder is not
        if target.exists():
            target.rmdir()  # empty, checked above; os.rename needs the name free on every system
        os.rename(staging, target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise InputError(f"не удаётся записать плагин в «{target}»: {describe_os_error(exc)}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target
