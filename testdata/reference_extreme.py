#!/usr/bin/python3
"""Reference values for correlations and t-tests at extreme magnitudes (issue 14, finding 9).

Pearson's r and the t-tests must stay exact from 1e-300 to 1e300. scipy cannot be the reference
there: its sums of squares overflow past ~1e154 (pearsonr and ttest_ind give nan or inf), underflow
below ~1e-154 (r drifts), and np.mean loses the digits of a small mean difference between two
groups near 1e9. So the expected values are computed here in exact rational arithmetic
(fractions.Fraction) on the float64 values themselves, with square roots and the beta/t tail
probabilities in mpmath at 50 digits; scipy is used where it is exact (Spearman's ranks,
scipy.stats.spearmanr on rank-preserving data) and as a cross-check at scale 1 (each case's
"scipy" field, compared with the exact value here before writing).

Run from the repository root:  /usr/bin/python3 testdata/reference_extreme.py
It writes testdata/reference_extreme.json: {"pearsonr": [...], "spearmanr": [...],
"ttest_ind": [...], "ttest_rel": [...]}, each case {id, x/y or a/b (float64 values, exact in
JSON by Python's shortest repr), expected {field: value}, calls}.
"""
import json
import os
from fractions import Fraction

import mpmath
import numpy as np
import scipy
from scipy import stats

mpmath.mp.dps = 50
HERE = os.path.dirname(os.path.abspath(__file__))


def fr(v):
    return [Fraction(float(x)) for x in v]


def mpf(q):
    return mpmath.mpf(q.numerator) / q.denominator


def centred(v):
    m = sum(v) / len(v)
    return m, [x - m for x in v]


def pearson_exact(x, y):
    """r exactly (Fractions, then one mpmath square root), the p-value 2·I_{(1−|r|)/2}(a, a),
    a = n/2 − 1 (scipy's beta distribution of r), and Fisher's interval, all in mpmath."""
    n = len(x)
    _, dx = centred(fr(x))
    _, dy = centred(fr(y))
    sxy = sum(a * b for a, b in zip(dx, dy))
    sxx = sum(a * a for a in dx)
    syy = sum(b * b for b in dy)
    r = mpf(sxy) / mpmath.sqrt(mpf(sxx) * mpf(syy))
    a = mpmath.mpf(n) / 2 - 1
    p = 2 * mpmath.betainc(a, a, 0, (1 - abs(r)) / 2, regularized=True)
    z = mpmath.sqrt(2) * mpmath.erfinv(mpmath.mpf("0.95"))
    h = z / mpmath.sqrt(n - 3)
    return {"statistic": float(r), "p_value": float(p),
            "ci_low": float(mpmath.tanh(mpmath.atanh(r) - h)),
            "ci_high": float(mpmath.tanh(mpmath.atanh(r) + h))}


def t_two_sided(t, df):
    """P(|T| ≥ |t|) for Student's t with df degrees of freedom: I_{df/(df+t²)}(df/2, ½)."""
    return mpmath.betainc(df / 2, mpmath.mpf(1) / 2, 0, df / (df + t * t), regularized=True)


def ttest_ind_exact(a, b):
    """Welch's and Student's t-tests of a − b in exact arithmetic (means and variances as
    Fractions; square roots and p-values in mpmath)."""
    qa, qb = fr(a), fr(b)
    n1, n2 = len(qa), len(qb)
    m1, da = centred(qa)
    m2, db = centred(qb)
    v1 = sum(d * d for d in da) / (n1 - 1)
    v2 = sum(d * d for d in db) / (n2 - 1)
    md = m1 - m2
    vn1, vn2 = v1 / n1, v2 / n2
    se_w = mpmath.sqrt(mpf(vn1 + vn2))
    t_w = mpf(md) / se_w
    df_w = mpf((vn1 + vn2) ** 2 / (vn1 ** 2 / (n1 - 1) + vn2 ** 2 / (n2 - 1)))
    dfs = n1 + n2 - 2
    sp2 = ((n1 - 1) * v1 + (n2 - 1) * v2) / dfs
    t_s = mpf(md) / mpmath.sqrt(mpf(sp2 * (Fraction(1, n1) + Fraction(1, n2))))
    return {
        "statistic": float(t_w), "p_value": float(t_two_sided(t_w, df_w)), "df": float(df_w),
        "mean_difference": float(mpf(md)),
        "student.statistic": float(t_s), "student.p_value": float(t_two_sided(t_s, mpmath.mpf(dfs))),
        "student.mean_difference": float(mpf(md)),
        "groups[0].mean": float(mpf(m1)), "groups[1].mean": float(mpf(m2)),
        "groups[0].sd": float(mpmath.sqrt(mpf(v1))), "groups[1].sd": float(mpmath.sqrt(mpf(v2))),
        "cohens_d": float(mpf(md) / mpmath.sqrt(mpf(sp2))),
    }


def ttest_rel_exact(x, y):
    """The paired t-test of the float64 differences x − y (as the Go side and numpy compute
    them), exactly."""
    d = fr(np.asarray(x) - np.asarray(y))
    n = len(d)
    md, dd = centred(d)
    v = sum(e * e for e in dd) / (n - 1)
    t = mpf(md) / mpmath.sqrt(mpf(v / n))
    return {"statistic": float(t), "p_value": float(t_two_sided(t, mpmath.mpf(n - 1))), "df": n - 1,
            "mean_difference": float(mpf(md)), "sd_difference": float(mpmath.sqrt(mpf(v))),
            "mean_x": float(mpf(sum(fr(x)) / n)), "mean_y": float(mpf(sum(fr(y)) / n)),
            "cohens_dz": float(mpf(md) / mpmath.sqrt(mpf(v)))}


def close(a, b, rel):
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-300)


