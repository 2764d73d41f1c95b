"""A registration number never parts at its hyphen: «№ 131-од» is written with a no-break hyphen
(U+2011) in the document, whether the number comes through the «number_sign» filter or as text a
template or the data holds; the fonts docgen sets (Liberation Serif for Times New Roman) have it."""
from __future__ import annotations

import docx

from docgen.russian.typography import number_sign, typeset
from helpers import NB_HYPHEN, NBSP, SAMPLES, generate


def test_number_sign_and_typeset_keep_the_number_whole():
    assert number_sign("131-од") == f"№{NBSP}131{NB_HYPHEN}од"
    assert typeset("приказ от 31.08.2022 № 87-од, срок") == f"приказ от 31.08.2022 №{NBSP}87{NB_HYPHEN}од, срок"
    assert typeset("№ п/п") == "№ п/п"
    assert typeset("школа-интернат") == "школа-интернат"  # a hyphen outside a number may break


def test_the_acquaintance_sheet_title_holds_a_no_break_hyphen(tmp_path):
    made = generate("acquaintance-sheet", SAMPLES / "tayandinskaya" / "acquaintance-sheet.yaml", tmp_path / "out")
    assert made.result.exit_code == 0, made.result.output
    raw = "\n".join(p.text for p in docx.Document(str(made.document)).paragraphs)
    assert f"{NB_HYPHEN}од" in raw and "-од" not in raw
