#!/usr/bin/python3
"""Reference numbers for the charts of package plots, computed with numpy, scipy,
statsmodels and matplotlib (Debian's python3-* packages), independently of the Go code.

Run from the repository root:

    /usr/bin/python3 testdata/reference_plots.py     # writes testdata/reference_plots.json

Each case names the dataset, the chart and its parameters, and `expected` holds what the
chart must compute, each with the call that produced it:

  boxplot    matplotlib.cbook.boxplot_stats(x, whis=1.5) per group (what seaborn.boxplot
             and matplotlib's boxplot draw): q1, med, q3 (numpy linear percentiles),
             whislo/whishi (the most extreme values within 1.5 IQR), the outlier count.
  histogram  numpy.histogram_bin_edges(x, "auto") (or the given bin count) and
             numpy.histogram(x, edges)[0].
  kde        scipy.stats.gaussian_kde(x) (Scott's factor): the bandwidth
             sqrt(kde.covariance[0, 0]), and kde(grid) on numpy.linspace(min - 3 bw,
             max + 3 bw, 200), seaborn's kdeplot grid (gridsize=200, cut=3); with hue,
             one estimate per group on the grid widened by the largest bandwidth.
  regplot    statsmodels OLS(y, add_constant(x)).fit(): params, and
             get_prediction(add_constant(grid)).summary_frame(alpha=0.05) mean,
             mean_ci_lower, mean_ci_upper on numpy.linspace(min(x), max(x), 100);
             scipy.stats.pearsonr(x, y).

CSVs are read as testdata/reference.py reads them; rows missing any used column are
dropped; group levels sort numerically for numeric columns, byte-wise otherwise.
"""
import json
import os

import matplotlib
import numpy as np
import pandas as pd
import scipy
import scipy.stats as st
import statsmodels
import statsmodels.api as sm
from matplotlib import cbook

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
NA_VALUES = ["NA", "NaN", "null", "N/A", "."]


def load(name, cols):
    df = pd.read_csv(os.path.join(DATA, name), na_values=NA_VALUES, keep_default_na=True,
                     float_precision="round_trip")
    return df[cols].dropna()


def level_name(v):
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    return str(v)


def groups(df, g, v):
    levels = sorted(df[g].unique(), key=lambda x: (x.encode() if isinstance(x, str) else x))
    return [(level_name(l), df.loc[df[g] == l, v].to_numpy(float)) for l in levels]


def boxplot(name, g, v):
    df = load(name, [g, v])
    boxes = []
    for level, x in groups(df, g, v):
        s = cbook.boxplot_stats(x, whis=1.5)[0]
        boxes.append({"level": level, "n": int(len(x)), "q1": float(s["q1"]), "median": float(s["med"]),
                      "q3": float(s["q3"]), "whisker_low": float(s["whislo"]),
                      "whisker_high": float(s["whishi"]), "outliers": int(len(s["fliers"]))})
    return {"data": name, "chart": "boxplot", "params": {"group": g, "value": v},
            "call": "matplotlib.cbook.boxplot_stats(x, whis=1.5) per group",
            "expected": {"n": int(len(df)), "boxes": boxes}}


def histogram(name, col, bins=None):
    x = load(name, [col])[col].to_numpy(float)
    edges = np.histogram_bin_edges(x, "auto" if bins is None else bins)
    counts = np.histogram(x, edges)[0]
    params = {"x": col}
    if bins is not None:
        params["bins"] = str(bins)
    return {"data": name, "chart": "histogram", "params": params,
            "call": f"numpy.histogram_bin_edges(x, {'auto' if bins is None else bins!r}); numpy.histogram(x, edges)",
            "expected": {"n": int(len(x)), "bins": int(len(edges) - 1), "edges": edges.tolist(),
                         "counts": counts.tolist()}}


def kde(name, col, hue=None):
    cols = [col] + ([hue] if hue else [])
    df = load(name, cols)
    samples = groups(df, hue, col) if hue else [("", df[col].to_numpy(float))]
    kdes = [(level, st.gaussian_kde(x)) for level, x in samples]
    bws = [float(np.sqrt(k.covariance[0, 0])) for _, k in kdes]
    x = df[col].to_numpy(float)
    grid = np.linspace(x.min() - 3 * max(bws), x.max() + 3 * max(bws), 200)
    curves = [{"level": level, "n": int(k.n), "bandwidth": bw, "density": k(grid).tolist()}
              for (level, k), bw in zip(kdes, bws)]
    params = {"x": col}
    if hue:
        params["hue"] = hue
    return {"data": name, "chart": "kde", "params": params,
            "call": "scipy.stats.gaussian_kde(x); sqrt(covariance); kde(numpy.linspace(min-3bw, max+3bw, 200))",
            "expected": {"n": int(len(x)), "grid": grid.tolist(), "curves": curves}}


def regplot(name, xc, yc):
    df = load(name, [xc, yc])
    x, y = df[xc].to_numpy(float), df[yc].to_numpy(float)
    fit = sm.OLS(y, sm.add_constant(x)).fit()
    grid = np.linspace(x.min(), x.max(), 100)
    frame = fit.get_prediction(sm.add_constant(grid)).summary_frame(alpha=0.05)
    r = st.pearsonr(x, y)
    return {"data": name, "chart": "regplot", "params": {"x": xc, "y": yc},
            "call": "statsmodels OLS(y, add_constant(x)).fit().get_prediction(add_constant(linspace(min, max, 100)))"
                    ".summary_frame(alpha=0.05); scipy.stats.pearsonr(x, y)",
            "expected": {"n": int(len(x)), "intercept": float(fit.params[0]), "slope": float(fit.params[1]),
                         "r": float(r[0]), "p_value": float(r[1]),
                         "band": {"x": grid.tolist(), "fit": frame["mean"].tolist(),
                                  "low": frame["mean_ci_lower"].tolist(), "high": frame["mean_ci_upper"].tolist()}}}


def main():
    cases = [
        boxplot("plants.csv", "treatment", "yield"),
        boxplot("coded.csv", "group", "response"),
        boxplot("large.csv", "group", "value"),
        boxplot("trial.csv", "treat", "response"),
        histogram("houses.csv", "price"),
        histogram("houses.csv", "age", 8),
        histogram("large.csv", "value"),
        histogram("body.csv", "hours slept"),
        histogram("extreme.csv", "marker"),
        kde("houses.csv", "price"),
        kde("trial.csv", "response", "treat"),
        kde("large.csv", "x"),
        regplot("houses.csv", "floor.area", "price"),
        regplot("body.csv", "Body.Mass", "Weight, lb"),
        regplot("large.csv", "x", "y"),
    ]
    meta = {"numpy": np.__version__, "scipy": scipy.__version__, "statsmodels": statsmodels.__version__,
            "matplotlib": matplotlib.__version__, "pandas": pd.__version__}
    with open(os.path.join(HERE, "reference_plots.json"), "w") as f:
        json.dump({"versions": meta, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
