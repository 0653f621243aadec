#!/usr/bin/python3
"""Reference values for the analyses of issue 17 (describe, chi2_contingency, fisher_exact,
mantel_haenszel, kendalltau, partial_corr, ttest_1samp), computed with pandas/scipy/statsmodels.

Run from the repository root:

    /usr/bin/python3 testdata/reference_more.py              # datasets + reference_more.json
    /usr/bin/python3 testdata/reference_more.py --keep-data  # recompute reference_more.json only

Writes testdata/data/{survey,sparse,ranks,health,small_groups}.csv (fixed seeds and hand-made
tables, fixed-decimal text) and testdata/reference_more.json in the case format of reference.json;
the loading conventions (missing tokens, listwise deletion, level order) are those of
reference.py, whose helpers it imports. pingouin is not installed: partial_corr's reference is
the correlation of residuals from statsmodels OLS fits, checked against numpy's inverse
covariance matrix (pingouin's own method), with pingouin's p-value and interval formulas.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import pandas as pd
import scipy.stats as st
import statsmodels.api as sm
from scipy.stats.contingency import association
from statsmodels.stats.contingency_tables import StratifiedTable, Table

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference import DATA, HERE, NA_VALUES, F, case, fmt, level_name, load, t_ppf_975, write_csv  # noqa: E402

# ---------------------------------------------------------------------------------------------
# Datasets
# ---------------------------------------------------------------------------------------------


def gen_survey():
    # 180 respondents: sex F/M (M appears first), smoker yes/no, region with 3 levels in
    # non-lexicographic appearance order, age_group strata "18-34" "35-54" "55+", exposure and
    # disease yes/no with an exposure effect that differs a little by stratum. Missing cells.
    rng = np.random.default_rng(1701)
    rows = []
    for i in range(180):
        sex = "M" if (i < 3 or rng.random() < 0.48) else "F"
        region = rng.choice(["west", "north", "east"], p=[0.45, 0.35, 0.20])
        p_smoke = 0.38 if sex == "M" else 0.22
        smoker = "yes" if rng.random() < p_smoke else "no"
        age = rng.choice(["35-54", "18-34", "55+"], p=[0.35, 0.4, 0.25])
        exposure = "yes" if rng.random() < 0.45 else "no"
        base = {"18-34": 0.10, "35-54": 0.18, "55+": 0.30}[age]
        lift = {"18-34": 2.2, "35-54": 1.9, "55+": 1.6}[age]
        p_dis = min(0.95, base * (lift if exposure == "yes" else 1.0))
        disease = "yes" if rng.random() < p_dis else "no"
        rows.append([i + 1, sex, smoker, region, age, exposure, disease])
    rows[4][2] = "NA"
    rows[17][1] = ""
    rows[60][3] = "NA"
    rows[99][4] = ""
    rows[120][6] = "NA"
    write_csv("survey.csv", ["id", "sex", "smoker", "region", "age_group", "exposure", "disease"], rows)


def gen_sparse():
    # Small hand-made tables. treat x cured: [[0, 6], [5, 3]] (a zero cell on the diagonal:
    # odds ratio 0, expected counts below 5). arm x event: [[4, 0], [3, 5]] (a zero off the
    # diagonal: infinite odds ratio, null statistic). kind (3 levels) x cured: a 3x2 table with
    # low expected counts. A symmetric 2x2 (pos x neg) where the observed table is the mode: p = 1.
    tc = [("A", "no")] * 0 + [("A", "yes")] * 6 + [("B", "no")] * 5 + [("B", "yes")] * 3
    ae = [("ctl", "none")] * 4 + [("ctl", "some")] * 0 + [("trt", "none")] * 3 + [("trt", "some")] * 5
    kinds = ["k1", "k2", "k3", "k1", "k2", "k3", "k1", "k1", "k2", "k3", "k1", "k2", "k1", "k3"]
    pos = ["p", "p", "p", "q", "q", "q", "p", "q", "p", "q", "p", "q", "p", "q"]
    neg = ["u", "v", "u", "v", "u", "v", "v", "u", "u", "v", "v", "u", "u", "v"]
    rows = []
    for i in range(14):
        t, c = tc[i]
        a, e = ae[i] if i < len(ae) else ("", "")
        rows.append([t, c, a, e, kinds[i], pos[i], neg[i]])
    write_csv("sparse.csv", ["treat", "cured", "arm", "event", "kind", "pos", "neg"], rows)


def gen_ranks():
    # 34 rows without ties in a and b (n = 34: kendalltau asymptotic), c with one missing value
    # (n = 33 with b: exact), d = b with one adjacent swap of the order of a (one discordant
    # pair, n = 34: exact by scipy's min(dis, tot - dis) <= 1 rule), e with ties.
    rng = np.random.default_rng(1702)
    a = rng.permutation(34) + 1.0
    b = np.round(0.6 * a + rng.normal(0, 6, 34), 3)
    while len(np.unique(b)) < 34:
        b = np.round(0.6 * a + rng.normal(0, 6, 34), 3)
    c = np.round(-0.3 * a + rng.normal(0, 8, 34), 2)
    order = np.argsort(a)
    d = np.empty(34)
    d[order] = np.arange(34) * 1.5 + 2.0
    i, j = order[10], order[11]
    d[i], d[j] = d[j], d[i]
    e = np.round(a / 7.0)
    rows = [[fmt(a[k], 0), fmt(b[k], 3), fmt(c[k], 2), fmt(d[k], 1), fmt(e[k], 0)] for k in range(34)]
    rows[5][2] = "NA"
    write_csv("ranks.csv", ["a", "b", "c", "d", "e"], rows)


def gen_health():
    # 90 adults: systolic blood pressure and cholesterol both driven by age and BMI; exercise
    # weakly. Missing values in several columns; a column name with a space.
    rng = np.random.default_rng(1703)
    n = 90
    age = rng.uniform(25, 75, n)
    bmi = rng.normal(27, 4, n)
    ex = np.clip(rng.normal(3, 1.5, n), 0, None)
    sbp = 95 + 0.5 * age + 0.9 * bmi - 1.2 * ex + rng.normal(0, 9, n)
    chol = 120 + 0.8 * age + 1.5 * bmi + 0.08 * sbp + rng.normal(0, 20, n)
    rows = [[fmt(a, 1), fmt(b, 1), fmt(e, 1), fmt(s, 0), fmt(c, 0)] for a, b, e, s, c in zip(age, bmi, ex, sbp, chol)]
    rows[3][0] = "NA"
    rows[20][3] = ""
    rows[41][4] = "."
    rows[66][2] = "NA"
    write_csv("health.csv", ["age", "bmi", "exercise hours", "sbp", "chol"], rows)


def gen_small_groups():
    # Groups of 1, 2, 3, 4 and 7 values (std, skewness and kurtosis need 2, 3 and 4), a constant
    # group, integer values with several modes, missing values inside a group.
    spec = [("solo", [4.0]), ("pair", [3.0, 5.5]), ("trio", [1.0, 2.0, 6.0]),
            ("quad", [2.0, 2.0, 3.0, 9.0]), ("flat", [5.0, 5.0, 5.0, 5.0]),
            ("many", [1.0, 2.0, 2.0, 3.0, 3.0, 7.0, 11.0])]
    rows = []
    for g, vals in spec:
        for v in vals:
            rows.append([g, fmt(v, 1)])
    rows.insert(3, ["pair", "NA"])
    rows.append(["many", ""])
    rows.append(["", "8.0"])
    write_csv("small_groups.csv", ["batch", "score"], rows)


GENERATORS = [gen_survey, gen_sparse, gen_ranks, gen_health, gen_small_groups]

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def read(dataset):
    df = pd.read_csv(os.path.join(HERE, dataset), na_values=NA_VALUES, keep_default_na=True,
                     float_precision="round_trip")
    return df


def levels_of(col):
    """Level values in contract order (numeric ascending, strings byte-wise)."""
    if pd.api.types.is_numeric_dtype(col):
        return sorted(col.dropna().unique(), key=float)
    return sorted(col.dropna().astype(str).unique(), key=lambda s: s.encode("utf-8"))


def crosstab(sub, a, b):
    la, lb = levels_of(sub[a]), levels_of(sub[b])
    t = np.array([[int(((sub[a] == x) & (sub[b] == y)).sum()) for y in lb] for x in la], dtype=np.int64)
    return t, [level_name(v) for v in la], [level_name(v) for v in lb]


def chi2_warning(low, cells, two_by_two):
    w = f"{low} of the {cells} expected counts are below 5, so the chi-square approximation may be inaccurate"
    return w + ("; fisher_exact is exact for a 2×2 table" if two_by_two else "; consider merging sparse levels")


def optional(d, key, value):
    if value is not None and not (isinstance(value, float) and math.isnan(value)):
        d[key] = F(value)

# ---------------------------------------------------------------------------------------------
# Analyses
# ---------------------------------------------------------------------------------------------


def description(s):
    """pandas' descriptive statistics of a Series (missing values counted)."""
    v = s.dropna()
    n = int(v.count())
    d = {"n": n, "missing": int(s.isna().sum()), "mean": F(v.mean())}
    optional(d, "std", v.std())
    optional(d, "var", v.var())
    optional(d, "sem", v.sem())
    q1, q3 = v.quantile(0.25), v.quantile(0.75)
    d.update({"min": F(v.min()), "q1": F(q1), "median": F(v.median()), "q3": F(q3), "max": F(v.max()),
              "range": F(v.max() - v.min()), "iqr": F(q3 - q1),
              "mode": [F(m) for m in v.mode().tolist()], "mode_count": int(v.value_counts().max())})
    optional(d, "skewness", v.skew())
    optional(d, "kurtosis", v.kurt())
    return d


