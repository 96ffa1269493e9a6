__version__ = "0.0.1"

from .estimator import SparseDerivRegressor

__all__ = ["SparseDerivRegressor"]
