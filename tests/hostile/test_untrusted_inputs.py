"""Nothing runs that a user did not write; untrusted files, names and text stay inert.

The grammar cache, the Dask cluster, `[tool.ingest]` and `--baseline` files,
page text reaching a terminal or an XML report, file names, numeric options and
symlinks: each hostile case gives one line and the exact exit code, or is
ignored, never a traceback, a hang or code run on our behalf.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pyarrow.parquet as pq
import pytest

import ingest as api
from ingest.lint.formats import CONTROLS
from ingest.parse.reader import printable_path
from tests.hostile.process import GOOD_PAGE, Run, ingest, program, rows

FIFO_TIMEOUT = 20.0
"""Seconds before a run that met a FIFO counts as hung (the good runs take about one)."""


def run_with_env(*args: str, cwd: Path, env: dict[str, str], umask: int | None = None) -> Run:
    """`ingest` with extra environment variables (and a umask); no traceback allowed."""
    done = subprocess.run(
        [*program(), *args],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        timeout=FIFO_TIMEOUT,
        preexec_fn=None if umask is None else lambda: os.umask(umask),
    )
    out, err = (s.decode("utf-8", errors="replace") for s in (done.stdout, done.stderr))
    assert "Traceback" not in out + err, out + err
    return Run(done.returncode, out, err)


# -- the grammar cache: never a pickle from disk ------------------------------------------


class _WritesMarker:
    """Unpickling this runs code: it writes ``marker``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (exec, (f"open({str(self.marker)!r}, 'w').write('ran')",))


CACHE_NAMES = ("comparison.lark.cache", "comparison.lark.cache.cython")
"""The files the grammar cache used to load (pure lark, lark-cython)."""


def _cache_env(tmp_path: Path) -> tuple[dict[str, str], list[Path]]:
    """An environment pointing every cache location at folders under ``tmp_path``."""
    env = {
        "INGEST_CACHE_DIR": str(tmp_path / "ingest-cache"),
        "XDG_CACHE_HOME": str(tmp_path / "xdg"),
        "HOME": str(tmp_path / "home"),
    }
    folders = [
        tmp_path / "ingest-cache",
        tmp_path / "xdg" / "ingest",
        tmp_path / "home/.cache/ingest",
    ]
    for folder in folders:
        folder.mkdir(parents=True)
    return env, folders


@pytest.mark.parametrize("command", [("show", "good.txt"), ("check", "good.txt")])
def test_a_planted_grammar_cache_pickle_does_not_run(
    tmp_path: Path, command: tuple[str, str]
) -> None:
    (tmp_path / "good.txt").write_bytes(GOOD_PAGE.read_bytes())
    marker = tmp_path / "marker"
    # Lark reads a hash line, then unpickles the list of used files before comparing it.
    planted = b"0" * 64 + b"\n" + pickle.dumps(_WritesMarker(marker))
    env, folders = _cache_env(tmp_path)
    for folder in folders:
        for name in CACHE_NAMES:
            (folder / name).write_bytes(planted)
    for cython in ("", "1"):
        run = run_with_env(*command, cwd=tmp_path, env={**env, "INGEST_NO_CYTHON": cython})
        assert run.exit_code == (0 if command[0] == "show" else 1), run.stderr
        assert run.stderr == ""
    assert not marker.exists()