STAT_KEYS = {"n": "n", "missing": "missing", "mean": "mean", "std": "std", "var": "var", "sem": "sem",
             "min": "min", "q1": "q1", "median": "median", "q3": "q3", "max": "max", "range": "range",
             "iqr": "iqr", "mode": "mode", "skewness": "skewness", "kurtosis": "kurtosis"}
ALIASES = {"sd": "std", "average": "mean", "skew": "skewness"}


def stat_value(d, stat):
    v = d.get(stat)
    if stat == "mode":
        return v[0]
    return None if v is None else float(v)


def describe_case(cid, dataset, x, group=None, stat=None):
    df = read(dataset)
    total = len(df)
    exp = description(df[x])
    exp["variable"] = x
    canon = ALIASES.get(stat, stat) if stat else None
    params = {"x": x}
    if stat:
        params["stat"] = stat
        exp["stat"] = canon
        v = stat_value(exp, canon)
        if v is not None:
            exp["value"] = F(v)
    used = exp["n"]
    if group:
        params["group"] = group
        exp["group"] = group
        groups = []
        used = 0
        for lv in levels_of(df[group]):
            s = df.loc[df[group] == lv, x] if pd.api.types.is_numeric_dtype(df[group]) else \
                df.loc[df[group].astype(str) == lv, x]
            if s.count() == 0:
                continue
            g = {"level": level_name(lv)}
            g.update(description(s))
            used += g["n"]
            if canon:
                v = stat_value(g, canon)
                if v is not None:
                    g["value"] = F(v)
            groups.append(g)
        exp["groups"] = groups
    calls = ["pandas Series: count(), isna().sum(), mean(), std(), var(), sem(), min(), quantile(0.25), median(), "
             "quantile(0.75), max(), mode(), value_counts().max(), skew(), kurt() (NaN ones left out)",
             "range = max - min, iqr = quantile(0.75) - quantile(0.25)",
             "groups: the same per level of group over rows whose group is present; the top level is the whole column",
             "value: the statistic named by stat (canonical name; the smallest mode for mode)"]
    return {"id": cid, "dataset": dataset, "analysis": "describe", "params": params, "calls": calls,
            "expected": exp, "rows_used": int(used), "rows_dropped": int(total - used)}


