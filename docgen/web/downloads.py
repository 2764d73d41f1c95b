"""How the site sends a file: one Content-Disposition rule for every download, and a document read
in the worker thread its route already runs in. Starlette's FileResponse reads a file through five
trips to the thread pool (stat, open, read, read, close); a school's documents are tens of
kilobytes, and on a busy two-core server each trip waits for a core. Larger files still stream."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi.responses import FileResponse, Response

IN_MEMORY = 8 * 2**20  # a document up to this size is read at once; beyond, streamed


def attachment(name: str, kind: str = "attachment") -> str:
    """A Content-Disposition a browser saves under ``name``: the real name in RFC 5987 form (for
    Cyrillic), and for a client that reads only ``filename`` the name itself when it is plain
    ASCII, else «document» with its extension (no quotes, backslashes or controls either way)."""
    plain = all(32 <= ord(ch) < 127 and ch not in '"\\;' for ch in name)
    suffix = "".join(ch for ch in Path(name).suffix if ch.isascii() and (ch.isalnum() or ch == "."))
    fallback = name if plain and name else "document" + suffix
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def send_file(path: Path, media_type: str, *, kind: str = "attachment", cache: str = "private, no-store") -> Response:
    """The file as a response; call it from a sync route (it reads the disk)."""
    headers = {"Content-Disposition": attachment(path.name, kind), "Cache-Control": cache}
    with path.open("rb") as file:
        size = file.seek(0, 2)
        if size <= IN_MEMORY:
            file.seek(0)
            return Response(file.read(), media_type=media_type, headers=headers)
    return FileResponse(path, media_type=media_type, headers=headers)
