"""Writing the package: a folder or a .zip, whole or not at all.

Everything is built first — the documents rendered, their PDFs made in one LibreOffice run
(docgen.pdf.convert), the index page — and only then put in place: a folder is built in a hidden
temporary folder beside the target and renamed into it, a .zip is written to a temporary file and
renamed. The target may be a package an earlier `docgen publish` wrote (it carries ``MARKER``),
which is replaced; anything else there — a folder with other files, a .zip of something else — is
refused, never overwritten: a school's site folder holds documents docgen did not write.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, OutputError
from ..fileio import check_writable_folder, default_mode, describe_os_error, sync_folders
from .index import Listed, render

MARKER = ".docgen-publish.json"
INDEX = "index.html"


@dataclass(frozen=True)
class Target:
    path: Path
    is_zip: bool
    replaces: bool  # an earlier package is there


def check_target(out: Path) -> Target:
    """Refuse a target that cannot or must not be written, before anything is rendered."""
    out = Path(out).absolute()
    is_zip = out.suffix.lower() == ".zip"
    check_writable_folder(out.parent)
    if is_zip:
        if out.is_dir():
            raise InputError("параметр --out: это папка, а не файл .zip; укажите имя файла, например сайт.zip",
                             file=out)
        if out.exists():
            if not _zip_is_package(out):
                raise InputError("параметр --out: такой файл уже есть, и это не пакет docgen publish — "
                                 "не перезаписываю его; укажите другое имя файла", file=out)
            return Target(out, True, True)
        return Target(out, True, False)
    if out.exists() and not out.is_dir():
        raise InputError("параметр --out: это файл, а не папка; укажите папку или файл .zip", file=out)
    if out.is_dir():
        try:
            names = os.listdir(out)
        except OSError as exc:
            raise OutputError(f"не удаётся прочитать папку {out}: {describe_os_error(exc, reading=True)}") from None
        if names and MARKER not in names:
            raise InputError("параметр --out: в папке уже есть файлы, и это не пакет docgen publish — не "
                             "перезаписываю их; укажите пустую или новую папку", file=out)
        return Target(out, False, bool(names))
    return Target(out, False, False)


def _zip_is_package(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return MARKER in archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def _dir_mode() -> int:
    files = default_mode()
    return files | ((files & 0o444) >> 2)


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(path, default_mode())


def _unique(name: str, taken: set[str]) -> str:
    stem, suffix = name.rsplit(".", 1)
    n, candidate = 1, name
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem} ({n}).{suffix}"
    taken.add(candidate.lower())
    return candidate


def build(engine, entries: list, org, day: dt.date, folder: Path, *, warn=None) -> list[Listed]:
    """Render the writable entries into ``folder``, their PDFs in one LibreOffice run, the index
    and the marker; the listing of every entry (those without a file too)."""
    from ..pdf import convert, layout_warnings
    from ..templates import active

    taken: set[str] = {INDEX.lower(), MARKER.lower()}
    documents: dict[int, Path] = {}
    for n, entry in enumerate(entries):
        if entry.writable:
            name = _unique(engine.file_name(entry.document_type, entry.data), taken)
            _unique(name[:-5] + ".pdf", taken)
            path = folder / name
            _write(path, engine.render(entry.document_type, entry.data))
            documents[n] = path
    pdfs = convert(list(documents.values())) if documents else []
    if warn is not None:
        for message in layout_warnings(list(documents.values()), pdfs):
            warn(message)
    listed = [Listed(e, documents[n].name if n in documents else None,
                     documents[n].with_suffix(".pdf").name if n in documents else None)
              for n, e in enumerate(entries)]
    with active(lambda: engine.template_path):
        page = render(listed, org, day)
    _write(folder / INDEX, page.encode("utf-8"))
    manifest = {
        "generator": "docgen publish", "organization": org.key, "date": day.isoformat(),
        "acts": [{"id": item.entry.act.id, "edition": item.entry.edition, "docx": item.docx, "pdf": item.pdf}
                 for item in listed],
    }
    _write(folder / MARKER, json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
    return listed


def write(engine, entries: list, org, day: dt.date, target: Target, *, warn=None) -> list[Listed]:
    """Build the package and put it at ``target``; on any failure nothing is left there but what was."""
    if target.is_zip:
        with tempfile.TemporaryDirectory(prefix="docgen-publish-") as work:
            listed = build(engine, entries, org, day, Path(work), warn=warn)
            from ..fileio import atomic_write_bytes

            atomic_write_bytes(target.path, _zipped(Path(work)))
        return listed
    parent = target.path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".~docgen-publish-", dir=parent))
    except OSError as exc:
        raise OutputError(f"не удаётся записать в папку {parent}: {describe_os_error(exc)}") from None
    try:
        listed = build(engine, entries, org, day, work, warn=warn)
        os.chmod(work, _dir_mode())
        _swap(work, target.path)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return listed


def _swap(built: Path, out: Path) -> None:
    """``built`` renamed to ``out``; an earlier package there is moved aside first and removed
    after, or moved back when the rename fails."""
    old = None
    try:
        if out.exists():
            names = os.listdir(out)
            if names and MARKER not in names:  # filled by someone else while the package was built
                raise InputError("параметр --out: пока собирался пакет, в папке появились другие файлы — не "
                                 "перезаписываю их; укажите пустую или новую папку", file=out)
            if names:
                old = Path(tempfile.mkdtemp(prefix=".~docgen-old-", dir=out.parent)) / "package"
                os.rename(out, old)
            else:
                os.rmdir(out)
        try:
            os.rename(built, out)
        except OSError:
            if old is not None:
                os.rename(old, out)
            raise
    except OSError as exc:
        raise OutputError(f"не удаётся записать папку {out}: {describe_os_error(exc)}") from None
    sync_folders([out])
    if old is not None:
        shutil.rmtree(old.parent, ignore_errors=True)


def _zipped(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return buffer.getvalue()