def chi2_case(cid, dataset, x, y):
    sub, total = load(dataset, [x, y])
    t, lx, ly = crosstab(sub, x, y)
    res = st.chi2_contingency(t)  # correction=True
    stat, p, dof, expected = res
    n = int(t.sum())
    adj = Table(t, shift_zeros=False).standardized_resids  # no 0.5 added to zero cells
    exp = {"statistic": F(stat), "p_value": F(p), "dof": int(dof), "n": n, "correction": bool(dof == 1),
           "cramers_v": F(association(t, method="cramer")),
           "row_variable": x, "column_variable": y, "row_levels": lx, "column_levels": ly,
           "observed": t.tolist(), "expected": [[F(v) for v in r] for r in expected],
           "residuals": [[F(v) for v in r] for r in np.asarray(adj)],
           "min_expected": F(expected.min()), "low_expected": int((expected < 5).sum())}
    if exp["low_expected"]:
        exp["warning"] = chi2_warning(exp["low_expected"], t.size, t.shape == (2, 2))
    calls = ["scipy.stats.chi2_contingency(observed)  # correction=True: Yates when dof == 1",
             "scipy.stats.contingency.association(observed, method='cramer')  # uncorrected chi2",
             "statsmodels.stats.contingency_tables.Table(observed, shift_zeros=False).standardized_resids",
             "observed: counts by x levels (rows) and y levels (columns) in contract order"]
    return case(cid, dataset, "chi2_contingency", {"x": x, "y": y}, calls, exp, sub, total)


