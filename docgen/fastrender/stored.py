"""Prepared templates kept on disk between processes, so `docgen generate` pays for preparing a
template (python-docx, docxtpl, Jinja's compiler: ~0.1 s) once per version of it, not once a run.

An entry is named by a digest of everything its contents depend on: the template's bytes (not its
mtime: a file copied or touched keeps its entry, a file changed within one clock tick does not), the
Python bytecode format (the entry holds the code Jinja compiled), the versions of jinja2, docxtpl,
python-docx and lxml and of docgen's own preparing code (the files' size and mtime: an upgrade or an
edit is a new key), and the environment's options and filters as the compiler saw them. The entry
repeats that key and carries a SHA-256 of its payload: a truncated, corrupt, foreign or colliding
file is ignored (and rebuilt), never used. Entries are written to a temporary file and renamed into
place, so concurrent processes read either nothing or a whole entry; the oldest are removed beyond
``MAX_ENTRIES``. The folder is the `cache` setting (docgen.settings.template_cache_folder); «off»
turns this off. Reading or writing failing for any reason only means preparing as before.

Trust: an entry holds Python code that is run when the template renders, like a ``__pycache__``
file; it lives in the user's own cache folder, which only the user can write.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .docxzip import Member
from .template import Part, Prepared, template_of

FORMAT = b"docgen-prepared-1\n"
MAX_ENTRIES = 64
"""Entries kept: a school prints a dozen types, a district's plugins a few more; old versions go."""
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
"""A larger file is not hashed here: the template check refuses it anyway (docgen.rendering)."""
SUFFIX = ".prepared"
_TEMP_PREFIX = ".~prepared-"
_STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a killed process

# The code a prepared template comes from, besides the template: an upgrade or an edit of any of these
# makes every entry a miss. Found by name, not imported: a hit must not import python-docx or docxtpl.
_LIBRARIES = ("jinja2", "docxtpl", "docx", "lxml")
_OWN_MODULES = ("docgen.fastrender.template", "docgen.fastrender.stored", "docgen.rendering", "docgen.limits",
                "docgen.verify")  # verify: the check a template passed before its entry was written
# The environment's options the lexer and the compiler read.
_ENV_OPTIONS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
                "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
                "autoescape", "is_async", "sandboxed")


def _file_stamp(path: str | None) -> str:
    try:
        st = os.stat(path) if path else None
    except OSError:
        st = None
    return f"{path}:{st.st_size}:{st.st_mtime_ns}" if st else f"{path}:-"


def _code_stamp() -> str:
    from importlib.util import find_spec

    stamps = []
    for name in _LIBRARIES + _OWN_MODULES:
        module = sys.modules.get(name)
        origin = getattr(module, "__file__", None) if module is not None else None
        if origin is None:
            try:
                spec = find_spec(name)
            except (ImportError, ValueError):
                spec = None
            origin = spec.origin if spec is not None else None
        stamps.append(_file_stamp(origin))
    return "\n".join(stamps)


_CODE_STAMP: list[str] = []  # computed once per process


def _environment_stamp(env) -> str:
    """What of the environment the compiled code depends on: its class, its options and, per filter
    and test, the name and how Jinja passes it arguments (decided when compiling)."""
    def kinds(table: dict) -> str:
        return ",".join(f"{name}={getattr(f, 'jinja_pass_arg', '')}" for name, f in sorted(table.items()))

    cls = type(env)
    options = ";".join(f"{o}={getattr(env, o, None)!r}" for o in _ENV_OPTIONS)
    return "\n".join((f"{cls.__module__}.{cls.__qualname__}", options, kinds(env.filters), kinds(env.tests),
                      ",".join(sorted(env.extensions))))


def key_of(template: Path, stat, env) -> str | None:
    """The whole key of ``template``'s entry under ``env``; None: not to be cached."""
    if stat.st_size > MAX_TEMPLATE_BYTES:
        return None
    from importlib.util import MAGIC_NUMBER

    from .. import __version__

    try:
        content = hashlib.sha256(template.read_bytes()).hexdigest()
    except OSError:
        return None
    if not _CODE_STAMP:
        _CODE_STAMP.append(_code_stamp())
    return "\n".join((FORMAT.decode().strip(), content, __version__, MAGIC_NUMBER.hex(), sys.version,
                      _CODE_STAMP[0], _environment_stamp(env)))


def entry_path(folder: Path, key: str) -> Path:
    return folder / (hashlib.sha256(key.encode()).hexdigest()[:40] + SUFFIX)


# -- reading ---------------------------------------------------------------------------------------

def load(folder: Path, key: str, path: Path, env) -> tuple[bool, Prepared | None]:
    """(found, prepared): found False — no usable entry; found True with None — docxtpl renders it."""
    try:
        raw = entry_path(folder, key).read_bytes()
    except OSError:
        return False, None
    head = len(FORMAT) + 32
    if not raw.startswith(FORMAT) or len(raw) < head or hashlib.sha256(raw[head:]).digest() != raw[len(FORMAT):head]:
        return False, None
    try:
        stored_key, payload = marshal.loads(raw[head:])
        if stored_key != key:
            return False, None
        return True, None if payload is None else _prepared(path, env, payload)
    except Exception:  # noqa: BLE001 — whatever an entry of another shape trips over, it is only a miss
        return False, None


def _part(env, item) -> Part:
    name, source, encoding, code = item
    return Part(name, template_of(env, code), source, encoding, code)


def _prepared(path: Path, env, payload) -> Prepared:
    body, body_open, head, tail, headers, core_name, core_xml, core_code, members = payload
    return Prepared(path, _part(env, body), body_open, head, tail, [_part(env, h) for h in headers], core_name,
                    core_xml, [(prop, template_of(env, code)) for prop, code in core_code], list(core_code),
                    [Member(*m) for m in members])


# -- writing ---------------------------------------------------------------------------------------

def _payload(prepared: Prepared | None) -> Any:
    if prepared is None:
        return None

    def part(p: Part):
        return (p.name, p.source, p.encoding, p.code)

    return (part(prepared.body), prepared.body_open, prepared.document_head, prepared.document_tail,
            [part(h) for h in prepared.headers], prepared.core_name, prepared.core_xml,
            [tuple(c) for c in prepared.core_code],
            [(m.name, m.crc, m.compressed_size, m.size, m.data) for m in prepared.members])


def save(folder: Path, key: str, prepared: Prepared | None) -> None:
    """Write the entry atomically; a folder that cannot be made or written is left as it is."""
    if prepared is not None and (prepared.body.code is None or any(h.code is None for h in prepared.headers)):
        return  # prepared without its code (not by ``prepare``): nothing to keep
    try:
        body = marshal.dumps((key, _payload(prepared)))
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".tmp", dir=folder)
    except (OSError, ValueError):
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(FORMAT + hashlib.sha256(body).digest() + body)
        os.replace(tmp, entry_path(folder, key))
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return
    _prune(folder)


def _prune(folder: Path) -> None:
    """Keep the newest ``MAX_ENTRIES`` entries; remove temporary files a killed process left."""
    try:
        with os.scandir(folder) as it:
            entries = [(e.stat().st_mtime, e.path, e.name) for e in it if e.is_file()]
    except OSError:
        return
    now = time.time()
    kept = sorted((e for e in entries if e[2].endswith(SUFFIX)), reverse=True)
    old = [e[1] for e in kept[MAX_ENTRIES:]]
    old += [e[1] for e in entries if e[2].startswith(_TEMP_PREFIX) and now - e[0] > _STALE_TEMP_SECONDS]
    for path in old:
        try:
            os.unlink(path)
        except OSError:
            pass
