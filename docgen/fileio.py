"""Writes that never leave a half-written file behind, and file names safe on every OS.

File names are made from user text (an order's title, a school's name), which may carry path
separators, characters Windows refuses, bidi overrides or thousands of characters; the name
must still be one harmless path component that Windows, macOS and Linux all accept.
"""
from __future__ import annotations

import errno
import os
import re
import stat
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from .errors import OutputError

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_SUPERSCRIPT_DIGITS = "¹²³"  # Windows treats «COM¹» like «COM1»
_WINDOWS_RESERVED = {
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
    *(f"{p}{d}" for p in ("COM", "LPT") for d in "0123456789" + _SUPERSCRIPT_DIGITS),
}
MAX_STEM = 120
# A name component may hold 255 bytes on ext4/APFS (255 UTF-16 units on NTFS, never more than the
# UTF-8 bytes). 200 leaves room for «.docx»/«.pdf», a « (2)» and the «.~…tmp» of atomic writes.
MAX_STEM_BYTES = 200
_FALLBACK = "документ"


def safe_file_stem(text: str, *, limit: int = MAX_STEM) -> str:
    """A file name stem from user text: no path separators, nothing Windows forbids, bounded length."""
    text = unicodedata.normalize("NFC", str(text))
    text = _FORBIDDEN.sub(" ", text)
    # Category C: controls, bidi overrides and zero-width marks (they disguise an extension, e.g.
    # «invoice\u202excod.exe»), unassigned and private-use code points.
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = re.sub(r"\s+", " ", text).strip(" .")
    text = _truncate(text, limit)
    if not text or _is_reserved(text):
        text = _truncate(f"{_FALLBACK} {text}".strip(), limit)
    return text


def _truncate(text: str, limit: int) -> str:
    """Cut to ``limit`` characters and MAX_STEM_BYTES UTF-8 bytes, never inside a combining sequence;
    at a word's end with «…» when a word ends near the cut, and a closing bracket («(приказ № 56-од
    от 30.08.2024)», «(проект)») kept whole: it is what tells two editions of one title apart."""
    if len(text) <= limit and len(text.encode("utf-8")) <= MAX_STEM_BYTES:
        return text
    head, tail = text, ""
    if text.endswith(")") and " (" in text:
        cut = text.rindex(" (")
        if len(text) - cut <= limit // 2:
            head, tail = text[:cut], text[cut:]
    room = max(limit - len(tail) - 1, 1)
    while len((head[:room] + "…" + tail).encode("utf-8")) > MAX_STEM_BYTES and room > 1:
        room -= 1
    if room < len(head):
        short = _cut(head, room)
        space = short.rfind(" ")
        if space >= room * 2 // 3:
            short = short[:space]
        return short.rstrip(" .,;:—-") + "…" + tail
    return _cut(text, limit)


def _cut(text: str, limit: int) -> str:
    end = min(len(text), max(limit, 1))
    while end > 0 and len(text[:end].encode("utf-8")) > MAX_STEM_BYTES:
        end -= 1
    while 0 < end < len(text) and unicodedata.category(text[end])[0] == "M":
        end -= 1  # a base letter must not lose its accent or variation selector
    if end == len(text):
        return text
    return text[:end].rstrip(" .")