def fisher_case(cid, dataset, x, y):
    sub, total = load(dataset, [x, y])
    t, lx, ly = crosstab(sub, x, y)
    assert t.shape == (2, 2), t
    odds, p = st.fisher_exact(t)
    exp = {"statistic": None if math.isinf(odds) else F(odds), "p_value": F(p), "n": int(t.sum()),
           "row_variable": x, "column_variable": y, "row_levels": lx, "column_levels": ly,
           "observed": t.tolist()}
    if math.isinf(odds):
        exp["odds_ratio_infinite"] = True
    calls = ["scipy.stats.fisher_exact(observed)  # two-sided; statistic = sample odds ratio, null when infinite"]
    return case(cid, dataset, "fisher_exact", {"x": x, "y": y}, calls, exp, sub, total)


def mantel_case(cid, dataset, x, y, strata):
    sub, total = load(dataset, [x, y, strata])
    lx, ly, ls = levels_of(sub[x]), levels_of(sub[y]), levels_of(sub[strata])
    tables, entries = [], []
    for s in ls:
        part = sub[sub[strata] == s] if pd.api.types.is_numeric_dtype(sub[strata]) else sub[sub[strata].astype(str) == s]
        t = np.array([[int(((part[x] == a) & (part[y] == b)).sum()) for b in ly] for a in lx], dtype=np.int64)
        tables.append(t)
        entries.append({"level": level_name(s), "n": int(t.sum()), "observed": t.tolist()})
    stt = StratifiedTable([t.astype(float) for t in tables])
    null = stt.test_null_odds()  # correction=False
    p_null = st.chi2.sf(null.statistic, 1)
    assert abs(p_null - null.pvalue) < 1e-14, (p_null, null.pvalue)
    lo, hi = stt.oddsratio_pooled_confint()
    bd = stt.test_equal_odds()
    p_bd = st.chi2.sf(bd.statistic, len(tables) - 1)
    assert abs(p_bd - bd.pvalue) < 1e-14
    exp = {"statistic": F(null.statistic), "p_value": F(p_null), "n": int(sum(t.sum() for t in tables)),
           "k": len(tables), "odds_ratio": F(stt.oddsratio_pooled), "ci_low": F(lo), "ci_high": F(hi),
           "breslow_day": {"statistic": F(bd.statistic), "p_value": F(p_bd), "df": len(tables) - 1},
           "row_variable": x, "column_variable": y, "strata_variable": strata,
           "row_levels": [level_name(v) for v in lx], "column_levels": [level_name(v) for v in ly],
           "strata": entries}
    calls = ["statsmodels StratifiedTable(tables).test_null_odds()  # correction=False; p as chi2.sf(stat, 1) "
             "(statsmodels' 1 - chi2.cdf agrees to 1e-14)",
             "StratifiedTable.oddsratio_pooled, oddsratio_pooled_confint()  # alpha=0.05, normal",
             "StratifiedTable.test_equal_odds()  # Breslow-Day, p as chi2.sf(stat, K - 1)",
             "tables: x levels (rows) by y levels (columns), one per strata level, in contract order"]
    return case(cid, dataset, "mantel_haenszel", {"x": x, "y": y, "strata": strata}, calls, exp, sub, total)


