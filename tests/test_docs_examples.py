"""Every example in the README and the docs runs, so the docs cannot drift from the tool.

Each fenced ``bash`` block is split into its ``dickeheat ...`` commands (continuation lines
joined, comments and shell redirections dropped); each runs in-process through
:func:`dickeheat.cli.main` in a temporary directory and must exit 0. Each fenced ``python``
block runs in a fresh interpreter there. Where a doc shows output (a comment after a command, a
quoted value after an expression, an error message), the key part is checked. Commands that
build every derivation, solve large systems or write figures are marked slow.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from dickeheat.cli import main

REPO = Path(__file__).resolve().parents[1]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)

#: an example is slow if its text contains one of these: they derive results (the tests run
#: with the cache of derived results off; circuit, refrigerator, engine and bounds evaluate
#: registered closed forms), solve large systems, sweep or compute figures
SLOW = ("dickeheat list", "dickeheat show", "dickeheat verify", "dickeheat latex",
        "dickeheat circuit", "dickeheat refrigerator", "dickeheat engine", "dickeheat bounds",
        "dickeheat sweep", "registry()", "--N 1000 ", "--N 100001", "--N 100 ", "--N 200 ",
        "reproduce andolina", "reproduce.compute", "sweep(", "superradiance", "--model valve",
        "collective_with_local_noise")

#: output a doc shows, as (doc file, part of the command, what the output must contain)
SHOWN = [
    ("bounds.md", "--model m-body --L 6 --m 6", "|J|/Bound 1 = 1"),
    ("reproduce.md", "reproduce --list", "andolina2024-fig7"),
    ("README.md", "reproduce --list", "arXiv Fig. 7 = published Fig. 6"),
    ("guide/latex.md", "--paper kamimura2023", ""),
]


@dataclass(frozen=True)
class Example:
    doc: str
    lang: str
    text: str

    @property
    def slow(self) -> bool:
        return any(s in self.text + " " for s in SLOW)

    def __str__(self) -> str:
        return f"{self.doc}: {self.text[:60]}"


def _blocks() -> list[tuple[str, str, str]]:
    out = []
    for path in DOCS:
        rel = str(path.relative_to(REPO / "docs") if path.parent != REPO else path.name)
        for m in _FENCE.finditer(path.read_text(encoding="utf-8")):
            out.append((rel, m.group(1), m.group(2)))
    return out


def _commands(block: str) -> list[str]:
    """The ``dickeheat`` commands of a bash block (continuations joined, comments dropped)."""
    joined = re.sub(r"\\\n\s*", " ", block)
    cmds = []
    for line in joined.splitlines():
        line = line.split(" #", 1)[0].strip()
        for part in line.split("&&"):
            part = part.strip()
            if part.startswith("dickeheat "):
                cmds.append(part)
    return cmds


def examples() -> list[Example]:
    out = []
    for doc, lang, body in _blocks():
        if lang == "bash":
            out.extend(Example(doc, "bash", c) for c in _commands(body))
        elif lang == "python" and "<the expression" not in body:  # architecture.md: a sketch
            out.append(Example(doc, "python", body))
    return out


def _params():
    return [pytest.param(e, id=str(e), marks=[pytest.mark.slow] if e.slow else [])
            for e in examples()]


def _argv(command: str) -> list[str]:
    words = shlex.split(command)[1:]
    if ">" in words:  # `dickeheat latex > file`: the redirection is the shell's
        words = words[: words.index(">")]
    return words


def _setup(tmp_path: Path) -> None:
    """Files the examples read: the sweep config shown in docs/sweeps.md."""
    text = (REPO / "docs" / "sweeps.md").read_text(encoding="utf-8")
    toml = next(m.group(2) for m in _FENCE.finditer(text) if m.group(1) == "toml")
    (tmp_path / "fig5.toml").write_text(toml, encoding="utf-8")


def test_the_docs_have_examples():
    found = examples()
    assert sum(e.lang == "bash" for e in found) >= 30
    assert sum(e.lang == "python" for e in found) >= 5
    assert sum(not e.slow for e in found) >= 6  # the default run executes a share


@pytest.mark.parametrize("example", _params())
def test_example_runs(example: Example, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _setup(tmp_path)
    if example.lang == "bash":
        code = main(_argv(example.text))
        out, err = capsys.readouterr()
        assert code == 0, f"{example.text}\n{err}"
        assert "Traceback" not in err
        for doc, part, shown in SHOWN:
            if example.doc == doc and part in example.text:
                assert shown in out, f"{example.text}: the doc shows {shown!r}"
        return
    code = _python_with_shown_values(example.text)
    env = {**os.environ, "MPLBACKEND": "Agg"}
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, f"{example}\n{proc.stderr[-2000:]}"


def _python_with_shown_values(code: str) -> str:
    """``expr  # 'value'`` (a doc showing a value) becomes an assertion on that value."""
    lines = []
    for line in code.splitlines():
        m = re.match(r"^(\S.*?)\s+#\s*('[^']*')\s*$", line)
        lines.append(f"assert ({m.group(1)}) == {m.group(2)}, ({m.group(1)})" if m else line)
    return "\n".join(lines)


def test_shown_values_become_assertions():
    code = _python_with_shown_values("x = 'a'\nx   # 'a'\ny = 1  # a plain comment")
    assert "assert (x) == 'a'" in code and "y = 1" in code


def test_sweeps_guide_size_message_is_what_the_tool_prints(tmp_path, capsys):
    """docs/sweeps.md shows the error for a 10^4 x 10^4 grid: the tool prints that."""
    text = (REPO / "docs" / "sweeps.md").read_text(encoding="utf-8")
    shown = next(m.group(2) for m in _FENCE.finditer(text) if "big.toml" in m.group(2))
    n = ", ".join(str(i) for i in range(1, 10001))
    th = ", ".join(repr(1.0 + i / 10000) for i in range(10000))
    cfg = tmp_path / "big.toml"
    cfg.write_text(f"[fixed]\nT_c = 0.5\n[grid]\nN = [{n}]\nT_h = [{th}]\n")
    code = main(["sweep", str(cfg), "--out", str(tmp_path / "big.nc")])
    err = " ".join(capsys.readouterr().err.split())
    assert code == 2
    for part in ("grid has 100,000,000 points (10000 (N) x 10000 (T_h))",
                 "more than the limit of 1,000,000 (MAX_POINTS)"):
        assert part in " ".join(shown.split()) and part in err


@pytest.mark.slow
def test_first_session_lists_the_keys_show_json_prints(capsys):
    """docs/first-session.md names the keys of `show --json`: exactly those are printed."""
    import json

    text = " ".join((REPO / "docs" / "first-session.md").read_text(encoding="utf-8").split())
    listed = re.search(r"prints the result's record \(keys `([^`]*)`", text).group(1)
    assert main(["show", "andolina2024.G", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert [k.strip() for k in listed.split(",")] == list(record)
