"""The Textual user interface. The only package in cxvocab that imports Textual.

Layers, each importing only those below it (import-linter holds this, see ``pyproject.toml``):
:mod:`cxvocab.ui.app` (the app, and :func:`~cxvocab.ui.app.run`, the one place it is built from
real parts), then ``screens/`` (written against :class:`~cxvocab.ui.services.Services`, never the
app class), then ``widgets/``.
"""
