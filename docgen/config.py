"""The user's settings file, so that a school sets its own templates folder once.

``docgen.yaml`` in the current folder (or the file named by ``DOCGEN_CONFIG``); paths in it are
relative to the file. Command-line options and environment variables take precedence.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

CONFIG_ENV = "DOCGEN_CONFIG"
CONFIG_NAME = "docgen.yaml"


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    templates: Path | None = Field(default=None, title="папка собственных шаблонов")


@dataclass(frozen=True)
class Config:
    templates: Path | None = None


def load_config() -> Config:
    from .loading import read_mapping, validate

    path = Path(os.environ[CONFIG_ENV]) if os.environ.get(CONFIG_ENV) else Path.cwd() / CONFIG_NAME
    if not path.is_file():
        return Config()
    settings = validate(Settings, read_mapping(path), file=path)
    templates = (path.parent / settings.templates) if settings.templates else None
    return Config(templates=templates)