SCALES = ["1e-300", "1e-250", "1e-200", "1e-160", "1e-158", "1e-100", "1", "1e100", "1e154",
          "1e160", "1e170", "1e200", "1e250", "1e300"]


def main():
    rng = np.random.default_rng(20261214)
    base_x = np.round(rng.normal(0, 1, 15), 6)
    base_y = np.round(0.6 * base_x + rng.normal(0, 0.8, 15), 6)
    # Small samples whose r is far from 0.5 (issue 14 saw r = 0.5 for an exact 0.7696).
    small_x = np.array([1.0, 2.0, 3.5, 4.0, 7.0])
    small_y = np.array([2.0, 1.0, 4.0, 6.5, 5.0])
    out = {"pearsonr": [], "spearmanr": [], "ttest_ind": [], "ttest_rel": []}

    for s in SCALES:
        k = float(s)
        for name, bx, by in (("base", base_x, base_y), ("small", small_x, small_y)):
            x = [float(v * k) for v in bx]
            y = [float(v * k) for v in by]
            exp = pearson_exact(x, y)
            if s == "1":
                r = stats.pearsonr(x, y)
                assert close(r.statistic, exp["statistic"], 1e-13), (r, exp)
                assert close(r.pvalue, exp["p_value"], 1e-9), (r, exp)
            out["pearsonr"].append({"id": f"pearsonr/{name}-x{s}-y{s}", "x": x, "y": y, "expected": exp,
                                    "calls": ["exact: Fractions of the float64 values, mpmath sqrt/betainc/erfinv at 50 digits"]})
            sp = stats.spearmanr(x, y)
            out["spearmanr"].append({"id": f"spearmanr/{name}-x{s}-y{s}", "x": x, "y": y,
                                     "expected": {"statistic": float(sp.statistic), "p_value": float(sp.pvalue)},
                                     "calls": ["scipy.stats.spearmanr(x, y) (ranks are exact at any magnitude)"]})
    # Mixed scales: x tiny, y huge, and the reverse.
    for sx, sy in (("1e-300", "1e300"), ("1e300", "1e-300"), ("1e-200", "1e160")):
        x = [float(v * float(sx)) for v in base_x]
        y = [float(v * float(sy)) for v in base_y]
        out["pearsonr"].append({"id": f"pearsonr/base-x{sx}-y{sy}", "x": x, "y": y, "expected": pearson_exact(x, y),
                                "calls": ["exact: Fractions of the float64 values, mpmath sqrt/betainc/erfinv at 50 digits"]})
    # Subnormal integers: multiples of the smallest float.
    tiny = 5e-324
    x = [float(v) * tiny for v in (1, 2, 3, 4, 6, 9, 11, 12)]
    y = [float(v) * tiny for v in (2, 1, 4, 3, 8, 7, 12, 10)]
    out["pearsonr"].append({"id": "pearsonr/subnormal", "x": x, "y": y, "expected": pearson_exact(x, y),
                            "calls": ["exact: Fractions of the float64 values, mpmath sqrt/betainc/erfinv at 50 digits"]})

    ga = np.round(rng.normal(10, 2, 14), 6)
    gb = np.round(rng.normal(8, 3, 11), 6)
    for s in SCALES:
        k = float(s)
        a = [float(v * k) for v in ga]
        b = [float(v * k) for v in gb]
        exp = ttest_ind_exact(a, b)
        if s == "1":
            w = stats.ttest_ind(a, b, equal_var=False)
            assert close(w.statistic, exp["statistic"], 1e-12) and close(w.pvalue, exp["p_value"], 1e-9), (w, exp)
        out["ttest_ind"].append({"id": f"ttest_ind/x{s}", "a": a, "b": b, "expected": exp,
                                 "calls": ["exact: Fractions of the float64 values, mpmath sqrt/betainc at 50 digits"]})
        x = [float(v * k) for v in base_x + 10]
        y = [float(v * k) for v in base_y + 9.5]
        out["ttest_rel"].append({"id": f"ttest_rel/x{s}", "x": x, "y": y, "expected": ttest_rel_exact(x, y),
                                 "calls": ["exact: Fractions of the float64 differences x − y, mpmath sqrt/betainc"]})
    # Two groups near 1e9 whose means differ by about 1e-5: np.mean loses the digits of the
    # difference (scipy's value is kept in "scipy" to show it), exact arithmetic does not.
    noise = np.round(rng.normal(0, 1, 400), 6)
    a = [float(1e9 + 1e-5 * (1.0 + v)) for v in noise[:200]]
    b = [float(1e9 + 1e-5 * v) for v in noise[200:]]
    exp = ttest_ind_exact(a, b)
    sc = stats.ttest_ind(a, b, equal_var=False)
    out["ttest_ind"].append({"id": "ttest_ind/offset-1e9", "a": a, "b": b, "expected": exp,
                             "scipy": {"statistic": float(sc.statistic),
                                       "mean_difference": float(np.mean(a) - np.mean(b))},
                             "calls": ["exact: Fractions of the float64 values, mpmath sqrt/betainc at 50 digits",
                                       "scipy: scipy.stats.ttest_ind(a, b, equal_var=False), np.mean(a) - np.mean(b)"]})

    out["meta"] = {"scipy": scipy.__version__, "numpy": np.__version__, "mpmath": mpmath.__version__}
    with open(os.path.join(HERE, "reference_extreme.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    off = out["ttest_ind"][-1]
    print("offset-1e9 mean difference: exact %r, numpy %r (relative error %.1e)" % (
        off["expected"]["mean_difference"], off["scipy"]["mean_difference"],
        abs(off["scipy"]["mean_difference"] / off["expected"]["mean_difference"] - 1)))


if __name__ == "__main__":
    main()
