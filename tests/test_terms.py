from __future__ import annotations

import json

from cxvocab.paths import builtin_content_dir
from cxvocab.schema import json_schema


def test_schema_json_is_current():
    """content/schema.json is generated from terms.py; regenerate with
    ``python -c "from cxvocab.schema import json_schema; print(json_schema(), end='')" > content/schema.json``."""
    on_disk = (builtin_content_dir() / "schema.json").read_text(encoding="utf-8")
    assert on_disk == json_schema()


def test_schema_describes_the_term_file():
    schema = json.loads(json_schema())
    term = schema["$defs"]["Term"]
    assert {"id", "term", "fa", "pos", "ipa", "definition", "examples", "usage"} <= set(term["required"])
    assert term["additionalProperties"] is False