def _is_reserved(text: str) -> bool:
    """Windows reserves device names even with an extension: «CON», «con.txt», «Nul .docx»."""
    return text.split(".", 1)[0].rstrip(" ").upper() in _WINDOWS_RESERVED


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename: readers see all or nothing."""
    path = Path(path)
    tmp = _temporary_beside(path, data, sync=True)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        _remove_quietly(tmp)
        raise _write_error(path, exc) from None
    _sync_folder(path.parent)


def _temporary_beside(path: Path, data: bytes, *, sync: bool) -> str:
    """``data`` in a new hidden temporary file in ``path``'s folder, with the permissions ``path``
    has (or a new file gets); synced to the disk when ``sync``. Nothing is left behind on failure."""
    folder = path.parent
    _ensure_folder(folder)
    if path.is_dir():
        raise OutputError(f"не удаётся записать файл {path}: на этом месте уже есть папка с таким именем")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"не удаётся записать в папку {folder}: {describe_os_error(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        # mkstemp makes the file readable by its owner only; a document is shared like any other file.
        os.chmod(tmp, _mode_for(path))
    except OSError as exc:
        _remove_quietly(tmp)
        raise _write_error(path, exc) from None
    except BaseException:
        _remove_quietly(tmp)
        raise
    return tmp


def _write_error(path: Path, exc: OSError) -> OutputError:
    reason = describe_os_error(exc)
    if exc.errno in (errno.EACCES, errno.EPERM) and path.exists():
        reason = "файл открыт в другой программе (например, в Word) или нет прав на его замену"
    return OutputError(f"не удаётся записать файл {path}: {reason}")


class Staged:
    """Many files written atomically together — a batch's chunk of documents. Each is written to a
    temporary file beside its place; ``publish`` then makes them all durable with one sync of their
    file system (Linux ``syncfs``: one flush of the disk, where a sync of each file costs a flush
    each — as much as rendering the document), renames each into place and syncs each folder once.
    Until then nothing is in place; a process killed before leaves only hidden temporary files."""

    def __init__(self):
        self._files: list[tuple[Path, str]] = []

    def write(self, path: Path, data: bytes) -> None:
        path = Path(path)
        _ensure_folder(path.parent)
        _remove_stale_temporaries(path.parent)
        self._files.append((path, _temporary_beside(path, data, sync=False)))

    def publish(self) -> list[OutputError | None]:
        """Every staged file durable and in place: for each, in the order written, None or why it
        is not (its temporary file removed)."""
        files, self._files = self._files, []
        if not files:
            return []
        try:
            _make_durable([tmp for _, tmp in files])
        except OSError as exc:
            for _, tmp in files:
                _remove_quietly(tmp)
            return [_write_error(path, exc) for path, _ in files]
        results: list[OutputError | None] = []
        for path, tmp in files:
            try:
                os.replace(tmp, path)
                results.append(None)
            except OSError as exc:
                _remove_quietly(tmp)
                results.append(_write_error(path, exc))
        sync_folders(path for (path, _), failed in zip(files, results) if failed is None)
        return results

    def discard(self) -> None:
        files, self._files = self._files, []
        for _, tmp in files:
            _remove_quietly(tmp)


STALE_SECONDS = 3600  # no write takes an hour: a temporary file this old was left by a killed process
_swept: set[str] = set()


def _remove_stale_temporaries(folder: Path) -> None:
    """A batch killed halfway leaves its chunk's temporary files («.~….tmp», hidden on Linux and
    macOS, not on Windows) in the school's folder; the next batch writing there removes those older
    than ``STALE_SECONDS`` — once per folder and process, never a file another process may be
    writing now."""
    key = os.fspath(folder)
    if key in _swept:
        return
    _swept.add(key)
    limit = time.time() - STALE_SECONDS
    try:
        with os.scandir(folder) as entries:
            stale = [e.path for e in entries if e.name.startswith(".~") and e.name.endswith(".tmp")
                     and e.is_file(follow_symlinks=False) and e.stat(follow_symlinks=False).st_mtime < limit]
    except OSError:
        return
    for path in stale:
        _remove_quietly(path)


def _make_durable(paths: list[str]) -> None:
    """The content of ``paths`` on the disk: one ``syncfs`` per file system where Linux has it,
    else (or if it fails) an fsync of each file."""
    if _syncfs is not None:
        devices: dict[int, str] = {}
        for path in paths:
            devices.setdefault(os.stat(path).st_dev, path)
        if all(_sync_file_system(path) for path in devices.values()):
            return
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _sync_file_system(path: str) -> bool:
    fd = os.open(path, os.O_RDONLY)
    try:
        return _syncfs(fd) == 0
    finally:
        os.close(fd)


def _find_syncfs():
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None


_syncfs = _find_syncfs()


def sync_folders(paths) -> None:
    """Make the renames of ``paths`` durable: each of their folders synced once."""
    for folder in {Path(p).parent for p in paths}:
        _sync_folder(folder)


def _ensure_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"не удаётся записать в папку {folder}: это файл, а не папка")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"не удаётся записать в папку {folder}: {describe_os_error(exc)}") from None


_REASONS = {
    errno.EACCES: "нет прав на запись",
    errno.EPERM: "нет прав на запись",
    errno.EROFS: "диск или папка только для чтения",
    errno.ENOSPC: "на диске нет свободного места",
    errno.ENOENT: "такого пути нет, и создать его нельзя",
    errno.ENOTDIR: "часть пути — файл, а не папка",
    errno.EEXIST: "на этом месте файл, а не папка",
    errno.EISDIR: "на этом месте папка, а не файл",
    errno.ENAMETOOLONG: "слишком длинное имя файла или пути",
    errno.EIO: "ошибка ввода-вывода (диск неисправен или отключён)",
    errno.EBUSY: "файл занят другой программой",
    errno.ELOOP: "в пути зациклены символические ссылки",
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = "превышена дисковая квота"


# The same errors met while reading: the write-side wording above would mislead.
_READ_REASONS = {
    errno.EACCES: "нет прав на чтение",
    errno.EPERM: "нет прав на чтение",
    errno.ENOENT: "файл не найден",
}


def describe_os_error(exc: OSError, *, reading: bool = False) -> str:
    """An OS error in Russian: strerror is English (the C library's), the user reads Russian."""
    reason = (_READ_REASONS.get(exc.errno) if reading else None) or _REASONS.get(exc.errno)
    if reason:
        return reason
    code = errno.errorcode.get(exc.errno, exc.errno) if exc.errno else None
    return f"системная ошибка {code}" if code else "системная ошибка"


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)  # replacing a file keeps its permissions
    except OSError:
        return default_mode()


def default_mode() -> int:
    """A new file's permissions as the user's umask gives them (mkstemp's own are owner-only)."""
    return 0o666 & ~_umask()


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # the only portable way to read it is to set it
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Make the rename durable too (best effort: not every OS can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def check_writable_folder(folder: Path) -> None:
    """Refuse an unwritable output folder before a number is taken for a file that cannot be
    written — without creating the folder yet, so a refused input leaves nothing behind."""
    existing = Path(folder).absolute()
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        reason = "это файл, а не папка" if existing == Path(folder).absolute() else "часть пути — файл, а не папка"
        raise OutputError(f"не удаётся записать в папку {folder}: {reason}")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"не удаётся записать в папку {folder}: нет прав на запись в {existing}")