def test_a_fifo_or_dev_zero_as_grammar_cache_is_never_opened(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_bytes(GOOD_PAGE.read_bytes())
    env, folders = _cache_env(tmp_path)
    for folder in folders:
        os.mkfifo(folder / CACHE_NAMES[0])
        (folder / CACHE_NAMES[1]).symlink_to("/dev/zero")
    run = run_with_env("show", "good.txt", cwd=tmp_path, env=env)  # a hang times out
    assert (run.exit_code, run.stderr) == (0, "")
    assert run.stdout.startswith("rorshark-vit-base vs Stable Diffusion  (complete)\n")


def test_no_cache_folder_is_created_even_under_umask_000(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_bytes(GOOD_PAGE.read_bytes())
    env = {"HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": "", "INGEST_CACHE_DIR": ""}
    (tmp_path / "home").mkdir()
    run = run_with_env("show", "good.txt", cwd=tmp_path, env=env, umask=0)
    assert (run.exit_code, run.stderr) == (0, "")
    assert list((tmp_path / "home").iterdir()) == []


# -- the local Dask cluster: mutual TLS -----------------------------------------------------


def test_the_local_dask_cluster_refuses_clients_without_its_certificate() -> None:
    distributed = pytest.importorskip("distributed")
    from distributed.security import Security

    from ingest.batch.engines.dask import dask_engine

    with dask_engine(1) as engine:
        address = engine.client.scheduler.address
        assert address.startswith("tls://127.0.0.1:")
        plain = address.replace("tls://", "tcp://")
        with pytest.raises(OSError):  # distributed's CommClosedError is an OSError
            distributed.Client(plain, timeout="3s")
        with pytest.raises((OSError, TimeoutError)):  # TLS, but another CA's certificate
            distributed.Client(address, security=Security.temporary(), timeout="3s")
        assert engine.client.submit(sum, [1, 2]).result() == 3  # its own client still works


# -- `[tool.ingest]` and `--baseline` files ---------------------------------------------------


def _nested(opening: str, closing: str, depth: int = 100_000) -> str:
    return opening * depth + closing * depth


CONFIGS: dict[str, tuple[bytes, str]] = {
    "wrong-type": (
        b"[tool.ingest]\nselect = 5\n",
        ": [tool.ingest] select: Input should be a valid list",
    ),
    "tool-not-a-table": (b"tool = 5\n", ": [tool] must be a table"),
    "bad-severity": (
        b"[tool.ingest.severity]\nIG203 = 3\n",
        ": [tool.ingest] severity.IG203: Input should be 'error' or 'warning'",
    ),
    "not-utf8": (
        b"[tool.ingest]\n# caf\xff\n",
        ":2:6: cannot read: not UTF-8: byte 0xff (expected UTF-8 text)",
    ),
    "deep-arrays": (
        f"a = {_nested('[', ']')}\n".encode(),
        ": invalid TOML: arrays or tables nested too deeply",
    ),
    "deep-tables": (
        f"a = {_nested('{b = ', '}')}\n".replace("{b = }", "{b = 1}", 1).encode(),
        ": invalid TOML: arrays or tables nested too deeply",
    ),
}


@pytest.mark.parametrize("case", sorted(CONFIGS))
def test_a_hostile_pyproject_is_one_line_and_exit_2(tree: Path, case: str) -> None:
    content, message = CONFIGS[case]
    (tree.parent / "pyproject.toml").write_bytes(content)
    run = ingest("check", "in", cwd=tree.parent)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == f"ingest: error: {tree.parent}/pyproject.toml{message}\n"


def _plant(path: Path, kind: str, huge: int) -> None:
    """A FIFO, a symlink to /dev/zero, a sparse file of ``huge`` bytes, or a folder at ``path``."""
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "huge":
        with open(path, "wb") as handle:
            handle.truncate(huge)
    else:
        path.mkdir()


SPECIAL = {
    "fifo": "not a regular file (expected a regular file)",
    "dev-zero": "not a regular file (expected a regular file)",
    "huge": "file too large: {size} bytes (expected at most {limit} bytes)",
    "folder": "is a directory (expected a regular file)",
}


@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_a_special_or_huge_pyproject_is_refused_unread(tree: Path, kind: str) -> None:
    _plant(tree.parent / "pyproject.toml", kind, 1_000_001)
    run = ingest("check", "in", cwd=tree.parent, timeout=FIFO_TIMEOUT)
    expected = SPECIAL[kind].format(size=1_000_001, limit=1_000_000)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == f"ingest: error: {tree.parent}/pyproject.toml: cannot read: {expected}\n"


BASELINES: dict[str, tuple[bytes, str]] = {
    "wrong-types": (
        b'{"version": "x", "findings": 3}',
        ": not an ingest baseline (version: Input should be a valid integer, "
        "unable to parse string as an integer)",
    ),
    "wrong-entry": (
        b'{"version": 1, "findings": [{"fingerprint": 5}]}',
        ": not an ingest baseline (findings.0.fingerprint: Input should be a valid string)",
    ),
    "infinite-version": (
        b'{"version": 1e400, "findings": []}',
        ": not an ingest baseline (version: Input should be a finite number)",
    ),
    "not-utf8": (
        b'{"version": 1,\n "findings": [], "x": "\xff"}',
        ":2:24: cannot read baseline: not UTF-8: byte 0xff (expected UTF-8 text)",
    ),
    "deep-arrays": (
        b'{"version": 1, "findings": ' + _nested("[", "]").encode() + b"}",
        ": not an ingest baseline (file: Invalid JSON: recursion limit exceeded at line 1 "
        "column 228)",
    ),
}


@pytest.mark.parametrize("case", sorted(BASELINES))
def test_a_hostile_baseline_is_one_line_and_exit_2(tree: Path, case: str) -> None:
    content, message = BASELINES[case]
    (tree.parent / "base.json").write_bytes(content)
    run = ingest("check", "in", "--baseline", "base.json", cwd=tree.parent)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == f"ingest: error: base.json{message}\n"


@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_a_special_or_huge_baseline_is_refused_unread(tree: Path, kind: str) -> None:
    _plant(tree.parent / "base.json", kind, 64_000_001)
    run = ingest("check", "in", "--baseline", "base.json", cwd=tree.parent, timeout=FIFO_TIMEOUT)
    expected = SPECIAL[kind].format(size=64_000_001, limit=64_000_000)
    assert (run.exit_code, run.stdout) == (2, "")
    if kind == "folder":  # click's own check of the option comes first
        assert run.stderr == (
            "ingest: error: ingest check: Invalid value for '--baseline': File 'base.json' is a "
            "directory.\n"
        )
        return
    assert run.stderr == f"ingest: error: base.json: cannot read baseline: {expected}\n"


def test_writing_a_baseline_replaces_a_planted_fifo_or_symlink(tree: Path) -> None:
    os.mkfifo(tree.parent / "fifo.json")
    (tree.parent / "victim").write_text("keep me")
    (tree.parent / "link.json").symlink_to("victim")
    for name in ("fifo.json", "link.json"):
        run = ingest("check", "in", "--write-baseline", name, cwd=tree.parent, timeout=FIFO_TIMEOUT)
        assert (run.exit_code, run.stderr) == (0, f"ingest: wrote 3 findings to {name}\n")
        written = tree.parent / name
        assert not written.is_symlink() and written.is_file()
        assert json.loads(written.read_text())["version"] == 1
    assert (tree.parent / "victim").read_text() == "keep me"


# -- page text in human and XML outputs ---------------------------------------------------------

PRINTABLE_CONTROLS = "".join(chr(c) for c in CONTROLS if chr(c) not in "\0\t\n\r")
"""Every C0 (but NUL, which makes a file binary, and the line breaks and tab), DEL and C1."""


def _raw_controls(text: str, allowed: str = "\n") -> list[str]:
    return sorted({c for c in text if ord(c) in CONTROLS and c not in allowed})


def _strings(document: object) -> list[str]:
    """Every string inside a JSON document."""
    if isinstance(document, str):
        return [document]
    if isinstance(document, dict):
        document = list(document.values())
    if isinstance(document, list):
        return [s for item in document for s in _strings(item)]
    return []


@pytest.fixture
def control_tree(tree: Path) -> Path:
    """``tree`` plus a page whose subject names hold every control, and one that cannot parse."""
    page = GOOD_PAGE.read_text("utf-8").replace(
        "rorshark-vit-base", f"ror{PRINTABLE_CONTROLS}shark"
    )
    (tree / "controls.txt").write_text(page, "utf-8")
    (tree / "broken.txt").write_text(f"not{PRINTABLE_CONTROLS} a page\n", "utf-8")
    return tree


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit"])
def test_no_check_format_prints_a_raw_control_character(control_tree: Path, fmt: str) -> None:
    run = ingest("check", "in", "--format", fmt, cwd=control_tree.parent)
    assert run.exit_code == 1
    assert _raw_controls(run.stdout) == []
    assert "\\x1b" in run.stdout or "\\u001b" in run.stdout  # escaped, not dropped
    if fmt == "junit":
        suites = ElementTree.fromstring(run.stdout)  # well-formed XML
        assert suites.get("failures") == "3"  # failing testcases: one per file and rule
    if fmt in ("json", "sarif"):
        strings = _strings(json.loads(run.stdout))
        assert any(PRINTABLE_CONTROLS in s for s in strings)  # escaped: the data is unchanged


def test_check_statistics_prints_no_raw_control_character(control_tree: Path) -> None:
    for fmt in ("text", "json"):
        run = ingest("check", "in", "--statistics", "--format", fmt, cwd=control_tree.parent)
        assert run.exit_code == 1
        assert _raw_controls(run.stdout) == []


def test_show_prints_no_raw_control_character(control_tree: Path) -> None:
    view = ingest("show", "in/controls.txt", cwd=control_tree.parent)
    assert (view.exit_code, view.stderr) == (0, "")
    assert _raw_controls(view.stdout) == []
    assert view.stdout.startswith("ror\\x01\\x02")
    as_json = ingest("show", "in/controls.txt", "--json", cwd=control_tree.parent)
    assert _raw_controls(as_json.stdout) == []
    assert PRINTABLE_CONTROLS in json.loads(as_json.stdout)["subject_a"]
    broken = ingest("show", "in/broken.txt", cwd=control_tree.parent)
    assert broken.exit_code == 2
    assert _raw_controls(broken.stderr) == []


def test_markup_in_page_text_is_shown_as_written(tree: Path) -> None:
    page = GOOD_PAGE.read_text("utf-8").replace("rorshark-vit-base", "[red]rorshark[/red]")
    (tree / "markup.txt").write_text(page, "utf-8")
    view = ingest("show", "in/markup.txt", cwd=tree.parent)
    assert view.stdout.startswith("[red]rorshark[/red] vs Stable Diffusion  (complete)\n")


def test_an_error_naming_a_file_with_escapes_prints_them_escaped(tree: Path) -> None:
    run = ingest("show", "in/\x1b[31mred.txt", cwd=tree.parent)
    assert run.exit_code == 2
    assert run.stderr == (
        "ingest: error: in/\\x1b[31mred.txt:1:1: no such file (expected a page file)\n"
    )


def test_summary_prints_no_raw_control_character(control_tree: Path) -> None:
    ingest("parse", "in", "-o", "out", "-q", cwd=control_tree.parent)
    run = ingest("summary", "out", cwd=control_tree.parent)
    assert run.exit_code == 0
    assert _raw_controls(run.stdout) == []
    assert "ror\\x01" in run.stdout


# -- file names: one source_path per file -----------------------------------------------------


def test_a_literal_backslash_name_and_a_raw_byte_name_get_two_source_paths(tree: Path) -> None:
    literal = tree / "\\xff.txt"
    raw = Path(os.fsdecode(bytes(tree) + b"/\xff.txt"))
    literal.write_bytes(GOOD_PAGE.read_bytes())
    raw.write_bytes(GOOD_PAGE.read_bytes())
    run = ingest("parse", "in", "-o", "out", "-q", cwd=tree.parent)
    assert run.exit_code == 0
    assert rows(tree.parent / "out", "pages", "source_path") == [
        ("in/\\\\xff.txt",),
        ("in/\\xff.txt",),
        ("in/good.txt",),
    ]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("plain.txt", "plain.txt"),
        ("café.txt", "café.txt"),
        ("a\\b.txt", "a\\b.txt"),  # a backslash alone is unambiguous: kept
        ("\\xff.txt", "\\\\xff.txt"),
        ("\\XFF.txt", "\\XFF.txt"),  # only our own escape, lower-case \x, is ambiguous
        (os.fsdecode(b"\xff.txt"), "\\xff.txt"),
        (os.fsdecode(b"a\\b\xff.txt"), "a\\\\b\\xff.txt"),
        (os.fsdecode(b"\\\\xff\xfe"), "\\\\\\\\xff\\xfe"),
    ],
)
def test_printable_path_escapes_only_ambiguous_names(name: str, shown: str) -> None:
    assert printable_path(name) == shown


