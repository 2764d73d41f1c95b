"""Rebuild the built-in .docx templates from code.

The builders are the source of the built-in templates: a wording change is made in the builder
and the .docx rebuilt here, so it is a reviewable diff; tests/test_templates_built.py fails when a
committed templates/*.docx is not exactly its builder's output (an edit made only in Word would be
lost at the next rebuild). A district edits its *own copy* of a template in Word instead. Each
template has its builder in ``scripts/builders/<name>.py`` (``TEMPLATE`` names the file,
``build()`` returns the python-docx document; modules whose name starts with «_» are helpers).
Run with the project's Python:

    python scripts/build_templates.py [TEMPLATE-STEM …]
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "templates"


def builders() -> dict[str, object]:
    """Template stem → builder module, for every module in scripts/builders."""
    sys.path.insert(0, str(ROOT / "scripts"))
    found = {}
    for path in sorted((ROOT / "scripts" / "builders").glob("*.py")):
        if path.name.startswith("_"):
            continue
        module = importlib.import_module(f"builders.{path.stem}")
        found[Path(module.TEMPLATE).stem] = module
    return found


if __name__ == "__main__":
    available = builders()
    wanted = sys.argv[1:] or list(available)
    unknown = [w for w in wanted if w not in available]
    if unknown:
        sys.exit(f"unknown template(s): {', '.join(unknown)}; known: {', '.join(available)}")
    for name in wanted:
        target = OUT / available[name].TEMPLATE
        available[name].build().save(target)
        print(target)