def kendall_case(cid, dataset, x, y, want_method):
    sub, total = load(dataset, [x, y])
    xa, ya = sub[x].to_numpy(float), sub[y].to_numpy(float)
    r = st.kendalltau(xa, ya)  # variant='b', method='auto'
    n = len(xa)
    ties = len(np.unique(xa)) < n or len(np.unique(ya)) < n
    # scipy's auto rule: exact without ties when n <= 33 or at most one (dis)concordant pair.
    tau_c = st.kendalltau(xa, ya, method="asymptotic")
    method = "asymptotic"
    if not ties:
        ex = st.kendalltau(xa, ya, method="exact")
        if ex.pvalue == r.pvalue and (n <= 33 or ex.pvalue != tau_c.pvalue):
            method = "exact"
    assert method == want_method, (cid, method)
    exp = {"statistic": F(r.statistic), "p_value": F(r.pvalue), "method": method, "n": n}
    calls = ["scipy.stats.kendalltau(x, y)  # variant='b', method='auto'",
             "method: 'exact' if no ties and (n <= 33 or min(dis, tot - dis) <= 1) else 'asymptotic' "
             "(scipy 1.10 _stats_py.kendalltau); checked against method='exact'/'asymptotic'"]
    return case(cid, dataset, "kendalltau", {"x": x, "y": y}, calls, exp, sub, total)


def partial_case(cid, dataset, x, y, covar):
    # covar: one column's name (which may hold a comma), or names separated by commas.
    names = [covar] if covar in read(dataset).columns else [c.strip() for c in covar.split(",")]
    sub, total = load(dataset, [x, y] + names)
    Z = sm.add_constant(sub[names].to_numpy(float))
    rx = sm.OLS(sub[x].to_numpy(float), Z).fit().resid
    ry = sm.OLS(sub[y].to_numpy(float), Z).fit().resid
    r = st.pearsonr(rx, ry).statistic
    # pingouin's own route: the inverse covariance matrix.
    V = np.cov(sub[[x, y] + names].to_numpy(float), rowvar=False)
    Vi = np.linalg.pinv(V, hermitian=True)
    D = np.diag(np.sqrt(1 / np.diag(Vi)))
    r_inv = -(D @ Vi @ D)[0, 1]
    assert abs(r - r_inv) < 1e-10, (r, r_inv)
    n, k = len(sub), len(names)
    df = n - 2 - k
    t = r * math.sqrt(df / (1 - r * r))
    p = 2 * st.t.sf(abs(t), df)
    z, h = math.atanh(r), st.norm.ppf(0.975) / math.sqrt(n - k - 3)
    exp = {"statistic": F(r), "p_value": F(p), "n": n, "df": df, "covariates": names,
           "ci_low": F(math.tanh(z - h)), "ci_high": F(math.tanh(z + h))}
    calls = ["pingouin is not installed: r = scipy.stats.pearsonr(resid_x, resid_y), resid from "
             "statsmodels OLS(v, add_constant(covariates)).fit().resid; checked against pingouin's method "
             "-(D Vi D)[0,1], Vi = pinv(cov), to 1e-10",
             "p = 2*scipy.stats.t.sf(|r*sqrt(df/(1-r^2))|, df), df = n - 2 - k (pingouin.partial_corr)",
             "ci = tanh(atanh(r) -/+ norm.ppf(0.975)/sqrt(n - k - 3)) (pingouin compute_esci with nx = n - k, unrounded)"]
    return case(cid, dataset, "partial_corr", {"x": x, "y": y, "covar": covar}, calls, exp, sub, total)


