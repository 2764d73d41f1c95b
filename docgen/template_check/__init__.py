"""Checking a .docx template before a school prints from it.

A district methodologist edits templates in Word, which splits text into runs wherever it
pleases; a broken tag then surfaces only when someone generates the document. The checker finds
the problems up front and names the template and the paragraph or table cell:

- Jinja syntax errors, unknown tags and filters, unbalanced ``for``/``if`` blocks;
- variables the template uses that the document type's input does not provide (errors) and the
  type's variables the template never uses (warnings);
- tags broken in ways docxtpl cannot mend: halves in different paragraphs or cells, a brace and
  its ``{``/``%`` parted by a space, a tab, line break, field or picture inside a tag; a tag whose
  parts are formatted differently is mended, but loses formatting (a warning);
- finally, when the type has sample data, the template is filled with it, which catches what
  reading alone cannot (a misspelt attribute such as ``organization.full_nme``).

The checker reads the XML exactly as docxtpl will see it (``DocxTemplate.patch_xml``) and judges
it with Jinja's own lexer and parser under the engine's sandboxed environment and filters, so
"clean" here means "renders there". One module a job: ``word`` (where text sits in Word),
``jinja_tags`` (tags and blocks as Jinja sees them), ``checks`` (the checks of one file),
``document_type`` (a type's template and its variables), ``variables`` (`docgen templates vars`).
"""
from __future__ import annotations

from .checks import ERROR, WARNING, Checker, Finding, Report, check_file
from .document_type import ENGINE_KEYS, ORDER_KEYS, check_path, check_type, type_variables
from .variables import Variable, describe_filters, describe_variables
from .word import Location, Piece, locations

__all__ = ["ENGINE_KEYS", "ERROR", "ORDER_KEYS", "WARNING", "Checker", "Finding", "Location", "Piece", "Report",
           "Variable", "check_file", "check_path", "check_type", "describe_filters", "describe_variables",
           "locations", "type_variables"]
