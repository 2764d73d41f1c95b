"""The Таяндинская sample registry the demo shows: its list of acts imported into a throw-away
store, and the coverage справка, checked against values counted by hand from samples/…/acts.csv."""
from __future__ import annotations

import datetime as dt

import docx

from docgen import Engine
from docgen.registry.demo import sample_registry
from helpers import NBSP


def test_sample_registry_coverage_and_report(tmp_path):
    result = sample_registry(Engine(), tmp_path, dt.date(2026, 11, 23))
    c = result.coverage
    # Required (law or customary) acts for НОО+ООО+СОО: 8. Approved and current: the attestation
    # regulation (2024), the disputes commission (2024), the pedagogical council (2022) and the
    # development programme (2025). Self-evaluation was approved 28.03.2019 with a 5-year review
    # period, so by 23.11.2026 it needs an update: 4 of 8 = 50 %.
    assert (c.required.done, c.required.total, c.required.text) == (4, 8, f"50{NBSP}%")
    assert [s.act.id for s in c.missing] == ["vsoko-regulation", "individual-records", "self-evaluation",
                                             "individual-project"]
    stale = next(s for s in c.missing if s.act.id == "self-evaluation")
    assert stale.status == "needs_update"
    # Drafted: ВСОКО regulation (posted for discussion), individual records, internal control: 1 of 3.
    assert (c.discussion.done, c.discussion.total) == (1, 3)
    assert [p.name for p in tmp_path.iterdir()] == [result.report.name]  # the store was temporary
    doc = docx.Document(str(result.report))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "утверждены и действуют 4\u00a0из\u00a08 обязательных" in text and f"что составляет 50{NBSP}%" in text
    assert f"Положение о порядке проведения самообследования{NBSP}— требует актуализации" in text
    statuses = {r.cells[1].text: r.cells[3].text for r in doc.tables[0].rows[1:]}
    assert statuses["Положение о комиссии по урегулированию споров между участниками образовательных отношений"] == (
        f"утверждено; приказ от 15.02.2024 №{NBSP}12\u2011од")  # «Положение» — neuter
    programme = next(v for k, v in statuses.items() if k.startswith("Программа развития"))
    assert programme.startswith("утверждена; приказ")  # «Программа» — feminine


def test_demo_shows_the_sample_registry(cli, tmp_path):
    out = tmp_path / "out"
    result = cli("demo", "--out", out)
    assert result.exit_code == 0, result.output
    assert (f"Реестр ЛНА образца (МКОУ «Таяндинская СОШ»): утверждено и действует 4 из 8 обязательных актов — "
            f"50{NBSP}%") in result.stdout
    report = out / "Справка о полноте ЛНА ВСОКО — МКОУ «Таяндинская СОШ».docx"
    doc = docx.Document(str(report))
    assert "СПРАВКА" in [p.text for p in doc.paragraphs] and len(doc.inline_shapes) == 2  # statuses, dynamics
