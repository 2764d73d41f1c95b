"""`docgen users add|list|passwd|disable`: the web application's accounts. There is no default
password: the first administrator is made here, with a password typed twice on the terminal or
read from a file (for scripts) — never from an option, which would land in the shell's history."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import options as opt
from ._app import Docgen, app, console, new_table, text_column

users_app = Docgen(name="users", help="Пользователи веб-приложения (docgen serve): создание, список, пароль, отключение.")
app.add_typer(users_app, name="users")

Login = Annotated[str, typer.Argument(metavar="ЛОГИН", help="Логин пользователя.", show_default=False)]
PasswordFile = Annotated[Optional[Path], typer.Option(
    "--password-file", metavar="ФАЙЛ",
    help="Прочитать пароль из первой строки файла (иначе — ввести дважды в терминале).")]


def read_password(path: Path | None) -> str:
    from ..errors import InputError
    from ..web.accounts import check_password

    if path is not None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError("файла с паролем нет", file=path) from None
        except UnicodeDecodeError:
            raise InputError("файл с паролем не в кодировке UTF-8", file=path) from None
        lines = text.splitlines()
        password = lines[0] if lines else ""
        if not password:
            raise InputError("в первой строке файла нет пароля", file=path)
        try:
            return check_password(password)
        except InputError as exc:
            raise InputError(exc.message, file=path) from None
    import sys

    if not sys.stdin.isatty():
        raise InputError("пароль не задан: укажите --password-file ФАЙЛ или запустите команду в терминале, "
                         "чтобы ввести пароль (пароля по умолчанию нет)")
    from getpass import getpass

    first = getpass("Пароль: ")
    check_password(first)
    if getpass("Пароль ещё раз: ") != first:
        raise InputError("пароли не совпадают; пользователь не изменён")
    return first


def _store(db: str | None):
    from ..registry.store import Store, resolve_url

    return Store(resolve_url(db))


@users_app.command("add")
def add_command(
    login: Login,
    role: Annotated[str, typer.Option(
        "--role", metavar="РОЛЬ", help="school — пользователь школы (одна организация, --org); methodologist — "
                                       "методист района (организации --org или вся база); admin — администратор.",
        show_default=False)],
    org: Annotated[Optional[list[Path]], typer.Option(
        "--org", metavar="ПРОФИЛЬ", help="Профиль организации (.yaml): школа пользователя школы; для методиста — "
                                         "его школы (можно несколько раз; без --org — все организации базы).")] = None,
    password_file: PasswordFile = None,
    db: opt.Db = None,
) -> None:
    """Создать пользователя веб-приложения (первого — администратора: --role admin)."""
    from ..registry.service import load_org
    from ..web.accounts import ROLE_LABELS, add_user, check_login, check_role

    check_login(login)
    check_role(role)
    profiles = [load_org(p) for p in org or []]  # every file checked before anything is written
    password = read_password(password_file)
    store = _store(db)
    try:
        if role == "school":
            user = add_user(store, login, role, password, org=profiles[0] if profiles else None, scope=profiles[1:])
        else:
            user = add_user(store, login, role, password, org=profiles[0] if role == "admin" and profiles else None,
                            scope=profiles if role == "methodologist" else None)
    finally:
        store.close()
    where = ""
    if role == "school":
        where = f", организация «{profiles[0].short_name}»"
    elif role == "methodologist":
        where = f", организации: {', '.join(p.short_name for p in profiles)}" if profiles else ", все организации базы"
    typer.echo(f"Пользователь «{user.login}» создан: {ROLE_LABELS[role]}{where}")


@users_app.command("list")
def list_command(db: opt.Db = None) -> None:
    """Пользователи веб-приложения: роль, организация, активен ли."""
    from ..web.accounts import list_users

    store = _store(db)
    try:
        rows = list_users(store)
    finally:
        store.close()
    if not rows:
        typer.echo("Пользователей нет; первого создайте так: docgen users add admin --role admin")
        return
    table = new_table("Пользователи")
    for name in ("Логин", "Роль", "Организации", "Активен"):
        text_column(table, name)
    for user, short_name in rows:
        if user.role == "school":
            scope = short_name or "—"
        elif user.role == "methodologist":
            scope = "все" if user.scope is None else f"{len(user.scope)} шт."
        else:
            scope = "все"
        table.add_row(user.login, user.role_label, scope, "да" if user.active else "нет (отключён)")
    console().print(table)


@users_app.command("passwd")
def passwd_command(login: Login, password_file: PasswordFile = None, db: opt.Db = None) -> None:
    """Сменить пароль пользователя (все его сеансы на сайте завершаются)."""
    from ..web.accounts import set_password

    store = _store(db)
    try:
        _require(store, login)  # an unknown login is told before a password is asked
        set_password(store, login, read_password(password_file))
    finally:
        store.close()
    typer.echo(f"Пароль пользователя «{login}» изменён; его сеансы на сайте завершены")


@users_app.command("disable")
def disable_command(login: Login, db: opt.Db = None) -> None:
    """Отключить пользователя: войти он больше не сможет, его сеансы завершаются."""
    from ..web.accounts import disable

    store = _store(db)
    try:
        disable(store, login)
    finally:
        store.close()
    typer.echo(f"Пользователь «{login}» отключён; его сеансы на сайте завершены")


def _require(store, login: str) -> None:
    from ..errors import InputError
    from ..web.accounts import list_users

    if login not in {user.login for user, _ in list_users(store)}:
        raise InputError(f"пользователя «{login}» нет; список: docgen users list")
