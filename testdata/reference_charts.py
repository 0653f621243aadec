#!/usr/bin/python3
"""Reference numbers for the companion charts of the tests of issue 17 (package plots:
crosstab, qqplot, ecdf), computed with numpy, pandas and scipy (Debian's python3-scipy
and python3-pandas), independently of the Go code.

Run from the repository root:

    /usr/bin/python3 testdata/reference_charts.py     # writes testdata/reference_charts.json

Each case names the dataset, the chart and its parameters, and `expected` holds what the
chart must compute, with the calls that produced it in `call`:

  crosstab  pandas.crosstab of x and y (per level of strata), levels sorted as Inferra
            sorts them (numerically for numeric columns, byte-wise otherwise).
  qqplot    scipy.stats.probplot(x, sparams, dist, fit=True): the theoretical quantiles
            (dist.ppf at Filliben's order statistic medians), the sorted sample, and the
            least-squares slope, intercept and r; for dist=gamma the shape is
            scipy.stats.gamma.fit(x, floc=0)[0], as kstest fits it. Past 5,000 values only
            the 100 lowest and 100 highest points are kept (the chart thins the middle).
  ecdf      numpy.unique(s, return_counts=True) with the cumulative counts over len(s) for
            each sample (up to 2,000 distinct values; beyond, only their number), and
            scipy.stats.ks_2samp(a, b): statistic, pvalue, statistic_location,
            statistic_sign, and each sample's ECDF at the location
            (numpy.searchsorted(sorted s, location, side="right") / len(s)).
  probplot  scipy.stats.probplot of a seeded gamma sample (kept in the case) against the gamma
            of a given shape, down to 0.05: ProbPlot's quantiles where they reach 1e-100.

CSVs are read as testdata/reference.py reads them; a chart drops the rows missing any
column it uses, except ecdf's {x, y} form, whose two samples each lose only their own
missing values.
"""
import json
import os

import numpy as np
import pandas as pd
import scipy
import scipy.stats as st

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
NA_VALUES = ["NA", "NaN", "null", "N/A", "."]
THIN = 5000
TAIL = 100
MAX_STEPS = 2000


def read(name):
    return pd.read_csv(os.path.join(DATA, name), na_values=NA_VALUES, keep_default_na=True,
                       float_precision="round_trip")


def level_name(v):
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))
    return str(v)


def sorted_levels(col):
    return sorted(col.unique(), key=lambda x: (x.encode() if isinstance(x, str) else x))


def crosstab(name, x, y, strata=None, test=None):
    cols = [x, y] + ([strata] if strata else [])
    df = read(name)[cols].dropna()
    xl, yl = sorted_levels(df[x]), sorted_levels(df[y])
    tables = []
    parts = [(None, df)] if not strata else [(s, df[df[strata] == s]) for s in sorted_levels(df[strata])]
    for s, part in parts:
        t = pd.crosstab(part[x], part[y]).reindex(index=xl, columns=yl, fill_value=0)
        tab = {"n": int(t.to_numpy().sum()), "counts": t.to_numpy(int).tolist()}
        if s is not None:
            tab["level"] = level_name(s)
        tables.append(tab)
    params = {"x": x, "y": y}
    if strata:
        params["strata"] = strata
    if test:
        params["test"] = test
    return {"data": name, "chart": "crosstab", "params": params, "call": "pandas.crosstab(x, y)",
            "expected": {"n": len(df), "x_levels": [level_name(v) for v in xl], "y_levels": [level_name(v) for v in yl],
                         "tables": tables}}


def qqplot(name, x, dist="norm", test=None):
    s = read(name)[x].dropna().to_numpy(float)
    sparams = ()
    call = f"scipy.stats.probplot(x, dist={dist!r})"
    exp = {"n": len(s), "dist": dist}
    if dist == "gamma":
        a, _, _ = st.gamma.fit(s, floc=0)
        sparams = (a,)
        exp["shape"] = a
        call = "a = scipy.stats.gamma.fit(x, floc=0)[0]; scipy.stats.probplot(x, sparams=(a,), dist='gamma')"
    (osm, osr), (slope, intercept, r) = st.probplot(s, sparams=sparams, dist=dist, fit=True)
    exp.update({"slope": slope, "intercept": intercept, "r": r})
    if len(s) <= THIN:
        exp.update({"theoretical": osm.tolist(), "ordered": osr.tolist()})
    else:
        exp.update({"theoretical_head": osm[:TAIL].tolist(), "ordered_head": osr[:TAIL].tolist(),
                    "theoretical_tail": osm[-TAIL:].tolist(), "ordered_tail": osr[-TAIL:].tolist()})
    params = {"x": x}
    if dist != "norm":
        params["dist"] = dist
    if test:
        params["test"] = test
    return {"data": name, "chart": "qqplot", "params": params, "call": call, "expected": exp}