def ttest_1samp_case(cid, dataset, x, popmean):
    sub, total = load(dataset, [x])
    v = sub[x].to_numpy(float)
    r = st.ttest_1samp(v, float(popmean))
    n = len(v)
    m, sd = np.mean(v), np.std(v, ddof=1)
    half = t_ppf_975(n - 1) * sd / math.sqrt(n)
    ci = r.confidence_interval(0.95)  # interval of the mean
    assert abs(ci.low - (m - half)) < 1e-7 * max(1, abs(m))
    exp = {"statistic": F(r.statistic), "p_value": F(r.pvalue), "df": F(r.df), "n": n, "mean": F(m), "sd": F(sd),
           "popmean": F(float(popmean)), "mean_difference": F(m - float(popmean)),
           "ci_low": F(m - half), "ci_high": F(m + half), "cohens_d": F((m - float(popmean)) / sd)}
    calls = ["scipy.stats.ttest_1samp(x, popmean)  # two-sided",
             "ci = mean -/+ t_ppf_975(n-1)*std(ddof=1)/sqrt(n) (TtestResult.confidence_interval(0.95) to 1e-7; "
             "t_ppf_975 inverts betainc, see reference.py)",
             "cohens_d = (mean - popmean)/std(ddof=1)"]
    return case(cid, dataset, "ttest_1samp", {"x": x, "popmean": popmean}, calls, exp, sub, total)

# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------


