"""docxtpl's rendering with the per-template work done once per process, not once per document.

Plain docxtpl, for every document, opens the package with python-docx, cleans the tags out of
the XML with a cascade of regexes, compiles the body, the header and six document properties
as Jinja templates, renders them, re-parses the result, and re-serialises and re-compresses
every part of the package — styles included — on save. Only the Jinja render depends on the
document. Here a template is *prepared* once (docxtpl's own ``patch_xml`` on python-docx's own
serialisation, so the markup Jinja sees is byte for byte docxtpl's; compiled under the caller's
sandboxed environment; the unchanged parts taken from python-docx's own save, already
compressed) and each document only renders the compiled parts, applies the post-render passes
docxtpl would apply, and writes a zip in which every unchanged member's compressed bytes are
copied verbatim.

The output is docxtpl's document — the same members, the same XML of every part (compared as
canonical XML in tests/test_render_equivalence.py) — and where it could not be, docxtpl itself
renders: ``prepare`` returns None for a template the fast path does not cover, and ``render``
raises ``NeedsDocxtpl`` for a document it does not cover. The rule:

* a template with footnotes, with a header or footer part used by more than one section
  relation, without core properties, or with a part whose markup does not compile (docxtpl
  then reports the error exactly as it always has) → docxtpl;
* a context holding a picture or a docxtpl object that needs the python-docx document
  (InlineImage, Subdoc) → docxtpl (decided by the caller, docgen.rendering);
* a rendered body that is not well-formed XML (docxtpl's parser recovers it) → docxtpl.

The jobs, one module each: ``template`` (``prepare``: a template → ``Prepared``), ``document``
(``render``: a prepared template and a context → the .docx bytes), ``docxzip`` (the zip, members
copied or deflated), ``cache`` (prepared templates per process), ``stored`` (prepared templates
on disk between processes).

Prepared templates live in a small LRU keyed by the file's resolved path, mtime, size and the
filter set, so an edited template is prepared again and memory stays flat however many
documents a worker writes. Behind it, the user's cache folder keeps each prepared template
between runs, keyed by the file's content (docgen.fastrender.stored): a later process renders
without python-docx or docxtpl preparing anything.
"""
from __future__ import annotations

from .cache import CACHE, CACHE_SIZE, TemplateCache, cache_info
from .document import NeedsDocxtpl, render
from .docxzip import COMPRESS_LEVEL
from .template import FOOTNOTES_TYPE, Prepared, prepare

__all__ = ["CACHE", "CACHE_SIZE", "COMPRESS_LEVEL", "FOOTNOTES_TYPE", "NeedsDocxtpl", "Prepared", "TemplateCache",
           "cache_info", "prepare", "render"]
