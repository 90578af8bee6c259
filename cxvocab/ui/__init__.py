"""The Textual user interface. The only package in cxvocab that imports Textual."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cxvocab.bootstrap import Context

if TYPE_CHECKING:
    from cxvocab.prep import PrepRequest


def run(context: Context, prep: PrepRequest | None = None) -> None:
    """Build the app from real parts and run it until the learner quits (with ``prep``: a
    meeting-prep drill, then quit)."""
    from cxvocab.rtl import resolve
    from cxvocab.ui.app import CxVocabApp

    settings, warnings = context.settings()
    library = context.library()
    started = context.new_database_notice()  # asked before the store is opened (and made)
    store = context.store()
    try:
        CxVocabApp(
            store,
            library,
            settings,
            context.speaker(settings),
            notices=[*warnings, *([started] if started else [])],
            rtl_mode=resolve(settings.rtl),
            config_file=context.where.config_file,
            calibrate=context.rtl_unchosen(),
            check_command=context.check_command(),
            prep=prep,
        ).run()
    finally:
        store.close()
