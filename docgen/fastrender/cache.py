"""Prepared templates per process: a small LRU keyed by the file's version and the filter set, in
front of the entries kept on disk between processes (docgen.fastrender.stored)."""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .template import Prepared, prepare

CACHE_SIZE = 8
"""Prepared templates kept per process: a worker renders one type, a demo run a handful."""


@dataclass
class _Stats:
    prepared: int = 0  # new versions taken into the process: prepared here or read from the disk cache
    loaded: int = 0  # of those, read from the disk cache
    hits: int = 0
    fast: int = 0
    docxtpl: int = 0


class TemplateCache:
    """Prepared templates by (path, mtime, size, filters); least recently used dropped first."""

    def __init__(self, size: int = CACHE_SIZE):
        self.size = size
        self._entries: OrderedDict[tuple, tuple[Prepared | None, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.stats = _Stats()

    def get(self, path: Path, stat, filters: dict[str, Callable], make_env: Callable,
            check: Callable[[], None] = lambda: None) -> tuple[Prepared | None, Any]:
        """(prepared template or None for docxtpl, the Jinja environment to render with).

        ``check`` runs once per new version of the file, before it is prepared, and may raise; a
        version read from the disk cache passed it when it was prepared (its key is the content)."""
        # Filter functions are kept alive by the entry's environment, so their ids stay theirs.
        key = (str(path), stat.st_mtime_ns, stat.st_size, tuple((k, id(v)) for k, v in sorted(filters.items())))
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                self.stats.hits += 1
                return entry
        env = make_env(filters)
        prepared, loaded = self._prepare(path, stat, env, check)
        entry = (prepared, env)
        self.stats.prepared += 1
        self.stats.loaded += loaded
        with self._lock:
            # an older version of the same file is dead weight now
            for old in [k for k in self._entries if k[0] == key[0] and k != key]:
                del self._entries[old]
            self._entries[key] = entry
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return entry

    @staticmethod
    def _prepare(path: Path, stat, env, check: Callable[[], None]) -> tuple[Prepared | None, bool]:
        """(prepared or None, whether it came from the disk cache)."""
        from ..settings import template_cache_folder
        from . import stored

        folder = template_cache_folder()
        key = stored.key_of(path, stat, env) if folder is not None else None
        if key is not None:
            found, prepared = stored.load(folder, key, path, env)
            if found:
                return prepared, True
        check()
        try:
            prepared = prepare(path, env)
        except Exception:  # noqa: BLE001 — whatever python-docx trips over, docxtpl reports as it always has
            return None, False  # not kept: a limit or a lack of memory may not recur in the next run
        if key is not None:
            stored.save(folder, key, prepared)
        return prepared, False

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.stats = _Stats()

    def __len__(self) -> int:
        return len(self._entries)


CACHE = TemplateCache()


def cache_info() -> dict[str, int]:
    """Counters of the process-wide cache: prepared, loaded (from disk), hits, fast, docxtpl, size."""
    s = CACHE.stats
    return {"prepared": s.prepared, "loaded": s.loaded, "hits": s.hits, "fast": s.fast, "docxtpl": s.docxtpl, "size": len(CACHE)}
