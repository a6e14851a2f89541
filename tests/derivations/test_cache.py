"""The on-disk cache of derived results: same results back, new key on any source change."""

import pickle

import pytest
import sympy as sp

from dickeheat.derivations import cache
from dickeheat.symbolic.result import CheckReference, NumericCheck, Result, Step

x, y = sp.symbols("x y", positive=True)


def halving_check(result: Result) -> NumericCheck:
    err = abs(float(result.evaluate(x=2.0, y=1.0)) - 1.0)
    return NumericCheck(err < 1e-12, err, 1e-12, "x/(2y) at x = 2, y = 1")


def derive() -> list[Result]:
    return [Result(name="demo.half", paper="demo", equation="1", title="half",
                   lhs=sp.Symbol("h"), expr=x / (2 * y), args=(x, y),
                   steps=(Step("1", "divide", x / y, name="ratio"),), printed=x / y,
                   check=halving_check)]


def test_round_trip_gives_the_same_results(tmp_path, monkeypatch):
    monkeypatch.setenv("DICKEHEAT_CACHE_DIR", str(tmp_path))
    first = cache.cached_results("demo", derive)
    assert first[0].numpy_function(2.0, 1.0) == 1.0  # fills a cached_property
    assert len(list(tmp_path.iterdir())) == 1

    def must_not_run() -> list[Result]:
        raise AssertionError("derived again although cached")

    again = cache.cached_results("demo", must_not_run)
    a, b = first[0], again[0]
    assert (a.name, a.args, a.printed, a.status) == (b.name, b.args, b.printed, b.status)
    assert sp.simplify(a.expr - b.expr) == 0 and b.step("ratio") == x / y
    assert b.compare().kind == "factor" and b.run_check().passed
    assert isinstance(b.check, CheckReference)  # imported only when the check runs


def test_generated_functions_are_not_pickled():
    r = derive()[0]
    r.numpy_function(1.0, 1.0)
    assert "numpy_function" in r.__dict__
    assert "numpy_function" not in pickle.loads(pickle.dumps(r)).__dict__


def test_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("DICKEHEAT_CACHE_DIR", "off")
    assert cache.cache_directory() is None
    calls = []
    cache.cached_results("demo", lambda: calls.append(1) or derive())
    cache.cached_results("demo", lambda: calls.append(1) or derive())
    assert len(calls) == 2


def test_a_corrupt_file_is_derived_again(tmp_path, monkeypatch):
    monkeypatch.setenv("DICKEHEAT_CACHE_DIR", str(tmp_path))
    cache.cached_results("demo", derive)
    (f,) = tmp_path.iterdir()
    f.write_bytes(b"not a pickle")
    assert cache.cached_results("demo", derive)[0].name == "demo.half"


def test_unpicklable_results_are_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("DICKEHEAT_CACHE_DIR", str(tmp_path))
    local = [derive()[0].__class__(**{**derive()[0].__dict__, "check": lambda r: None})]
    assert cache.cached_results("demo", lambda: local) == local
    assert not list(tmp_path.iterdir())


def test_the_key_follows_the_source(tmp_path, monkeypatch):
    pkg = tmp_path / "pkg"
    (pkg / "symbolic").mkdir(parents=True)
    (pkg / "cli").mkdir()
    (pkg / "symbolic" / "a.py").write_text("A = 1\n")
    (pkg / "cli" / "b.py").write_text("B = 1\n")
    monkeypatch.setattr(cache, "_PACKAGE", pkg)

    def key() -> str:
        cache.source_key.cache_clear()
        return cache.source_key()

    k0 = key()
    (pkg / "cli" / "b.py").write_text("B = 2\n")  # the command line cannot change a derivation
    assert key() == k0
    (pkg / "symbolic" / "a.py").write_text("A = 2\n")
    assert key() != k0
    cache.source_key.cache_clear()


@pytest.mark.parametrize("value", ["off", "OFF", "0", "none", ""])
def test_off_spellings(value, monkeypatch):
    monkeypatch.setenv("DICKEHEAT_CACHE_DIR", value)
    assert cache.cache_directory() is None


def test_every_registered_result_can_be_cached():
    """A check made by a closure cannot be pickled, and its whole paper would be derived on
    every run: checks are module-level functions or functools.partial of them."""
    from dickeheat.derivations import registry

    unpicklable = []
    for r in registry():
        try:
            pickle.loads(pickle.dumps(r))
        except Exception as err:  # any failure is the finding
            unpicklable.append(f"{r.name}: {err}")
    assert not unpicklable
