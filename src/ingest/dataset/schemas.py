"""The Arrow schema of every output table, in one place.

One explicit ``pa.schema`` per table, snake_case columns, never inferred, so
that a Parquet file written today reads the same way in pandas, DuckDB and
Polars tomorrow. Each column carries a one-line ``description`` in its field
metadata (the README documents the same columns for people).
"""

from __future__ import annotations

import pyarrow as pa

from ingest._version import __version__
from ingest.page.format import SCHEMA_VERSION

SCHEMA_VERSION_KEY = b"ingest.schema_version"
INGEST_VERSION_KEY = b"ingest.version"
TABLE_KEY = b"ingest.table"

STATUSES = ("ok", "partial", "failed")
"""`ok`: parsed and complete; `partial`: parsed, cut off before its verdict;
`failed`: could not be read or parsed (see the errors table)."""


def _field(name: str, kind: pa.DataType, description: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, kind, nullable=nullable, metadata={b"description": description})


PAGES = pa.schema(
    [
        _field("page_id", pa.string(), "sha256 (hex) of the file's bytes; null if unreadable"),
        _field("source_path", pa.string(), "the input file, as found", nullable=False),
        _field(
            "file_id",
            pa.string(),
            "primary key: first 16 hex digits of sha256(source_path), one per input file",
            nullable=False,
        ),
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
        _field("summary_text", pa.string(), "the summary line, as written"),
        _field("verdict_text", pa.string(), "the verdict paragraph, as written"),
        _field(
            "verdict_unparsed",
            pa.list_(pa.string()),
            "the verdict's sentences that make no claim the parser reads",
        ),
        _field("starting_price_a", pa.string(), "the Starting Price row's cell for subject a"),
        _field("starting_price_b", pa.string(), "the Starting Price row's cell for subject b"),
        _field(
            "as_of",
            pa.date32(),
            "the crawl's date (ingest parse --as-of) of the run that parsed it",
        ),
    ]
)

SUBJECTS = pa.schema(
    [
        _field("page_id", pa.string(), "the page (see pages.page_id)"),
        _field("source_path", pa.string(), "the input file (see pages.source_path)", False),
        _field("file_id", pa.string(), "foreign key to pages.file_id", nullable=False),
        _field("side", pa.string(), "a | b; primary key: (file_id, side)", nullable=False),
        _field("subject", pa.string(), "the subject, as the table header names it", False),
        _field(
            "artifact_key",
            pa.string(),
            "name-type key: the name without case and with single blanks, '|', the Type",
            nullable=False,
        ),
        _field("slug", pa.string(), "the side's half of a file name '<a>-vs-<b>.txt'"),
        _field("type", pa.string(), "the Type row's cell"),
        _field("rank", pa.float64(), "the UnfragileRank"),
        _field("pricing", pa.string(), "the Pricing row's cell"),
        _field("starting_price", pa.string(), "the Starting Price row's cell, as displayed"),
        _field("starting_price_usd_per_token", pa.float64(), "the Starting Price per token"),
        _field("declared", pa.int32(), "n of the table's 'n decomposed'"),
        _field("listed", pa.int32(), "capabilities listed in the subject's section(s)"),
        _field("more", pa.int32(), "k of '+k more capabilities' after its section"),
        _field("is_summary_winner", pa.bool_(), "the summary names it the winner", False),
        _field("is_verdict_winner", pa.bool_(), "the verdict names it the winner", False),
        _field("n_findings", pa.int32(), "page findings about this subject", nullable=False),
    ]
)

FEATURES = pa.schema(
    [
        _field("page_id", pa.string(), "the page (see pages.page_id)", nullable=False),
        _field("source_path", pa.string(), "the input file (see pages.source_path)"),
        _field("file_id", pa.string(), "key of the input file (see pages.file_id)"),
        _field("subject", pa.string(), "the subject the cell belongs to", nullable=False),
        _field("side", pa.string(), "a | b: the subject's table column", nullable=False),
        _field("feature", pa.string(), "the row's feature name, as written", nullable=False),
        _field("raw", pa.string(), "the cell as displayed; null where the page shows '—'"),
        _field(
            "kind",
            pa.string(),
            "score | count | integer | decimal | suffixed | money | "
            "date | label | missing | unclear",
            nullable=False,
        ),
        _field(
            "value",
            pa.float64(),
            "the number the cell's kind holds (42/100 -> 42, 82.4k -> 82400), else null",
        ),
        _field(
            "unit",
            pa.string(),
            "/100, the unit word, %, or the price's unit (USD per 1M tokens); else null",
        ),
        _field("usd_per_token", pa.float64(), "money per token(s): the price of one token in USD"),
        _field("date", pa.date32(), "date cells (ISO 2026-09-01): the date; else null"),
        _field("line", pa.int32(), "source line of the row", nullable=False),
    ]
)

