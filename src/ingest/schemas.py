"""The Arrow schema of every output table, in one place.

One explicit ``pa.schema`` per table, snake_case columns, never inferred, so
that a Parquet file written today reads the same way in pandas, DuckDB and
Polars tomorrow. Each column carries a one-line ``description`` in its field
metadata (the README documents the same columns for people).
"""

from __future__ import annotations

import pyarrow as pa

from ingest.models import SCHEMA_VERSION

SCHEMA_VERSION_KEY = b"ingest.schema_version"
INGEST_VERSION_KEY = b"ingest.version"
TABLE_KEY = b"ingest.table"

STATUSES = ("ok", "partial", "failed")
"""`ok`: parsed and complete; `partial`: parsed, cut off before its verdict;
`failed`: could not be read or parsed (see the errors table)."""

CLAIM_KINDS = ("winner", "lead", "free_tier")


def _field(name: str, kind: pa.DataType, description: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, kind, nullable=nullable, metadata={b"description": description})


PAGES = pa.schema(
    [
        _field("page_id", pa.string(), "sha256 (hex) of the file's bytes; null if unreadable"),
        _field("source_path", pa.string(), "the input file, as found", nullable=False),
        _field("status", pa.string(), "ok | partial | failed", nullable=False),
        _field("title", pa.string(), "the title line, '<A> vs <B>'"),
        _field("subject_a", pa.string(), "first subject, as named by the table header"),
        _field("subject_b", pa.string(), "second subject, as named by the table header"),
        _field("type_a", pa.string(), "the Type row's cell for subject a"),
        _field("type_b", pa.string(), "the Type row's cell for subject b"),
        _field("rank_a", pa.float64(), "UnfragileRank of subject a, 0-100"),
        _field("rank_b", pa.float64(), "UnfragileRank of subject b, 0-100"),
        _field("pricing_a", pa.string(), "the Pricing row's cell for subject a"),
        _field("pricing_b", pa.string(), "the Pricing row's cell for subject b"),
        _field("declared_a", pa.int32(), "n of the table's 'n decomposed' for subject a"),
        _field("declared_b", pa.int32(), "n of the table's 'n decomposed' for subject b"),
        _field("listed_a", pa.int32(), "capabilities listed in subject a's section(s)"),
        _field("listed_b", pa.int32(), "capabilities listed in subject b's section(s)"),
        _field("more_a", pa.int32(), "k of '+k more capabilities' after subject a's section"),
        _field("more_b", pa.int32(), "k of '+k more capabilities' after subject b's section"),
        _field("summary_winner", pa.string(), "the winner the summary line names"),
        _field("verdict_winner", pa.string(), "the winner the verdict names"),
        _field("complete", pa.bool_(), "false when the page stops before its verdict"),
        _field("rank_line", pa.int32(), "source line of the UnfragileRank row"),
        _field("pricing_line", pa.int32(), "source line of the Pricing row"),
        _field("capabilities_line", pa.int32(), "source line of the Capabilities row"),
        _field("n_findings", pa.int32(), "findings about this page", nullable=False),
        _field("schema_version", pa.string(), "version of these table schemas", nullable=False),
        _field("ingest_version", pa.string(), "version of ingest that wrote the row", False),
    ]
)

FEATURES = pa.schema(
    [
        _field("page_id", pa.string(), "the page (see pages.page_id)", nullable=False),
        _field("source_path", pa.string(), "the input file (see pages.source_path)"),
        _field("subject", pa.string(), "the subject the cell belongs to", nullable=False),
        _field("side", pa.string(), "a | b: the subject's table column", nullable=False),
        _field("feature", pa.string(), "the row's feature name, as written", nullable=False),
        _field("raw", pa.string(), "the cell as displayed; null where the page shows '—'"),
        _field("value", pa.float64(), "the number in the cell (42/100 -> 42), else null"),
        _field("line", pa.int32(), "source line of the row", nullable=False),
    ]
)

