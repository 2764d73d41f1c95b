"""Options and arguments that several commands share, written once: the same name, the same
Russian help and metavar everywhere, so `--db` means the same thing in `generate` and `acts`."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

DocType = Annotated[str, typer.Argument(metavar="ТИП", help="Тип документа (список — docgen types).")]

DataFile = Annotated[Path, typer.Option("--data", "-d", metavar="ФАЙЛ",
                                        help="Файл данных документа (.yaml или .json).")]

OutFolder = Annotated[Path, typer.Option("--out", "-o", metavar="ПАПКА", help="Папка для готовых документов.")]

Templates = Annotated[Optional[Path], typer.Option(
    "--templates", metavar="ПАПКА",
    help="Папка с собственными шаблонами: в ней шаблоны ищутся первыми "
         "(иначе — DOCGEN_TEMPLATES или templates в docgen.yaml).")]

Db = Annotated[Optional[str], typer.Option(
    "--db", metavar="БАЗА",
    help="Файл базы (реестр актов и журнал приказов) или адрес базы (sqlite:///…, postgresql://…); "
         "иначе — DOCGEN_DB, db в docgen.yaml рядом с профилем школы или в текущей папке, "
         "иначе docgen.sqlite в папке данных пользователя.")]

Org = Annotated[Path, typer.Option("--org", metavar="ПРОФИЛЬ",
                                   help="Профиль организации (.yaml): организация в реестре — по ИНН или "
                                        "коду из профиля, иначе по сокращённому наименованию.")]

Today = Annotated[Optional[str], typer.Option(
    "--today", metavar="ДАТА", help="Считать сегодняшней эту дату (ДД.ММ.ГГГГ) — для сроков пересмотра.")]

Who = Annotated[Optional[str], typer.Option(
    "--who", metavar="ФИО", help="Кто вносит изменение (по умолчанию — пользователь системы).")]

NewNumber = Annotated[bool, typer.Option(
    "--new-number", help="Присвоить новый номер, даже если эти же данные уже регистрировались.")]

Replace = Annotated[bool, typer.Option(
    "--replace", help="Исправленная редакция: номер из поля number уже в журнале — заменить запись.")]

Pdf = Annotated[bool, typer.Option("--pdf", help="Сохранить рядом копию в PDF (нужен LibreOffice).")]
