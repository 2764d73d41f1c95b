"""A Picture in the context becomes an inline image of the rendered document."""
from __future__ import annotations

import io

import docx
import pytest

from docgen import Picture
from docgen.gost import new_document, paragraph
from docgen.rendering import render_docx
from helpers import png


def test_picture_is_placed_at_its_width_with_its_proportions(tmp_path):
    template = tmp_path / "t.docx"
    doc = new_document()
    paragraph(doc, "Диаграмма:")
    paragraph(doc, "{{ chart }}")
    doc.save(template)
    out = docx.Document(io.BytesIO(render_docx(template, {"chart": Picture(png(200, 100), 80)}, {})))
    [shape] = out.inline_shapes
    assert round(shape.width.mm) == 80 and round(shape.height.mm) == 40
    assert out.paragraphs[0].text == "Диаграмма:"


@pytest.mark.parametrize("data,width", [(b"GIF89a....", 50), (png(2, 2), 1), (png(2, 2), 500)])
def test_picture_refuses_unknown_formats_and_absurd_widths(data, width):
    with pytest.raises(ValueError):
        Picture(data, width)