CAPABILITIES = pa.schema(
    [
        _field("page_id", pa.string(), "the page (see pages.page_id)", nullable=False),
        _field("source_path", pa.string(), "the input file (see pages.source_path)"),
        _field("subject", pa.string(), "the subject of the section"),
        _field("side", pa.string(), "a | b; null if the heading names neither subject"),
        _field("ordinal", pa.int32(), "1-based position within the section", nullable=False),
        _field("title", pa.string(), "the short title line above the description, if any"),
        _field("description", pa.string(), "the description paragraph", nullable=False),
        _field("unique", pa.string(), "the text after 'Unique:'"),
        _field("vs_alternatives", pa.string(), "the text after 'vs alternatives:'"),
        _field("line", pa.int32(), "source line of the description", nullable=False),
    ]
)

CLAIMS = pa.schema(
    [
        _field("page_id", pa.string(), "the page (see pages.page_id)", nullable=False),
        _field("source_path", pa.string(), "the input file (see pages.source_path)"),
        _field("sentence", pa.string(), "summary | verdict: where the claim is made", False),
        _field("kind", pa.string(), "winner | lead | free_tier", nullable=False),
        _field("subject", pa.string(), "the subject the claim is about, as written"),
        _field("side", pa.string(), "a | b: the subject it resolves to; null if neither"),
        _field("feature", pa.string(), "lead claims: the feature the subject leads on"),
        _field("phrase", pa.string(), "lead claims: 'leads on' or 'is stronger on'"),
        _field("quoted_score", pa.int32(), "winner claims: the winner's score as quoted"),
        _field("loser", pa.string(), "winner claims: the other subject, as written"),
        _field("loser_score", pa.int32(), "winner claims: the other subject's quoted score"),
        _field("line", pa.int32(), "source line of the claim", nullable=False),
        _field("column", pa.int32(), "1-based column where the claim starts", nullable=False),
    ]
)

ERRORS = pa.schema(
    [
        _field("page_id", pa.string(), "sha256 of the file's bytes; null if unreadable"),
        _field("source_path", pa.string(), "the input file", nullable=False),
        _field("line", pa.int32(), "1-based line of the problem", nullable=False),
        _field("column", pa.int32(), "1-based column of the problem", nullable=False),
        _field("message", pa.string(), "what is wrong", nullable=False),
        _field("expected", pa.string(), "what was expected there; null if nothing specific"),
        _field("text", pa.string(), "the offending line; null if none"),
    ]
)

FINDINGS = pa.schema(
    [
        _field("code", pa.string(), "rule code, e.g. IG202", nullable=False),
        _field("name", pa.string(), "rule name, e.g. lead-on-tie", nullable=False),
        _field("severity", pa.string(), "error | warning", nullable=False),
        _field("path", pa.string(), "the input file", nullable=False),
        _field("line", pa.int32(), "1-based line", nullable=False),
        _field("column", pa.int32(), "1-based column", nullable=False),
        _field("message", pa.string(), "what the finding says", nullable=False),
        _field("page_id", pa.string(), "the page, when known"),
        _field("subject", pa.string(), "the subject the finding is about, if any"),
        _field("feature", pa.string(), "the feature the finding is about, if any"),
    ]
)

SCHEMAS: dict[str, pa.Schema] = {
    "pages": PAGES,
    "features": FEATURES,
    "capabilities": CAPABILITIES,
    "claims": CLAIMS,
    "errors": ERRORS,
    "findings": FINDINGS,
}
"""Every output table, by name, in the order they are written and documented."""

TABLES = tuple(SCHEMAS)

FREE_TEXT_COLUMNS = frozenset(
    {"title", "description", "unique", "vs_alternatives", "message", "text"}
)
"""Columns of long or mostly distinct text, where Parquet dictionary encoding only costs time."""


def ingest_version() -> str:
    """The installed ingest's version (read late: the package imports this module)."""
    from ingest import __version__

    return __version__


def file_schema(table: str) -> pa.Schema:
    """The table's schema with the versions and table name in its metadata."""
    return SCHEMAS[table].with_metadata(
        {
            SCHEMA_VERSION_KEY: SCHEMA_VERSION.encode(),
            INGEST_VERSION_KEY: ingest_version().encode(),
            TABLE_KEY: table.encode(),
        }
    )