def test_printable_path_is_injective_on_tricky_names() -> None:
    pieces = [b"a", b"\\", b"x", b"ff", b"\xff", b"\\x", b"\xc3\xa9", b"\xc3"]
    names = {a + b + c for a in pieces for b in pieces for c in pieces}
    shown = {printable_path(os.fsdecode(name)) for name in names}
    assert len(shown) == len(names)


# -- numeric options ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("synth", "2", "-o", "s", "--inconsistent-rate", "nan"),
            "ingest synth: Invalid value for '--inconsistent-rate': nan is not in the range "
            "0.0<=x<=1.0.",
        ),
        (
            ("synth", "2", "-o", "s", "--inconsistent-rate", "inf"),
            "ingest synth: Invalid value for '--inconsistent-rate': inf is not in the range "
            "0.0<=x<=1.0.",
        ),
        (
            ("synth", "2", "-o", "s", "--inconsistent-rate", "-0.5"),
            "ingest synth: Invalid value for '--inconsistent-rate': -0.5 is not in the range "
            "0.0<=x<=1.0.",
        ),
        (
            ("synth", "10000001", "-o", "s"),
            "ingest synth: Invalid value for 'N': 10000001 is not in the range 0<=x<=10000000.",
        ),
        (
            ("summary", "out", "-n", "99999999999999999999"),
            "ingest summary: Invalid value for '-n' / '--limit': 99999999999999999999 is not in "
            "the range 0<=x<=2147483647.",
        ),
        (
            ("check", "in", "--jobs", "0"),
            "ingest check: Invalid value for '-j' / '--jobs': 0 is not in the range x>=1.",
        ),
    ],
)
def test_a_bad_number_is_one_line_and_exit_2(
    tree: Path, args: tuple[str, ...], message: str
) -> None:
    run = ingest(*args, cwd=tree.parent)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", f"ingest: error: {message}\n")
    assert not (tree.parent / "s").exists()


