"""`docgen serve`: the web application under uvicorn. FastAPI, uvicorn and the rest are imported
only here, when the site starts: `docgen --help` and every other command stay as fast as before."""
from __future__ import annotations

from typing import Annotated

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
    db: opt.Db = None,
) -> None:
    """Запустить веб-приложение: вход, главная страница школы, района или администратора."""
    from ..registry.store import Store, resolve_url

    url = resolve_url(db)
    Store(url).close()  # a bad address, a foreign or newer database: told here, in Russian, before uvicorn starts
    import uvicorn

    from ..web.app import create_app

    typer.echo(f"Сайт docgen: http://{host}:{port}/ (остановить — Ctrl+C)")
    uvicorn.run(create_app(url, secure_cookies=not plain_http), host=host, port=port, log_level="warning",
                proxy_headers=True)
