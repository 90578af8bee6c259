"""Load and validate term files into a :class:`Library` (DESIGN §4).

Term files are untrusted: YAML is read with a safe loader only, sizes are bounded, and every
problem is reported as ``file:line: id: field: problem`` rather than raised. Validation is per
term, so one broken term (or one broken file) never keeps the good ones from loading.

The package: ``library`` (the Library and its records), ``parse`` (one file), ``cache`` (the
pickled checked terms) and ``load`` (many files to one Library).
"""

from __future__ import annotations

from cxvocab.content.cache import CACHE_FORMAT
from cxvocab.content.library import (
    MAX_FILE_BYTES,
    TERM_FILE_SUFFIXES,
    FieldPath,
    Library,
    Problem,
    TermTable,
    TopicGroup,
)
from cxvocab.content.load import load_library, term_files
from cxvocab.content.parse import LineMap, ParsedFile, field_name, parse_file

__all__ = [
    "CACHE_FORMAT", "MAX_FILE_BYTES", "TERM_FILE_SUFFIXES", "LineMap", "Library", "ParsedFile", "FieldPath", "Problem",
    "TermTable", "TopicGroup", "field_name", "load_library", "parse_file", "term_files",
]
