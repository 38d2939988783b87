"""Records, the parser's own output, and the models built from them: one page, two forms.

The batch workers and the rules read records; the public functions return
models. Both must have the same fields and hold the same values.
"""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from hypothesis import given

import ingest
from ingest.page import models, records
from ingest.page.findings import Finding
from ingest.parse.api import parse_record
from ingest.rules import ArtifactFacts, check_page
from ingest.testing import pages
from tests.parse.paths import CORPUS_PAGES


@pytest.mark.parametrize("model", list(records.RECORD_OF), ids=lambda m: m.__name__)
def test_each_record_has_the_fields_of_its_model_in_order(model: type[models.BaseModel]) -> None:
    record = records.RECORD_OF[model]
    assert record.__name__ == model.__name__
    assert record._fields == tuple(model.model_fields)  # type: ignore[attr-defined]
    hints = typing.get_type_hints(record)
    for name, field in model.model_fields.items():
        # Same types, with record types where the model nests models.
        shown = str(hints[name]).replace("ingest.page.records.", "ingest.page.models.")
        assert shown == str(field.annotation), name


def test_the_finding_record_has_the_fields_and_types_of_the_finding_model() -> None:
    assert Finding._fields == tuple(models.Finding.model_fields)
    hints = typing.get_type_hints(Finding)
    for name, field in models.Finding.model_fields.items():
        assert hints[name] == field.annotation, name
    record = Finding("IG102", "score-mismatch", "error", "p.txt", 3, 7, "m", "id", "A", None)
    assert record.model_dump(mode="json") == models.Finding.from_record(record).model_dump(
        mode="json"
    )


@pytest.mark.parametrize("path", CORPUS_PAGES, ids=lambda p: p.name[:3])
def test_the_record_and_the_model_of_a_corpus_page_agree(path: Path) -> None:
    record = parse_record(path.read_bytes(), str(path))
    model = ingest.parse_file(path)
    assert records.to_model(record) == model
    assert records.from_model(model) == record
    assert check_page(record) == check_page(model)
    assert ArtifactFacts.from_page(record) == ArtifactFacts.from_page(model)
    assert ingest.to_arrow([record]) == ingest.to_arrow([model])


@given(page=pages())
def test_model_to_record_and_back_is_the_identity(page: ingest.Page) -> None:
    record = records.from_model(page)
    assert isinstance(record, records.Page)
    assert records.to_model(record) == page
    assert records.from_model(record) is record
