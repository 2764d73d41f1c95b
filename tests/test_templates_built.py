"""The builders in scripts/builders are the source of the built-in templates: every committed
templates/*.docx must be exactly what its builder writes (every part compared as canonical XML),
so an edit made only in Word — lost at the next rebuild — fails here instead."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from helpers import CHECKOUT, docx_differences



def _builders() -> dict[str, object]:
    sys.path.insert(0, str(CHECKOUT / "scripts"))
    try:
        import build_templates
    finally:
        sys.path.remove(str(CHECKOUT / "scripts"))
    return build_templates.builders()


BUILDERS = _builders()


def test_every_builder_is_found_and_every_template_has_one():
    assert len(BUILDERS) >= 7
    built = {module.TEMPLATE for module in BUILDERS.values()}
    committed = {p.name for p in (CHECKOUT / "templates").glob("*.docx")}
    assert committed == built, "templates without a builder or builders without a committed template"


@pytest.mark.parametrize("stem", sorted(BUILDERS))
def test_committed_template_is_its_builders_output(stem, tmp_path):
    module = BUILDERS[stem]
    built = tmp_path / module.TEMPLATE
    module.build().save(str(built))
    committed = CHECKOUT / "templates" / module.TEMPLATE
    assert committed.is_file(), f"{module.TEMPLATE} is not committed; run scripts/build_templates.py {stem}"
    assert docx_differences(built, committed) == [], (
        f"templates/{module.TEMPLATE} differs from what scripts/builders/{Path(module.__file__).name} writes: "
        f"change the builder and run scripts/build_templates.py {stem}")


def test_the_comparison_sees_an_edit(tmp_path):
    """A one-word edit, as a clerk would make in Word, is a difference."""
    import docx

    module = BUILDERS["working-group-order"]
    built = tmp_path / "built.docx"
    module.build().save(str(built))
    edited = docx.Document(str(built))
    paragraph = next(p for p in edited.paragraphs if p.text == "ПРИКАЗЫВАЮ:")
    paragraph.runs[0].text = "ПРИКАЗЫВАЮ"
    edited.save(str(tmp_path / "edited.docx"))
    assert docx_differences(built, tmp_path / "edited.docx") == ["word/document.xml"]
