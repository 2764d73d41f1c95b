"""Two processes changing statuses at once lose nothing: every change lands in the history."""
from __future__ import annotations

import multiprocessing

from helpers import SAMPLES

PROFILE = SAMPLES / "tayandinskaya" / "organization.yaml"
CHANGES = 30


def _worker(url: str, act_id: str) -> None:
    from docgen.registry.catalogue import builtin_files, load_catalogue
    from docgen.registry.service import change_status, load_org
    from docgen.registry.store import Store

    store = Store(url)
    catalogue = load_catalogue(builtin_files())
    org = load_org(PROFILE)
    for i in range(CHANGES):
        status = "drafting" if i % 2 == 0 else "discussion"
        change_status(store, catalogue, org, act_id, status, note=f"изменение {i + 1}", who=f"процесс {act_id}")
    store.close()


def test_two_processes_lose_no_change(tmp_path):
    from docgen.registry.service import load_org
    from docgen.registry.store import Store

    url = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_worker, args=(url, act)) for act in ("vsoko-regulation", "self-evaluation")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    store = Store(url)
    org = load_org(PROFILE)
    history = store.history(org)
    assert len(history) == 2 * CHANGES
    for act in ("vsoko-regulation", "self-evaluation"):
        mine = [h for h in history if h.act_id == act]
        assert [h.note for h in mine] == [f"изменение {i + 1}" for i in range(CHANGES)]
        # each change saw the previous one: the chain of statuses is unbroken
        assert all(a.to_status == b.from_status for a, b in zip(mine, mine[1:]))
    statuses = store.statuses(org)
    assert statuses["vsoko-regulation"].status == statuses["self-evaluation"].status == "discussion"
    store.close()
