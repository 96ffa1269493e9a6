__version__ = "0.1.0"

from .estimator import SparseDerivRegressor, SparseDerivClassifier

__all__ = ["SparseDerivRegressor", "SparseDerivClassifier"]