# -- symlinks leaving the inputs -----------------------------------------------------------------

SECRET = "SECRET-KEY-LINE do not publish"


@pytest.fixture
def linked_tree(tree: Path) -> Path:
    """``tree`` plus a symlinked file and a symlinked folder leading outside it, and one inside."""
    outside = tree.parent / "private"
    outside.mkdir()
    (outside / "id.txt").write_text(f"{SECRET}\n")
    (tree / "secret.txt").symlink_to("../private/id.txt")
    (tree / "private").symlink_to("../private")
    (tree / "again.txt").symlink_to("good.txt")  # stays inside: read as usual
    return tree


def _all_text(out: Path) -> str:
    return "".join(str(pq.read_table(out / t).to_pylist()) for t in ("pages", "errors", "findings"))


def test_parse_fails_symlinks_leaving_the_inputs_without_reading_them(linked_tree: Path) -> None:
    run = ingest("parse", "in", "-o", "out", "-q", cwd=linked_tree.parent)
    out = linked_tree.parent / "out"
    assert run.exit_code == 1
    good_id = hashlib.sha256(GOOD_PAGE.read_bytes()).hexdigest()
    assert rows(out, "pages", "source_path", "status", "page_id") == [
        ("in/again.txt", "ok", good_id),
        ("in/good.txt", "ok", good_id),
        ("in/private", "failed", None),
        ("in/secret.txt", "failed", None),
    ]
    expected = "a file under the input folders, or --follow-symlinks"
    assert rows(out, "errors", "source_path", "message", "expected", "text") == [
        ("in/private", "symlink outside the inputs", expected, None),
        ("in/secret.txt", "symlink outside the inputs", expected, None),
    ]
    assert SECRET not in _all_text(out)


