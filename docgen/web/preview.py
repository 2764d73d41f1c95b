"""The preview of a generated document: a small fragment the «Документ сформирован» page asks for
with HTMX until the PDF and the pages' pictures are ready (docgen.previews makes them in the
background; a request never waits for LibreOffice).

The site holds one ``Previews`` (and with it one warm converter) for its lifetime: made at the
first request that needs it, or at start-up when `docgen serve` asks for the converter to be
warmed (``app.state.warm_converter``), stopped when the site stops (the lifespan below; a site
run without one, as a test's client, stops it when the process ends).

Seeing a preview is reading: any user who may open the organisation may ask for it. The first
request for a document whose PDF is missing (never made, or lost with a restart) makes it — a
copy of a document already written, not a change to the school's data.
"""
from __future__ import annotations

import atexit
import threading
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request

from ..previews import Failed, Pending, Previews, Ready
from .access import Organisation
from .app import render
from .documents import file_url, org_file, preview_url

_made = threading.Lock()


def previews(app: FastAPI) -> Previews:
    with _made:
        found = getattr(app.state, "previews", None)
        if found is None:
            found = app.state.previews = Previews()
            atexit.register(found.close)
        return found


@asynccontextmanager
async def lifespan(app: FastAPI):
    if getattr(app.state, "warm_converter", False):
        previews(app).converter.warm_in_background()
    try:
        yield
    finally:
        found = getattr(app.state, "previews", None)
        if found is not None:
            found.close()


router = APIRouter(lifespan=lifespan)


@router.get("/org/{org_id}/documents/preview/{name}")
def preview_fragment(request: Request, org: Organisation, name: str, again: bool = False):
    """The preview's state as HTML for HTMX: pending (and asking again shortly), the pages and the
    PDF, or why there is no PDF — in Russian, with status 200, so HTMX shows it."""
    docx = org_file(request, org, name, suffixes=(".docx",))
    state = previews(request.app).state(docx, again=again)
    context = {"org": org, "url": preview_url(org, docx.name), "docx": docx.name}
    if isinstance(state, Ready):
        return render(request, "preview_ready.html", pdf_name=state.pdf.name, pdf_url=file_url(org, state.pdf.name),
                      pages=[file_url(org, p.name) for p in state.pages], **context)
    if isinstance(state, Failed):
        return render(request, "preview_failed.html", message=state.message,
                      pdf_name=state.pdf.name if state.pdf else None,
                      pdf_url=file_url(org, state.pdf.name) if state.pdf else None, **context)
    assert isinstance(state, Pending)
    return render(request, "preview_pending.html", pages=[file_url(org, p.name) for p in state.pages], **context)
