"""Anderson mixing of backend ``reduced`` (``_accelerate``, its compiled passes) against a
plain NumPy statement of type-II Anderson: γ = lstsq(ΔF, f), u₊ = g − ΔG γ over the last
``depth`` differences."""

from __future__ import annotations

import numpy as np
import pytest

from dickeheat.numeric.reduced import _accelerate as acc
from dickeheat.numeric.reduced import _compiled
from dickeheat.numeric.reduced._accelerate import Anderson, depth_for


def _reference_step(us: list[np.ndarray], gs: list[np.ndarray], depth: int) -> np.ndarray:
    """u₊ from the whole history of iterates ``us`` and images ``gs`` (NumPy least squares)."""
    fs = [g - u for u, g in zip(us, gs)]
    dF = np.column_stack([fs[i + 1] - fs[i] for i in range(len(fs) - 1)][-depth:])
    dG = np.column_stack([gs[i + 1] - gs[i] for i in range(len(gs) - 1)][-depth:])
    gamma = np.linalg.lstsq(dF, fs[-1], rcond=None)[0]
    return gs[-1] - dG @ gamma


@pytest.mark.parametrize("split", [False, True], ids=["one part", "two halves"])
@pytest.mark.parametrize("depth", [2, 3, 5])
def test_steps_match_numpy_least_squares(depth, split, monkeypatch):
    """Over more steps than the history holds (the oldest column's storage is reused), in
    one pass or in two halves."""
    if split:
        monkeypatch.setattr(acc, "SPLIT_ABOVE", 10)
    rng = np.random.default_rng(7)
    n = 40
    A = rng.normal(size=(n, n))
    A *= 0.9 / np.max(np.abs(np.linalg.eigvals(A)))  # a contraction
    b = rng.normal(size=n)
    mixer = Anderson(depth, n)
    assert len(mixer.bounds) == (3 if split else 2)
    u = rng.normal(size=n)
    us, gs = [], []
    for step in range(3 * depth + 2):
        g = A @ u + b
        us.append(u.copy())
        gs.append(g.copy())
        mixer.u[:] = u
        out = mixer.step(np.exp(g))
        if step == 0:
            assert out is None  # no history yet: take g
            u = g
        else:
            assert out is not None
            ref = _reference_step(us, gs, depth)
            assert np.max(np.abs(out - ref)) <= 1e-8 * np.max(np.abs(ref))
            u = out.copy()
        mixer.swap()
    assert mixer.restarts == 0


def test_accelerates_a_slow_linear_iteration():
    """On u ↦ A u + b with spectral radius 0.99, plain iteration needs ~2 000 steps for 1e-9;
    Anderson with a history of 8 (restarted GMRES) needs far fewer."""
    rng = np.random.default_rng(3)
    n = 30
    Q = np.linalg.qr(rng.normal(size=(n, n)))[0]
    A = Q @ np.diag(np.linspace(0.0, 0.99, n)) @ Q.T
    b = rng.normal(size=n)
    exact = np.linalg.solve(np.eye(n) - A, b)
    mixer = Anderson(8, n)
    u = np.zeros(n)
    steps = 0
    while np.max(np.abs(u - exact)) >= 1e-9 and steps < 200:
        steps += 1
        mixer.u[:] = u
        out = mixer.step(np.exp(A @ u + b))
        u = (mixer.g if out is None else out).copy()
        mixer.swap()
    assert np.max(np.abs(u - exact)) < 1e-9
    assert steps < 150


def test_a_growing_residual_restarts_the_history():
    mixer = Anderson(3, 4)
    for scale in (1.0, 0.5, 100.0):
        mixer.u[:] = 0.0
        out = mixer.step(np.exp(scale * np.arange(1.0, 5.0)))
        mixer.swap()
    assert out is None and mixer.restarts == 1 and not mixer.slots


def test_depth_fits_the_spare_memory():
    n = 1000
    assert depth_for(n, None) == 8
    assert depth_for(n, 8 * n * (2 * 3 + 4)) == 3
    assert depth_for(n, 8 * n * 7) == 0  # fewer than two columns fit


def test_threads_do_not_change_the_iterates(monkeypatch):
    """Two halves on one thread and on two threads give bitwise the same mix."""
    monkeypatch.setattr(acc, "SPLIT_ABOVE", 10)
    rng = np.random.default_rng(11)
    n = 64
    images = [np.exp(rng.normal(size=n)) for _ in range(5)]
    results = []
    for threads in (1, 2):
        monkeypatch.setattr(_compiled, "cores", lambda t=threads: t)
        mixer = Anderson(3, n)
        assert mixer.threads == threads
        mixer.u[:] = 0.0
        for y in images:
            out = mixer.step(y)
            mixer.swap()
        results.append(out.copy())
    assert np.array_equal(results[0], results[1])


def test_load_and_store_are_log_and_exp():
    y = np.exp(np.linspace(-700.0, 700.0, 11))
    mixer = Anderson(2, 11)
    mixer.load(y)
    assert np.allclose(mixer.u, np.linspace(-700.0, 700.0, 11), rtol=0, atol=1e-12)
    mixer.g[:] = np.arange(11.0)
    out = np.empty(11)
    mixer.store(out)
    assert np.allclose(out, np.exp(np.arange(11.0)), rtol=1e-15)
    assert np.array_equal(mixer.u, np.arange(11.0))  # the stored iterate is the next u