def test_parse_with_follow_symlinks_reads_them(linked_tree: Path) -> None:
    run = ingest("parse", "in", "-o", "out", "-q", "--follow-symlinks", cwd=linked_tree.parent)
    out = linked_tree.parent / "out"
    assert run.exit_code == 1
    assert rows(out, "errors", "source_path", "text") == [
        ("in/private/id.txt", SECRET),
        ("in/secret.txt", SECRET),
    ]


def test_check_reports_symlinks_leaving_the_inputs_without_reading_them(linked_tree: Path) -> None:
    run = ingest("check", "in", "--select", "IG001", cwd=linked_tree.parent)
    assert run.exit_code == 1
    finding = (
        "IG001 [error] cannot parse the page: symlink outside the inputs "
        "(expected a file under the input folders, or --follow-symlinks)"
    )
    assert run.stdout.splitlines() == [
        f"in/private:1:1: {finding}",
        f"in/secret.txt:1:1: {finding}",
        "Found 2 findings (2 errors, 0 warnings) in 4 files.",
    ]
    followed = ingest(
        "check", "in", "--select", "IG001", "--follow-symlinks", cwd=linked_tree.parent
    )
    assert SECRET in followed.stdout


def test_a_named_file_is_checked_against_its_own_folder(linked_tree: Path) -> None:
    report = api.check([linked_tree / "secret.txt", linked_tree / "again.txt"], "IG001")
    assert [(Path(f.path).name, f.message) for f in report.findings] == [
        (
            "secret.txt",
            "cannot parse the page: symlink outside the inputs "
            "(expected a file under the input folders, or --follow-symlinks)",
        )
    ]
    followed = api.check([linked_tree / "secret.txt"], "IG001", follow_symlinks=True)
    assert SECRET in followed.findings[0].message


