"""A standalone LaTeX document of derived results, rendered from :class:`Result` objects.

Expressions are rendered by SymPy's LaTeX printer; only plain text (titles, notes, step
descriptions) is escaped here.

>>> import sympy as sp
>>> from dickeheat.symbolic.result import Result
>>> x = sp.Symbol("x", positive=True)
>>> r = Result(name="p.a", paper="p", equation="7", title="a square", lhs=sp.Symbol("a"),
...            expr=x**2, args=(x,), printed=2 * x**2)
>>> "\\\\begin{document}" in render_document([r])
True
"""

from __future__ import annotations

from collections.abc import Iterable

from dickeheat.symbolic.result import Result

__all__ = ["MAX_TYPESET_CHARS", "render_document", "text_to_latex", "math_to_latex"]

_TEXT_MAP = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "ħ": r"$\hbar$", "φ": r"$\phi$", "θ": r"$\theta$", "ω": r"$\omega$", "γ": r"$\gamma$",
    "Γ": r"$\Gamma$", "κ": r"$\kappa$", "τ": r"$\tau$", "Ω": r"$\Omega$", "σ": r"$\sigma$",
    "ρ": r"$\rho$", "β": r"$\beta$", "ε": r"$\epsilon$", "δ": r"$\delta$", "Δ": r"$\Delta$",
    "Σ": r"$\Sigma$", "Ξ": r"$\Xi$", "λ": r"$\lambda$", "μ": r"$\mu$", "π": r"$\pi$",
    "ξ": r"$\xi$", "η": r"$\eta$", "χ": r"$\chi$", "ν": r"$\nu$", "α": r"$\alpha$",
    "→": r"$\to$", "←": r"$\leftarrow$", "↑": r"$\uparrow$", "↓": r"$\downarrow$",
    "≤": r"$\le$", "≥": r"$\ge$", "≈": r"$\approx$", "≠": r"$\ne$", "×": r"$\times$",
    "−": "-", "–": "--", "—": "---", "±": r"$\pm$", "∞": r"$\infty$", "∂": r"$\partial$",
    "∫": r"$\int$", "√": r"$\surd$", "∥": r"$\parallel$", "⟨": r"$\langle$", "⟩": r"$\rangle$",
    "†": r"$^\dagger$", "²": r"$^2$", "³": r"$^3$", "⁴": r"$^4$", "ⁿ": r"$^n$",
    "½": r"$\tfrac12$", "¼": r"$\tfrac14$", "·": r"$\cdot$", "̇": "", "’": "'", "“": "``",
    "”": "''", "ℝ": r"$\mathbb{R}$", "∝": r"$\propto$", "∈": r"$\in$", "ℏ": r"$\hbar$",
    "₀": r"$_0$", "₁": r"$_1$", "₂": r"$_2$", "ₖ": r"$_k$", "ᵢ": r"$_i$", "ⱼ": r"$_j$",
}


def text_to_latex(text: str) -> str:
    """Escape plain text for LaTeX; characters without a mapping become '?'."""
    out = []
    for ch in text:
        if ch in _TEXT_MAP:
            out.append(_TEXT_MAP[ch])
        elif ord(ch) < 128:
            out.append(ch)
        else:
            out.append("?")
    return "".join(out)


def math_to_latex(body: str) -> str:
    """Replace non-ASCII characters that symbol names may carry (φ, ħ, …) by math macros."""
    out = []
    for ch in body:
        if ord(ch) < 128:
            out.append(ch)
            continue
        mapped = _TEXT_MAP.get(ch, "?")
        out.append(" " + mapped.strip("$") + " " if mapped.startswith("$") else mapped)
    return "".join(out)


#: LaTeX longer than this is not typeset (TeX's line buffer and memory, and no reader, cope
#: with a closed moment hierarchy of hundreds of terms); the document says where to get it
MAX_TYPESET_CHARS = 8000


def _equation(body: str) -> str:
    """A display; an expression wider than the line is scaled to fit (``\\fiteq``). One
    longer than :data:`MAX_TYPESET_CHARS` is replaced by a sentence giving its size."""
    if len(body) > MAX_TYPESET_CHARS:
        return ("\\begin{center}\\emph{(" + f"{len(body):,}".replace(",", "\\,")
                + " characters of LaTeX, too large to typeset here; \\texttt{dickeheat show "
                "--json} prints it.)}\\end{center}\n")
    return "\\begin{center}\\fiteq{" + math_to_latex(body) + "}\\end{center}\n"


def _entry(r: Result, steps: bool) -> list[str]:
    c = r.compare()
    lines = [
        f"\\subsection*{{{text_to_latex(r.title)}}}",
        f"\\noindent\\texttt{{{text_to_latex(r.name)}}} --- paper equation "
        f"({text_to_latex(r.equation)}), status: \\textbf{{{r.status}}}.\n",
        "\\noindent Derived:\n" + _equation(r.latex()),
    ]
    if r.printed is not None and not c.agrees:
        lines.append("\\noindent As printed in the paper:\n" + _equation(r.printed_latex() or ""))
        lines.append(f"\\noindent\\emph{{Discrepancy ({c.kind}):}} {text_to_latex(c.detail)}\n")
    if r.notes:
        lines.append(f"\\noindent\\emph{{Notes:}} {text_to_latex(r.notes)}\n")
    if steps and r.steps:
        lines.append("\\begin{enumerate}")
        for s in r.steps:
            label = f"({text_to_latex(s.label)}) " if s.label else ""
            lines.append(f"\\item {label}{text_to_latex(s.description)}:\n" + _equation(s.latex()))
        lines.append("\\end{enumerate}")
    return lines


def render_document(results: Iterable[Result], *, steps: bool = False,
                    title: str = "Derived results") -> str:
    """A complete LaTeX document (pdflatex, standard packages only) listing ``results``."""
    body: list[str] = []
    paper = None
    for r in results:
        if r.paper != paper:
            paper = r.paper
            body.append(f"\\section*{{{text_to_latex(paper)}}}")
        body.extend(_entry(r, steps))
    head = [
        "\\documentclass[10pt]{article}",
        "\\usepackage[T1]{fontenc}",
        "\\usepackage{amsmath,amssymb}",
        "\\usepackage{graphicx}",
        "\\usepackage[margin=2cm]{geometry}",
        "\\newsavebox{\\eqbox}",
        # a display scaled down to the line width only when it is wider
        "\\newcommand{\\fiteq}[1]{\\sbox{\\eqbox}{$\\displaystyle #1$}"
        "\\ifdim\\wd\\eqbox>\\linewidth\\resizebox{\\linewidth}{!}{\\usebox{\\eqbox}}"
        "\\else\\usebox{\\eqbox}\\fi}",
        f"\\title{{{text_to_latex(title)}}}",
        "\\date{}",
        "\\begin{document}",
        "\\maketitle",
    ]
    return "\n".join(head + body + ["\\end{document}", ""])

