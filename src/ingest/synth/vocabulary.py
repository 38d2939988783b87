"""The words synthetic pages are made of: names, table values, prose, fixed phrases.

Real pages (see FORMAT.md) fix the phrases the parser anchors on; everything else is
free text, drawn here from pools that carry the hard cases (names with dots, colons,
slashes, brackets, ` vs `, unicode; prose that mentions `Unique`, `vs`, `|`, `:`).
"""

from __future__ import annotations

import re

from ingest.page.models import CAPABILITIES_ROW as CAPABILITIES_ROW
from ingest.page.models import COMPONENTS as COMPONENTS
from ingest.page.models import PRICING_ROW as PRICING_ROW
from ingest.page.models import RANK_ROW as RANK_ROW

TYPES = (
    "Model",
    "MCP Server",
    "Extension",
    "Product",
    "Repository",
    "Dataset",
    "Agent",
    "API",
    "Benchmark",
    "Web App",
    "CLI Tool",
    "Framework",
)
PRICING = ("Free", "Paid", "Freemium")
FREE = "Free"
TYPE_ROW = "Type"
TIMES_MATCHED_ROW = "Times Matched"

SUMMARY_TAIL = "Capability-level comparison backed by match graph evidence from real search data."
TRAILER = ("Need something different?", "Search the match graph →")

REAL_NAMES = (
    "rorshark-vit-base",
    "FLUX.1 Pro",
    "Stable Diffusion",
    "vit-base-patch16-224",
    "mobilevit-small",
    "vit-gpt2-image-captioning",
    "Perplexity",
    "Perplexity AI",
    "VS Code vs Cursor",
    "Cursor",
    "@modelcontextprotocol/server-filesystem",
    "GPT-4o (2024-08-06)",
    "Claude 3.5 Sonnet",
    "deepseek-ai/DeepSeek-R1",
    "mcp-server: git",
    "Gemini 1.5 Pro – Flash",
    "![Badge] tool",
    "Café Agent",
    "通义千问 Qwen2.5",
    "Ωmega: v2.0",
    "[beta] Tool+",
    "Acme, Inc.",
    "A1",
    "x",
)
"""Names as they appear on real pages, hard cases included."""

NAME_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    ".:/[]()+-_@,!'&#~*?=<>^%${};`\"\\"
    "éüßñøÅçÆłŠ中文字日本語한국어ΩλЖжąę€™°·–—’“”…🚀✨🤖\u00a0"
)
"""Characters of a name word: wide, but no `|` (the table's cell separator), no line
breaks and no blanks (words are joined by single spaces)."""

PROSE_ALPHABET = NAME_ALPHABET + "|"

NAME_SUFFIXES = ("AI", "Pro", "2", "vs Next", "(beta)", "v1.5", ": Lite", "/core", "Plus+")
"""Appended to a name to make a second name that the first is a prefix of."""

SENTENCES = (
    "Generates photorealistic images from natural language prompts using a 12B-parameter flow"
    " matching architecture, with configurable resolution and 1-4 inference steps.",
    "Classifies images with a Vision Transformer fine-tuned from ViT-base-patch16-224-in21k,"
    " dividing each input into 16×16 patches embedded linearly before 12 encoder layers.",
    "Processes patch embeddings through 12 stacked encoder blocks, each with 12 attention heads"
    " of 64 dimensions, layer normalization and a 3072-dimensional feed-forward network.",
    "Supports end-to-end fine-tuning through the Hugging Face Trainer API, which handles"
    " gradient accumulation, learning rate schedules and checkpoints for ImageFolder data.",
    "Exposes a REST API with request validation, batching and automatic scaling of endpoints,"
    " so the same client code runs locally or on managed cloud infrastructure.",
    "Reduces model size through int8 and int4 quantization and ONNX export, keeping about 95%"
    " of the caption quality while cutting CPU latency by a factor of two to three.",
    "Its Unique: label sits inside the line here, so the sentence stays prose even though it"
    " mentions the word that starts the line under a capability.",
    "Compares well vs alternatives: faster (100-200ms vs 500ms+) on a single GPU, and lighter"
    " than ensemble methods that need several forward passes per request.",
    "Handles tables like | a | b | inside a description without starting a row, because a row"
    " only starts where a line starts with a pipe.",
    "Reads config files (key: value) and resolves paths like ./data/*.json or C:\\tmp, with"
    " environment variables expanded before the paths are opened.",
    "Works with @scope/name packages, [CLS] tokens and 224×224 inputs, and keeps the original"
    " names of the files it was given in every error it reports.",
    "Ranks higher at nothing in particular: this is prose under a capability, not a score claim,"
    " and the parser reads claims only in the summary and the verdict.",
    "Lists Capabilities and a Verdict section in its own documentation, which a page may quote"
    " inside a description line without ending the section.",
    "Costs $1.25/1M tokens, or $5.00e-7 per prompt token, on the paid tier; the free tier is"
    " rate limited and runs at a lower priority than paid requests.",
    "Handles unicode names such as Café, 通义千问 and Ωmega without normalising them, and keeps"
    " the byte order of right-to-left text as it was written.",
    "Streams partial results so that clients can render tokens as they arrive, with early"
    " stopping on an end-of-sequence token and a configurable maximum length.",
    "Caches compiled grammars on disk, so that a worker process starts in milliseconds and never"
    " needs a parser object sent to it from the parent process.",
    "Integrates with VS Code vs Cursor style editors through a language-server bridge that"
    " forwards completions, diagnostics and code actions.",
)
"""Description sentences; each ends with a full stop."""