def probplot(shape, n, seed):
    """scipy.stats.probplot of a gamma sample against the gamma with the
    given shape, called directly (ProbPlot): small shapes, whose lower
    quantiles reach far below 1e-100."""
    x = np.random.default_rng(seed).gamma(shape, 2.0, n)
    (osm, osr), (slope, intercept, r) = st.probplot(x, sparams=(shape,), dist="gamma", fit=True)
    return {"data": "", "chart": "probplot", "params": {"dist": "gamma", "shape": repr(shape)},
            "call": f"scipy.stats.probplot(x, sparams=({shape},), dist='gamma')",
            "expected": {"values": x.tolist(), "theoretical": osm.tolist(), "slope": slope, "intercept": intercept, "r": r}}


def ecdf(name, params):
    df = read(name)
    if "x" in params:
        samples = [(params["x"], df[params["x"]].dropna().to_numpy(float)),
                   (params["y"], df[params["y"]].dropna().to_numpy(float))]
    else:
        g, v = params["group"], params["value"]
        d = df[[g, v]].dropna()
        samples = [(level_name(l), d.loc[d[g] == l, v].to_numpy(float)) for l in sorted_levels(d[g])]
    assert len(samples) == 2
    (la, a), (lb, b) = samples
    r = st.ks_2samp(a, b)
    loc = float(r.statistic_location)
    curves = []
    for level, s in samples:
        values, counts = np.unique(s, return_counts=True)
        c = {"level": level, "n": len(s), "distinct": len(values)}
        if len(values) <= MAX_STEPS:
            c["x"] = values.tolist()
            c["f"] = (np.cumsum(counts) / len(s)).tolist()
        curves.append(c)
    at = [np.searchsorted(np.sort(s), loc, side="right") / len(s) for _, s in samples]
    return {"data": name, "chart": "ecdf", "params": params,
            "call": "numpy.unique(s, return_counts=True); scipy.stats.ks_2samp(a, b)",
            "expected": {"curves": curves, "statistic": float(r.statistic), "p_value": float(r.pvalue),
                         "location": loc, "sign": int(r.statistic_sign), "first_at": at[0], "second_at": at[1]}}


def main():
    cases = [
        crosstab("survey.csv", "region", "age_group"),
        crosstab("survey.csv", "sex", "smoker", test="fisher_exact"),
        crosstab("survey.csv", "sex", "smoker", strata="region"),
        crosstab("survey.csv", "exposure", "disease", strata="age_group", test="mantel_haenszel"),
        crosstab("sparse.csv", "treat", "cured"),
        crosstab("coded.csv", "group", "dose"),
        qqplot("shapes.csv", "height"),
        qqplot("shapes.csv", "tiny", test="anderson"),
        qqplot("shapes.csv", "n141", test="lilliefors"),
        qqplot("shapes.csv", "income", "gamma"),
        qqplot("shapes.csv", "wait", "gamma"),
        qqplot("shapes.csv", "gap", "expon"),
        qqplot("shapes.csv", "angle", "uniform"),
        qqplot("large.csv", "x", test="lilliefors"),
        ecdf("welch.csv", {"group": "batch", "value": "strength"}),
        ecdf("spread.csv", {"x": "left", "y": "right"}),
        ecdf("spread.csv", {"group": "arm", "value": "score"}),
        ecdf("ks_edge.csv", {"group": "g_exact", "value": "value"}),
        ecdf("large.csv", {"group": "group", "value": "value"}),
        probplot(0.05, 40, 1),
        probplot(0.3, 500, 2),
        probplot(0.9, 600, 3),
        probplot(40.0, 200, 4),
    ]
    meta = {"numpy": np.__version__, "scipy": scipy.__version__, "pandas": pd.__version__}
    with open(os.path.join(HERE, "reference_charts.json"), "w") as f:
        json.dump({"versions": meta, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
