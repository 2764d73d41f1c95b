"""`docgen generate` of one order imports what that order needs and no more: the other types'
models and context code (built-in types are given by reference, docgen.doctype.Deferred), Rich
(one printed line), and, once the prepared template is on disk, docxtpl."""
from __future__ import annotations

from helpers import NBSP, generate_and_imports, texts

OTHER_TYPES = ("docgen_plugins.expert_matrix.model", "docgen_plugins.expert_matrix.matrix",
               "docgen_plugins.competition_regulation.model", "docgen_plugins.competition_regulation.context",
               "docgen_plugins.plan_graph.model", "docgen_plugins.regulation_order.model", "docgen.scoring")
OWN_TYPE = ("docgen_plugins.working_group_order.model", "docgen_plugins.working_group_order.context")


def test_generate_imports_only_its_own_type_and_no_rich(tmp_path):
    cache = {"DOCGEN_CACHE": str(tmp_path / "cache")}
    generate_and_imports(tmp_path, tmp_path / "first", env=cache)  # the template is prepared and kept
    document, imported = generate_and_imports(tmp_path, tmp_path / "out", *OTHER_TYPES, *OWN_TYPE, "rich", "docxtpl",
                                              env=cache)
    assert sorted(imported) == sorted(OWN_TYPE)
    assert f"1 сентября 2026{NBSP}г.\t№{NBSP}112-од" in texts(document)