def test_the_python_api_does_not_follow_symlinks_by_default(linked_tree: Path) -> None:
    manifest = api.ingest([linked_tree], linked_tree.parent / "out", jobs=1)
    assert (manifest.status.ok, manifest.status.failed) == (2, 2)
    assert SECRET not in _all_text(linked_tree.parent / "out")


def test_a_symlinked_input_folder_is_walked(tree: Path) -> None:
    (tree.parent / "alias").symlink_to("in")
    run = ingest("check", "alias", "--select", "IG001", cwd=tree.parent)
    assert (run.exit_code, run.stdout) == (0, "No findings in 1 file.\n")


def test_an_incremental_run_does_not_carry_a_followed_symlinks_row(linked_tree: Path) -> None:
    work = linked_tree.parent
    ingest("parse", "in", "-o", "out", "-q", "--incremental", "--follow-symlinks", cwd=work)
    assert SECRET in _all_text(work / "out")
    again = ingest("parse", "in", "-o", "out", "-q", "--incremental", cwd=work)
    assert again.exit_code == 1
    assert rows(work / "out", "errors", "source_path", "message") == [
        ("in/private", "symlink outside the inputs"),
        ("in/secret.txt", "symlink outside the inputs"),
    ]
    assert SECRET not in _all_text(work / "out")