UNIQUE_TEXTS = (
    "Uses flow matching instead of diffusion, so fewer inference steps reach the same quality;"
    " the 12B model leads on typography and anatomy compared to earlier open models.",
    "Combines a frozen encoder with a trained bridge: less training data for comparable"
    " captions on COCO and Flickr30k, at the cost of flexibility across tasks.",
    "Ships as SafeTensors | zero-copy loading on inference servers, and the weights load in"
    " PyTorch, TensorFlow or JAX with automatic framework detection.",
    "The only option here with an open-weight licence that permits commercial use, so it can be"
    " fine-tuned and embedded in a closed-source product without an API.",
    "",
)
VS_TEXTS = (
    "Outperforms ResNet-50 and EfficientNet-B4 on transfer benchmarks with fewer parameters"
    " (86M vs 25M-388M), and fine-tunes three to five times faster than CLIP-based classifiers.",
    "Lighter than BLIP or LLaVA for real-time captioning, though less flexible than"
    " instruction-tuned vision-language models when the task varies.",
    "Unique: cheaper than the hosted alternatives, at the cost of setup time and of the"
    " monitoring a self-hosted service needs.",
    "More permissive than most open-weight models; slower than the distilled ones, which trade"
    " quality for a single inference step.",
    "",
)
CAPABILITY_TITLES = (
    "Image classification",
    "Text-to-image generation",
    "Fine-tuning with the Trainer API",
    "Batch inference",
    "vs-style comparison mode",
    "Unique token handling",
)
"""Short capability titles: no final punctuation, at most 80 characters."""

CLOSING_SENTENCES = (
    "Both are worth a try for most workloads.",
    "Pick by budget and deployment target.",
    "Neither needs a GPU for evaluation.",
)
"""Verdict sentences that carry no claim."""

UNKNOWN_DIMENSIONS = ("speed", "documentation", "latency")
"""Lead dimensions that name no table row."""

EXTRA_ROW_NAMES = ("Starting Price", "Context Window", "License", "GitHub Stars", "Last Updated")

FIXED_PHRASES = (
    " ranks higher at ",
    " scores higher at ",
    " leads on ",
    " is stronger on ",
    " also has a free tier",
    ", while ",
)
"""The phrases sentences are anchored on: no free text may contain them."""

_LINE_STARTS = re.compile(r"Unique:|vs alternatives:|\+\d+ more capabilit|\|")
_QUOTED_SCORE = re.compile(r" at \d+/100\.")


def is_body_line(text: str) -> bool:
    """True if ``text`` can be a line of a capability without being read as another
    part: one line, no leading or trailing blank, and not a `Unique:`, `vs
    alternatives:`, `+k more`, table, `Verdict` or `<name> Capabilities` line."""
    if not text or text != text.strip() or "\n" in text or "\r" in text:
        return False
    return not (_LINE_STARTS.match(text) or text == "Verdict" or text.endswith(" Capabilities"))


def is_name(text: str) -> bool:
    """True if ``text`` can be a subject name: a body line without `|`, without the
    phrases claims are anchored on and without a quoted score (` at 3/100.`)."""
    if not is_body_line(text) or "|" in text or text == "—":
        return False
    padded = f" {text} "
    if any(phrase in padded for phrase in FIXED_PHRASES):
        return False
    return _QUOTED_SCORE.search(padded) is None
