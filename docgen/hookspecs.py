"""The hooks a docgen plugin may implement.

Every ``docgen_register_*`` hook receives a ``register`` callback and calls it once per thing it
offers, so the core can validate each offer, detect name clashes and remember which plugin made
it. The plugin guide (docs/plugins.md) has an example for each hook.
"""
from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("docgen")
hookimpl = pluggy.HookimplMarker("docgen")


@hookspec
def docgen_register_document_types(register):
    """Offer document types: call ``register(DocumentType(...))`` once per type."""


@hookspec
def docgen_register_template_dirs(register):
    """Offer folders of .docx templates: call ``register(path)``; they are searched after the
    user's own folder and before the built-in templates."""


@hookspec
def docgen_register_catalogues(register):
    """Offer catalogue files (YAML) of required local acts: call ``register(path)``."""


@hookspec
def docgen_register_filters(register):
    """Offer Jinja filters for templates: call ``register(name, function)``."""


@hookspec
def docgen_register_data_models(register):
    """Offer the models of data files several documents share: call ``register(DataModel(name,
    model, title))``; any plugin then gets the model by name (``docgen.data_model(name)``)."""


@hookspec
def docgen_adjust_context(context, document_type, data):
    """Adjust the context of every document before rendering (e.g. a district's common header).

    Return a dict of keys to add or replace, or None. ``data`` is the validated input model.
    """
