"""`docgen serve`: the web application under uvicorn. FastAPI, uvicorn and the rest are imported
only here, when the site starts: `docgen --help` and every other command stay as fast as before."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import options as opt
from ._app import app


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option("--host", metavar="АДРЕС",
                                      help="Адрес, на котором слушает сайт (0.0.0.0 — все сетевые интерфейсы).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="ПОРТ", help="Порт сайта.", min=1, max=65535)] = 8000,
    plain_http: Annotated[bool, typer.Option(
        "--plain-http", help="Сайт открыт по обычному http без TLS (не localhost): cookie сеанса без флага Secure, "
                             "иначе браузер их не вернёт. Без этого параметра сайт ожидается за https "
                             "(или на localhost).")] = False,
    files: Annotated[Optional[Path], typer.Option(
        "--files", metavar="ПАПКА", help="Папка, в которую сайт записывает сформированные документы, их PDF и "
                                        "изображения страниц (по умолчанию — рядом с базой SQLite или в папке "
                                        "данных docgen пользователя).")] = None,
    db: opt.Db = None,
) -> None:
    """Запустить веб-приложение: вход, главная страница школы, района или администратора."""
    from ..registry.store import Store, resolve_url

    url = resolve_url(db)
    if files is not None:
        _check_files_folder(files)
    Store(url).close()  # a bad address, a foreign or newer database: told here, in Russian, before uvicorn starts
    import uvicorn

    from ..web.app import create_app

    application = create_app(url, secure_cookies=not plain_http)
    if files is not None:
        application.state.documents_dir = files.absolute()
    application.state.warm_converter = True  # LibreOffice loaded before the first preview is asked for
    _settle(application)
    typer.echo(f"Сайт docgen: http://{host}:{port}/ (остановить — Ctrl+C)")
    uvicorn.run(application, host=host, port=port, log_level="warning",
                proxy_headers=True)


def _settle(application) -> None:
    """Load what every document needs (the plugins, the rendering libraries) before the first
    request, then move everything alive into the garbage collector's permanent generation: the
    collector no longer walks the site's hundred thousand start-up objects again and again while it
    serves documents (a full collection of them cost more than a millisecond a document)."""
    import gc

    application.state.settings.engine.document_types  # noqa: B018 — the plugins, loaded now
    import docx  # noqa: F401
    import docxtpl  # noqa: F401

    gc.collect()
    gc.freeze()


def _check_files_folder(folder: Path) -> None:
    """The documents' folder writable before the site starts: a secretary must not learn it from a
    document that cannot be saved. Made if missing, like `generate --out`."""
    import os

    from ..errors import OutputError
    from ..fileio import check_writable_folder

    check_writable_folder(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from ..fileio import describe_os_error

        raise OutputError(f"не удаётся записать в папку {folder}: {describe_os_error(exc)}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"не удаётся записать в папку {folder}: нет прав на запись")
