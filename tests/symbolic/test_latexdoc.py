import shutil
import subprocess

import pytest
import sympy as sp

from dickeheat.derivations import registry
from dickeheat.symbolic.latexdoc import math_to_latex, render_document, text_to_latex
from dickeheat.symbolic.result import Result, Step


def test_text_escaping():
    assert text_to_latex("50% of C_c & ħ") == r"50\% of C\_c \& $\hbar$"
    assert "?" == text_to_latex("\u2603")
    assert math_to_latex("δH").strip() == r"\delta H"


def _doc():
    return render_document(registry(("andolina2024",)), steps=True)


def test_document_shows_print_and_discrepancy_for_errata():
    doc = _doc()
    assert doc.startswith("\\documentclass") and doc.rstrip().endswith("\\end{document}")
    assert "As printed in the paper" in doc and "Discrepancy (factor)" in doc
    assert all(ord(ch) < 128 for ch in doc)


def test_agreeing_result_shows_no_print():
    x = sp.Symbol("x", positive=True)
    r = Result(name="p.a", paper="p", equation="1", title="t", lhs=sp.Symbol("a"), expr=x,
               args=(x,), printed=x, steps=(Step("1", "given", x),))
    doc = render_document([r], steps=True)
    assert "As printed" not in doc and "\\item (1) given" in doc


@pytest.mark.skipif(shutil.which("pdflatex") is None,
                    reason="pdflatex not installed (CI installs it and compiles the export)")
def test_compiles_with_pdflatex(tmp_path):
    (tmp_path / "doc.tex").write_text(_doc())
    proc = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert (tmp_path / "doc.pdf").stat().st_size > 10_000


def test_an_expression_too_large_to_typeset_is_described_not_typeset():
    import sympy as sp

    from dickeheat.symbolic.latexdoc import MAX_TYPESET_CHARS, _equation

    x = sp.symbols("x0:2000")
    body = sp.latex(sum(xi**2 for xi in x))
    assert len(body) > MAX_TYPESET_CHARS
    out = _equation(body)
    assert "too large to typeset" in out and body not in out
    assert "\\fiteq" in _equation(sp.latex(x[0] ** 2))
