"Every public name renders a reference entry (what the docs site's `show_doc` cells need)."
import importlib
import pytest
from nbdev.showdoc import show_doc

MODULES = ["data", "nets", "sparsity", "fit", "derivs", "select", "estimator", "plots", "cli", "experiments"]
PUBLIC = [(m, name) for m in MODULES for name in importlib.import_module(f"sparse_deriv.{m}").__all__]


@pytest.mark.parametrize("module,name", PUBLIC, ids=[f"{m}.{n}" for m, n in PUBLIC])
def test_public_name_has_docs(module, name):
    obj = getattr(importlib.import_module(f"sparse_deriv.{module}"), name)
    if callable(obj):
        assert (obj.__doc__ or "").strip(), f"sparse_deriv.{module}.{name} has no docstring"
        assert show_doc(obj) is not None