CAPABILITIES = pa.schema(
    [
        _field("page_id", pa.string(), "the page (see pages.page_id)", nullable=False),
        _field("source_path", pa.string(), "the input file (see pages.source_path)"),
        _field("file_id", pa.string(), "key of the input file (see pages.file_id)"),
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
        _field("file_id", pa.string(), "key of the input file (see pages.file_id)"),
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
        _field("file_id", pa.string(), "key of the input file (see pages.file_id)"),
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
        _field("source_path", pa.string(), "the input file (see pages.source_path)", False),
        _field("file_id", pa.string(), "key of the input file (see pages.file_id)"),
        _field("line", pa.int32(), "1-based line", nullable=False),
        _field("column", pa.int32(), "1-based column", nullable=False),
        _field("message", pa.string(), "what the finding says", nullable=False),
        _field("page_id", pa.string(), "the page, when known"),
        _field("subject", pa.string(), "the subject the finding is about, if any"),
        _field("feature", pa.string(), "the feature the finding is about, if any"),
    ]
)

ARTIFACTS = pa.schema(
    [
        _field(
            "artifact_key",
            pa.string(),
            "primary key: subjects.artifact_key (name-type) or subjects.slug (filename-slug)",
            nullable=False,
        ),
        _field("names", pa.list_(pa.string()), "the display names seen", nullable=False),
        _field("types", pa.list_(pa.string()), "the Types seen", nullable=False),
        _field("ranks", pa.list_(pa.float64()), "the UnfragileRanks seen", nullable=False),
        _field("pricings", pa.list_(pa.string()), "the Pricing cells seen", nullable=False),
        _field("n_pages", pa.int32(), "page sides showing the artifact", nullable=False),
        _field("rank_min", pa.float64(), "the smallest UnfragileRank seen"),
        _field("rank_max", pa.float64(), "the largest UnfragileRank seen"),
        _field(
            "declared_counts", pa.list_(pa.int32()), "the capability counts seen", nullable=False
        ),
        _field("rank_differs", pa.bool_(), "two pages show different ranks", nullable=False),
        _field("pricing_differs", pa.bool_(), "two pages show different Pricing", False),
        _field("declared_differs", pa.bool_(), "two pages show different counts", False),
        _field("disagrees", pa.bool_(), "any of the three: the IG501 facts", nullable=False),
        _field("first_page", pa.string(), "the smallest source_path showing it", False),
        _field("last_page", pa.string(), "the largest source_path showing it", False),
    ]
)

CHANGES = pa.schema(
    [
        _field(
            "change_type",
            pa.string(),
            "insert | delete | update_preimage | update_postimage",
            nullable=False,
        ),
        _field("entity", pa.string(), "page | subject | finding", nullable=False),
        _field("page_key", pa.string(), "source path relative to its input folder", False),
        _field("source_path", pa.string(), "the file, in the old run (delete, preimage) or new"),
        _field("side", pa.string(), "subject changes: a | b"),
        _field("subject", pa.string(), "the subject (subject and finding changes)"),
        _field("type", pa.string(), "subject changes: the Type"),
        _field("rank", pa.float64(), "subject changes: the UnfragileRank"),
        _field("pricing", pa.string(), "subject changes: the Pricing cell"),
        _field("declared", pa.int32(), "subject changes: the declared capability count"),
        _field("is_summary_winner", pa.bool_(), "subject changes: named by the summary"),
        _field("is_verdict_winner", pa.bool_(), "subject changes: named by the verdict"),
        _field("code", pa.string(), "finding changes: the rule code"),
        _field("message", pa.string(), "finding changes: the message"),
        _field("changed", pa.list_(pa.string()), "updates: the fields that differ"),
    ]
)
"""The change feed of ``ingest diff`` (not a table of ``ingest parse``)."""

SCHEMAS: dict[str, pa.Schema] = {
    "pages": PAGES,
    "subjects": SUBJECTS,
    "artifacts": ARTIFACTS,
    "features": FEATURES,
    "capabilities": CAPABILITIES,
    "claims": CLAIMS,
    "errors": ERRORS,
    "findings": FINDINGS,
}
"""Every output table, by name, in the order they are written and documented."""

KEYS: dict[str, dict[str, str]] = {
    "pages": {"file_id": "primary key"},
    "subjects": {
        "file_id": "primary key (file_id, side); foreign key pages.file_id",
        "side": "primary key (file_id, side)",
        "artifact_key": "foreign key artifacts.artifact_key (--artifact-key name-type)",
    },
    "artifacts": {"artifact_key": "primary key"},
    **{
        table: {"file_id": "foreign key pages.file_id"}
        for table in ("features", "capabilities", "claims", "errors", "findings")
    },
}
"""The keys of every table, also in each key column's Parquet field metadata (``key``)."""


def _with_keys(schema: pa.Schema, keys: dict[str, str]) -> pa.Schema:
    fields = [
        field.with_metadata({**field.metadata, b"key": keys[field.name].encode()})
        if field.name in keys
        else field
        for field in schema
    ]
    return pa.schema(fields)


SCHEMAS = {name: _with_keys(schema, KEYS[name]) for name, schema in SCHEMAS.items()}

TABLES = tuple(SCHEMAS)

FREE_TEXT_COLUMNS = frozenset(
    {"title", "description", "unique", "vs_alternatives", "message", "text"}
)
"""Columns of long or mostly distinct text, where Parquet dictionary encoding only costs time."""


def ingest_version() -> str:
    """The installed ingest's version."""
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
