"""Held-out R² on scikit-learn's diabetes data (n = 442, p = 10): SparseDerivRegressor against LassoCV on the same
five random 75/25 splits.

    python benchmarks/diabetes.py                                  # defaults
    python benchmarks/diabetes.py --options '{"linear": false}'    # any SparseDerivRegressor settings
    python benchmarks/diabetes.py --splits 10 --frame              # more splits; `sex` as a text column

Prints one row per split (R² of both, inputs selected, the relaxed fit's weight of the path's networks, fit time) and
the means, and the R² of least squares on our
selected inputs: it separates what the selection leaves out from what the network adds. The data ship with scikit-learn
(already centred and scaled); `--frame` passes a DataFrame whose `sex` column holds text, to exercise the encoding.
"""
import argparse, json, os, time, warnings
os.environ.setdefault("JAX_PLATFORMS", "cpu")
import numpy as np
import pandas as pd
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LassoCV, LinearRegression
from sklearn.model_selection import train_test_split
from sparse_deriv import SparseDerivRegressor

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--splits', type=int, default=5, help='random 75/25 splits (seeds 0, 1, …)')
    parser.add_argument('--options', default='{}', help='JSON of SparseDerivRegressor settings')
    parser.add_argument('--frame', action='store_true', help='pass a DataFrame with `sex` as text')
    args = parser.parse_args()
    options = json.loads(args.options)
    data = load_diabetes(as_frame=True)
    X, y = data.data, data.target.to_numpy()
    if args.frame: X = X.assign(sex=np.where(X.sex > 0, 'a', 'b'))
    else: X = X.to_numpy()
    rows = []
    for seed in range(args.splits):
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=seed)
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            est = SparseDerivRegressor(random_state=seed, **options).fit(X_train, y_train)
        fit_s = time.perf_counter() - start
        lasso_X = pd.get_dummies(X_train, dtype=float) if args.frame else X_train
        lasso_test = pd.get_dummies(X_test, dtype=float) if args.frame else X_test
        lasso = LassoCV(cv=5, random_state=seed).fit(lasso_X, y_train)
        selected = est.get_feature_names_out() if args.frame else est.support_
        ols = (LinearRegression().fit(lasso_X.loc[:, lasso_X.columns.str.startswith(tuple(selected))] if args.frame
                                      else X_train[:, selected], y_train) if est.support_.any() else None)
        ols_r2 = 0. if ols is None else ols.score(lasso_test.loc[:, lasso_X.columns.str.startswith(tuple(selected))] if args.frame
                                                  else X_test[:, selected], y_test)
        rows.append(dict(split=seed, ours=est.score(X_test, y_test), lasso=lasso.score(lasso_test, y_test),
                         ols_selected=ols_r2, selected=int(est.support_.sum()), relaxed=est.relaxed_weight_,
                         lasso_selected=int((lasso.coef_ != 0).sum()), fit_s=fit_s))
        print(f"split {seed}: R² ours {rows[-1]['ours']:.3f} ({rows[-1]['selected']} inputs, "
              f"relaxed weight {rows[-1]['relaxed']:.2f}, {fit_s:.1f} s) | "
              f"LassoCV {rows[-1]['lasso']:.3f} ({rows[-1]['lasso_selected']} inputs) | "
              f"least squares on our inputs {rows[-1]['ols_selected']:.3f}", flush=True)
    df = pd.DataFrame(rows)
    print(f"\nmean held-out R² over {len(df)} splits: ours {df.ours.mean():.4f}, LassoCV {df.lasso.mean():.4f}; "
          f"ours minus LassoCV per split {np.round(df.ours - df.lasso, 3).tolist()}; "
          f"least squares on our selected inputs {df.ols_selected.mean():.3f}")

if __name__ == '__main__': main()
