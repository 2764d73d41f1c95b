"""Long documents: an order whose working group has hundreds of members costs in proportion to them.

What made the cost grow faster than the list, and the rule that now holds (issue 13; the figures
are in benchmarks/, never timed here):
- the people of an order are the profile's own objects, named again by its members, tasks and
  acquaintance list: the context's cleaning and typesetting walks each of them once;
- document.xml is parsed once per document: the tree the fast path reads the tables from is the
  verification of the bytes written (docgen.verify.parse_part), which verify_docx then skips —
  and a part with a DOCTYPE is never vouched for;
- the declension memo is bounded however many different people a worker's documents name;
- a template reads a model's fields without the sandbox's per-access checks, which would pass
  them unchanged — everything else still goes through the sandbox.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from pydantic import BaseModel, ConfigDict

from docgen import rendering, verify
from docgen.errors import TemplateError
from docgen.models import Organization, Person
from helpers import NBSP, ORDER_SAMPLE, TAYANDY_PROFILE, generate, read_yaml, rows_of, write_yaml

SYLLABLES = ["ба", "ве", "га", "ду", "же", "зо", "ки", "ло", "ми", "но", "пу", "ро", "са", "ту", "фе", "хо"]


def surname(n: int) -> str:
    """A distinct surname per number: «Иванова-Бавега»."""
    out = ""
    while True:
        out += SYLLABLES[n % 16]
        n //= 16
        if not n:
            return f"Иванова-{out.capitalize()}"


def long_order(folder: Path, members: int) -> Path:
    """A profile with ``members`` staff (positions that typesetting changes) and an order naming
    all of them; the first member is also the tasks' and the publication's responsible."""
    folder.mkdir(parents=True, exist_ok=True)
    profile = read_yaml(TAYANDY_PROFILE)
    profile["staff"] = [{"id": f"p{n}", "full_name": f"{surname(n)} Елена Петровна", "gender": "ж",
                         "position": f"учитель кабинета № {n}"} for n in range(members)]
    profile["procedures"] = [{k: v for k, v in p.items() if k != "responsible"} for p in profile.get("procedures", [])]
    write_yaml(folder / "organization.yaml", profile)
    order = read_yaml(ORDER_SAMPLE)
    order["members"] = [{"person": f"p{n}", "role": "руководитель" if n == 0 else "член рабочей группы"}
                        for n in range(members)]
    order["tasks"] = [{**task, "responsible": "p0"} for task in order["tasks"]]
    order["publish_responsible"] = "p0"
    order["executor"] = {**order["executor"], "person": "p0"}
    order.pop("control", None)
    return write_yaml(folder / "working-group-order.yaml", order)


def test_a_long_order_names_every_member_typeset_in_both_lists(tmp_path):
    members = 300
    made = generate("working-group-order", long_order(tmp_path / "data", members), tmp_path / "out", "--new-number")
    document = docx.Document(str(made.document))
    composition, acquainted = (rows_of(t) for t in document.tables[-2:])
    assert len(composition) == members + 1 and len(acquainted) == members + 1  # and the header rows
    assert composition[1][1:3] == ["Иванова-Ба Елена Петровна", f"Учитель кабинета №{NBSP}0"]
    assert composition[-1][1:3] == [f"{surname(members - 1)} Елена Петровна", f"Учитель кабинета №{NBSP}{members - 1}"]
    assert acquainted[1][1:3] == [f"Иванова-Ба{NBSP}Е.П.", f"Учитель кабинета №{NBSP}0"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Учителю кабинета №{NBSP}0 Ивановой-Бе{NBSP}Е.П. разместить настоящий приказ" in text


def test_people_named_in_several_places_are_cleaned_once():
    """The context holds the profile's people again in the members and the acquaintance list: each
    person is typeset once and the one clean copy stands in every place."""
    staff = [Person(full_name=f"{surname(n)} Елена Петровна", gender="ж", position=f"учитель кабинета № {n}")
             for n in range(50)]
    profile = read_yaml(TAYANDY_PROFILE)
    procedures = [{k: v for k, v in p.items() if k != "responsible"} for p in profile.get("procedures", [])]
    org = Organization.model_validate({**profile, "staff": staff, "procedures": procedures})
    clean = rendering.sanitize({"organization": org, "members": [{"person": p} for p in org.staff],
                                "acquainted": list(org.staff), "head": org.staff[0]})
    assert clean["acquainted"][7].position == f"учитель кабинета №{NBSP}7"
    assert clean["members"][7]["person"] is clean["acquainted"][7] is clean["organization"].staff[7]
    assert clean["head"] is clean["acquainted"][0] is not org.staff[0]


def _docx_with(document: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(document)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, data if info.filename == name else src.read(info))
    return out.getvalue()


def test_the_body_is_parsed_once_and_a_doctype_is_never_vouched_for(tmp_path, monkeypatch):
    made = generate("working-group-order", ORDER_SAMPLE, tmp_path / "out")
    written = made.document.read_bytes()
    body = zipfile.ZipFile(made.document).read("word/document.xml")
    parsed = []
    problem = verify.part_problem
    monkeypatch.setattr(verify, "part_problem", lambda data: parsed.append(data) or problem(data))

    changed = body.replace(b"</w:body>", b"<w:p><w:r><w:t>one more</w:t></w:r></w:p></w:body>")
    verify.parse_part("word/document.xml", changed)  # as the fast path does for the part it writes
    verify.verify_docx(_docx_with(written, "word/document.xml", changed), "шаблон.docx")
    assert changed not in parsed

    doctype = body.replace(b"?>", b'?><!DOCTYPE d [<!ENTITY e "x">]>', 1)
    assert verify.parse_part("word/document.xml", doctype) is not None
    with pytest.raises(TemplateError, match=r"основной текст \(word/document.xml\) содержит объявление DOCTYPE"):
        verify.verify_docx(_docx_with(written, "word/document.xml", doctype), "шаблон.docx")


def test_the_declension_memo_stays_bounded():
    from docgen.russian import jinja_filters

    env = rendering.make_environment(jinja_filters())
    template = env.from_string("{{ name|fio('datv', gender='ж') }}")
    rendering._remembered.cache_clear()
    for n in range(rendering.FILTER_MEMO_SIZE + 200):
        assert template.render(name=f"{surname(n)} Елена Петровна").endswith("Елене Петровне")
    info = rendering._remembered.cache_info()
    assert info.currsize == info.maxsize == rendering.FILTER_MEMO_SIZE


def test_the_text_memo_stays_bounded():
    rendering._clean_text.cache_clear()
    texts = [f"учитель кабинета № {n}" for n in range(rendering.TEXT_MEMO_SIZE + 200)]
    assert rendering.sanitize(texts)[-1] == f"учитель кабинета №{NBSP}{len(texts) - 1}"
    info = rendering._clean_text.cache_info()
    assert info.currsize == info.maxsize == rendering.TEXT_MEMO_SIZE


class Holder(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    name: str
    function: object
    format: object


@pytest.mark.parametrize(("expression", "refused"), [
    ("m.name", False), ("m.name.upper()", False), ("m.model_dump()['name']", False), ("m.format(1)", True),
    ("m.function.__globals__", True), ("m.function.__code__", True), ("m.__class__", True), ("m.__dict__", True),
    ("m.missing", True), ("loop.index ~ loop.revindex ~ loop.first ~ loop.length", False),
    ("loop.cycle('а', 'б')", False), ("loop.__class__", True), ("loop._iterator", True),
])
def test_model_fields_and_loop_counters_keep_the_sandbox_rules(expression, refused):
    """Whatever a template reads from a model or a loop, docgen's environment answers as Jinja's sandbox does."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    holder = Holder(name="Таяндинская СОШ", function=test_model_fields_and_loop_counters_keep_the_sandbox_rules,
                    format="{0.__class__.__mro__}".format)

    def outcome(env):
        try:
            return env.from_string("{% for x in [1, 2] %}{{ " + expression + " }};{% endfor %}").render(m=holder)
        except Exception as exc:  # noqa: BLE001 — the kind of refusal is what is compared
            return type(exc)

    ours = outcome(rendering.make_environment({}))
    assert ours == outcome(SandboxedEnvironment(autoescape=True, undefined=StrictUndefined))
    assert isinstance(ours, type) is refused


def test_the_phase_benchmark_runs():
    """benchmarks/bench_long_order.py prints every phase for both sizes (its figures mean nothing here)."""
    import os
    import subprocess
    import sys

    from helpers import CHECKOUT

    done = subprocess.run([sys.executable, str(CHECKOUT / "benchmarks" / "bench_long_order.py"), "--members", "3", "6",
                           "--runs", "1"], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(CHECKOUT)})
    assert done.returncode == 0, done.stderr
    for phase in ("load: YAML + cleaning", "cleaning + typesetting", "of which filters", "body: parse + tables",
                  "LOAD + RENDER"):
        assert [line for line in done.stdout.splitlines() if phase in line and line.split()[-1][0].isdigit()], done.stdout
