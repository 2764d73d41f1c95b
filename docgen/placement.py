"""Where a registered document is written: a file name no other document holds.

File names are made from user text and lose what a file name cannot hold: «№ 7/1» and «№ 7:1»
both become «№ 7 1», two schools' first orders of one day are both «Приказ … № 1-од от …», two
schools whose names differ only in such characters get one folder. So the name alone never
decides: the journal records which file belongs to which entry, and the rule is

- a file this entry already wrote (the same input regenerated, a corrected edition) is replaced;
- a name held by another journal entry (of any school in the store, an annulled one included —
  its document still exists) or by a file the journal does not know is never replaced: the next
  free variant is taken, «Приказ … (2).docx», «(3)» …;
- a school's sub-folder (batch) holding another school's documents is not shared: «Школа (2)».

A distinct name rather than a refusal: the second document is as valid as the first, the
clerk gets both (the journal and the printed path say which is which), and a district batch
is not stopped by an accident of names. The choice is made inside the journal's reserving
transaction, so two processes never choose the same free name.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import sqlalchemy as sa

from .errors import OutputError
from .fileio import safe_file_stem

MAX_VARIANTS = 1000


@dataclass(frozen=True)
class Placement:
    """The wish: the output folder, the file name for a number, and — for a batch — the school
    whose sub-folder the document goes to."""

    out_dir: Path
    name_for: Callable[[str], str]
    school: str | None = None


def variants(path: Path) -> Iterator[Path]:
    """``path``, then «stem (2).suffix», «stem (3).suffix» …"""
    path = Path(path)
    yield path
    for n in range(2, MAX_VARIANTS + 1):
        yield path.with_name(f"{path.stem} ({n}){path.suffix}")


def choose(conn: sa.Connection, table: sa.Table, placement: Placement, number: str, *, org_id: int,
           own_id: int | None, own_file: str | None, folders: dict | None = None) -> Path:
    """The path for entry ``own_id`` of ``org_id`` (None: a new entry) — see the module's rule.
    ``folders`` remembers the school's folder for the rest of one transaction (a batch's chunk)."""
    folder = Path(placement.out_dir).resolve()
    if placement.school is not None:
        known = folders if folders is not None else {}
        key = (folder, placement.school, org_id)
        if key not in known:
            known[key] = _school_folder(conn, table, folder, placement.school, org_id)
        folder = known[key]
    held_by_another = _statements(table)
    for candidate in variants(folder / placement.name_for(number)):
        text = str(candidate)
        held = conn.execute(held_by_another, {"file": text, "own": own_id if own_id is not None else -1}).first()
        if held is None and (text == own_file or not candidate.exists()):
            return candidate
    raise OutputError(f"не удаётся выбрать имя файла для документа № {number} в папке {folder}: "
                      f"заняты {MAX_VARIANTS} вариантов")


@functools.lru_cache(maxsize=8)
def _statements(table: sa.Table) -> sa.Select:
    """The entry other than ``own`` that holds ``file`` — built once per table (a batch asks it for
    every document)."""
    j = table.c
    return sa.select(j.id).where(j.file == sa.bindparam("file"), j.id != sa.bindparam("own")).limit(1)


def _school_folder(conn: sa.Connection, table: sa.Table, folder: Path, school: str, org_id: int) -> Path:
    """The first of the school's folder variants holding no other school's file. A folder's files
    are the range of paths from «folder/» up to (not including) the next character after the
    separator, which the journal's index on ``file`` answers without scanning the journal."""
    j = table.c
    for candidate in variants(folder / safe_file_stem(school)):
        low = str(candidate) + os.sep
        high = str(candidate) + chr(ord(os.sep) + 1)
        foreign = conn.execute(sa.select(j.id).where(j.file >= low, j.file < high, j.org_id != org_id)
                               .limit(1)).first()
        if foreign is None:
            return candidate
    raise OutputError(f"не удаётся выбрать папку для документов {school} в {folder}")


def unrecorded(path: Path, content: bytes) -> Path:
    """Where a document no journal records (anything but an order) is written: its own name when
    that is free or already holds this same document (every part equal — a regeneration), else
    the next free variant. Without a journal the file itself is the only witness, so a file that
    holds anything else — another school's regulation, a clerk's edited copy — is never replaced."""
    for candidate in variants(path):
        if not candidate.exists() or _same_parts(candidate, content):
            return candidate
    raise OutputError(f"не удаётся выбрать имя файла в папке {path.parent}: заняты {MAX_VARIANTS} вариантов "
                      f"«{path.name}»")


def _same_parts(path: Path, content: bytes) -> bool:
    """Every part of the .docx at ``path`` equals the rendered one (zip dates aside)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(path) as old, zipfile.ZipFile(io.BytesIO(content)) as new:
            names = old.namelist()
            return names == new.namelist() and all(old.read(n) == new.read(n) for n in names)
    except (OSError, zipfile.BadZipFile, KeyError, RuntimeError):
        return False
