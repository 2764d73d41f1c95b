"""The registry part of `docgen demo`: the Таяндинская sample's list of acts, loaded into a
throw-away store exactly as a secretary's Excel list would be, and its coverage справка.

A throw-away store keeps the demo repeatable and leaves the user's own registry untouched.
"""
from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..resources import data_dir
from .coverage import Coverage


@dataclass(frozen=True)
class SampleRegistry:
    report: Path
    coverage: Coverage


def sample_registry(engine, out_dir: Path, today: dt.date | None = None) -> SampleRegistry:
    """``engine`` renders the справка (its template found along the engine's search path)."""
    from ..fileio import atomic_write_bytes
    from .catalogue import default_catalogue
    from .coverage import read
    from .excel import import_file
    from .indicators import load_definitions, read_file, record
    from .report import build_report, report_file_name
    from .service import load_org
    from .store import Store, resolve_url

    today = today or dt.date.today()
    folder = data_dir("samples") / "tayandinskaya"
    org = load_org(folder / "organization.yaml")
    catalogue = default_catalogue()
    with tempfile.TemporaryDirectory(prefix="docgen-demo-") as tmp:
        store = Store(resolve_url(str(Path(tmp) / "registry.sqlite")), announce=False)
        try:
            import_file(folder / "acts.csv", store, catalogue, org, who="docgen demo", today=today)
            record(store, org, load_definitions(), read_file(folder / "indicators.yaml"), who="docgen demo")
            coverage = read(store, catalogue, org, today, org.teachers)
        finally:
            store.close()
    path = Path(out_dir) / report_file_name(org.short_name)
    atomic_write_bytes(path, build_report(engine, coverage, org.profile, today))
    return SampleRegistry(path, coverage)