CASES = [
    (describe_case, "describe/plants-yield", "data/plants.csv", "yield"),
    (describe_case, "describe/plants-yield-by-treatment", "data/plants.csv", "yield", "treatment"),
    (describe_case, "describe/small_groups-by-batch", "data/small_groups.csv", "score", "batch"),
    (describe_case, "describe/small_groups-skew-by-batch", "data/small_groups.csv", "score", "batch", "skew"),
    (describe_case, "describe/likert-q1-mode", "data/likert.csv", "Q1 satisfaction", None, "mode"),
    (describe_case, "describe/likert-q1-median-by-region", "data/likert.csv", "Q1 satisfaction", "region", "median"),
    (describe_case, "describe/coded-response-sd-by-dose", "data/coded.csv", "response", "dose", "sd"),
    (describe_case, "describe/tiny_ties", "data/tiny_ties.csv", "rating"),
    (chi2_case, "chi2_contingency/survey-sex-smoker-2x2-yates", "data/survey.csv", "sex", "smoker"),
    (chi2_case, "chi2_contingency/survey-sex-region-2x3", "data/survey.csv", "sex", "region"),
    (chi2_case, "chi2_contingency/survey-region-age", "data/survey.csv", "region", "age_group"),
    (chi2_case, "chi2_contingency/sparse-zero-cell-warning", "data/sparse.csv", "treat", "cured"),
    (chi2_case, "chi2_contingency/sparse-kind-3x2-warning", "data/sparse.csv", "kind", "cured"),
    (chi2_case, "chi2_contingency/likert-region-q1", "data/likert.csv", "region", "Q1 satisfaction"),
    (chi2_case, "chi2_contingency/coded-group-dose", "data/coded.csv", "group", "dose"),
    (fisher_case, "fisher_exact/survey-sex-smoker", "data/survey.csv", "sex", "smoker"),
    (fisher_case, "fisher_exact/sparse-zero-diagonal", "data/sparse.csv", "treat", "cured"),
    (fisher_case, "fisher_exact/sparse-infinite-odds", "data/sparse.csv", "arm", "event"),
    (fisher_case, "fisher_exact/sparse-p-one", "data/sparse.csv", "pos", "neg"),
    (fisher_case, "fisher_exact/tiny_groups-group-arm", "data/tiny_groups.csv", "group", "arm"),
    (mantel_case, "mantel_haenszel/survey-exposure-disease-by-age", "data/survey.csv", "exposure", "disease", "age_group"),
    (mantel_case, "mantel_haenszel/survey-sex-smoker-by-region", "data/survey.csv", "sex", "smoker", "region"),
    (mantel_case, "mantel_haenszel/survey-smoker-disease-by-sex-k2", "data/survey.csv", "smoker", "disease", "sex"),
    (kendall_case, "kendalltau/ranks-n34-asymptotic", "data/ranks.csv", "a", "b", "asymptotic"),
    (kendall_case, "kendalltau/ranks-n33-exact", "data/ranks.csv", "c", "b", "exact"),
    (kendall_case, "kendalltau/ranks-n34-one-discordant-exact", "data/ranks.csv", "a", "d", "exact"),
    (kendall_case, "kendalltau/ranks-ties", "data/ranks.csv", "e", "b", "asymptotic"),
    (kendall_case, "kendalltau/likert-q1-q2", "data/likert.csv", "Q1 satisfaction", "Q2 loyalty", "asymptotic"),
    (kendall_case, "kendalltau/paired_tiny-exact", "data/paired_tiny.csv", "pre", "post", "exact"),
    (kendall_case, "kendalltau/large-xy", "data/large.csv", "x", "y", "asymptotic"),
    (partial_case, "partial_corr/health-sbp-chol-age", "data/health.csv", "sbp", "chol", "age"),
    (partial_case, "partial_corr/health-sbp-chol-age-bmi", "data/health.csv", "sbp", "chol", "age, bmi"),
    (partial_case, "partial_corr/health-three-covariates", "data/health.csv", "chol", "sbp", "age,bmi,exercise hours"),
    (partial_case, "partial_corr/body-weight-comma", "data/body.csv", "Yield_kg", "hours slept", "Weight, lb"),
    (ttest_1samp_case, "ttest_1samp/body-sleep-7", "data/body.csv", "hours slept", "7"),
    (ttest_1samp_case, "ttest_1samp/sites-yield-50", "data/sites.csv", "Yield_kg", "50"),
    (ttest_1samp_case, "ttest_1samp/paired_tiny-pre-5.5", "data/paired_tiny.csv", "pre", "5.5"),
    (ttest_1samp_case, "ttest_1samp/extreme-marker-minus1.5", "data/extreme.csv", "marker", "-1.5"),
]


def main():
    if "--keep-data" not in sys.argv:
        os.makedirs(DATA, exist_ok=True)
        for g in GENERATORS:
            g()
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for fn, cid, *args in CASES:
            out.append(fn(cid, *args))
    ids = [c["id"] for c in out]
    assert len(ids) == len(set(ids))
    with open(os.path.join(HERE, "reference_more.json"), "w") as f:
        json.dump(out, f, indent=1, allow_nan=False, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(out)} cases")


if __name__ == "__main__":
    main()
