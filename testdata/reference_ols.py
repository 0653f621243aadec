#!/usr/bin/python3
"""Reference expected values for Inferra's OLS regression (analysis "ols"), from statsmodels.

Run from the repository root:

    /usr/bin/python3 testdata/reference_ols.py             # regenerate the OLS datasets + reference_ols.json
    /usr/bin/python3 testdata/reference_ols.py --keep-data # only recompute reference_ols.json

Writes:
  testdata/data/houses.csv, testdata/data/trial.csv,
  testdata/data/float_codes.csv                       datasets (fixed numpy seeds, fixed-decimal text)
  testdata/reference_ols.json                         array of cases; `expected` follows the "ols"
                                                      section of docs/RESULTS.md field by field

Conventions are those of reference.py (see testdata/README.md):
  * CSVs read with pandas, na_values=['NA','NaN','null','N/A','.'], keep_default_na=True,
    float_precision='round_trip'.
  * The formula is fitted with statsmodels.formula.api.ols(formula, data=df) on the whole file;
    patsy drops rows with a missing value in a column the formula uses:
    rows_used = fit.nobs, rows_dropped = len(df) - fit.nobs.
  * Floats are Python floats; NaN/Infinity are never written.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from statsmodels.stats.anova import anova_lm
from statsmodels.stats.outliers_influence import variance_inflation_factor
from statsmodels.stats.stattools import durbin_watson, jarque_bera, omni_normtest

# Shared with the hypothesis tests' script: paths, missing tokens and CSV writing.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference import DATA, HERE, NA_VALUES, fmt, write_csv  # noqa: E402

# ---------------------------------------------------------------------------------------------
# Datasets
# ---------------------------------------------------------------------------------------------


def gen_houses():
    # House prices (thousands): a column name with a dot (`floor.area`, reached with Q()),
    # a 5-level string factor `region` whose appearance order (west, north, south, east,
    # central) differs from the sorted order (central, east, north, south, west; patsy's
    # reference level is the sorted first, `central`), a true/false column `garage` (pandas
    # reads it as booleans; patsy names the level `garage[T.True]`), an integer `age` for
    # I(age ** 2), and missing values in every used column plus one in an unused column
    # (`agent`) that must not drop its row.
    rng = np.random.default_rng(1212)
    n = 160
    regions = ["west", "north", "south", "east", "central"]
    effect = {"central": 60.0, "north": 10.0, "south": -15.0, "east": 0.0, "west": 25.0}
    reg = list(regions) + list(rng.choice(regions, n - 5, p=[0.25, 0.2, 0.3, 0.1, 0.15]))
    rows = []
    for i in range(n):
        area = max(40.0, rng.normal(120, 35))
        age = int(rng.integers(0, 81))
        garage = rng.random() < 0.55
        noise = rng.normal(0, 30 + 0.15 * area)  # heteroscedastic: HC3 differs from nonrobust
        price = (50 + 1.8 * area - 0.9 * age + 0.006 * age * age + effect[reg[i]]
                 + 25 * garage + noise)
        agent = f"A{int(rng.integers(1, 9))}"
        rows.append([f"H{i + 1:03d}", fmt(price, 1), fmt(area, 1), age, reg[i],
                     "true" if garage else "false", agent])
    rows[7][1] = "NA"      # price
    rows[30][1] = ""       # price
    rows[12][2] = "."      # floor.area
    rows[45][3] = "NA"     # age
    rows[60][4] = "NA"     # region
    rows[75][5] = ""       # garage (column becomes object: True/False/NaN)
    rows[90][6] = ""       # agent: unused, must not drop the row
    write_csv("houses.csv", ["id", "price", "floor.area", "age", "region", "garage", "agent"], rows)


def gen_trial():
    # A 2-level string factor `sex` (M appears first; F is the reference), a 3-level `treat`
    # (c, a, b in appearance order) used with Treatment(reference='b'), two numeric
    # covariates `dose` and `weight` with a real dose×weight and sex×dose interaction, and a
    # treat×sex interaction. Missing values in response, dose and sex.
    rng = np.random.default_rng(1313)
    n = 96
    t_eff = {"a": -1.0, "b": 0.0, "c": 1.5}
    rows = []
    for i in range(n):
        sex = "M" if (i == 0 or rng.random() < 0.5) else "F"
        treat = ["c", "a", "b"][i] if i < 3 else str(rng.choice(["a", "b", "c"]))
        dose = rng.uniform(0, 10)
        weight = rng.normal(70, 12)
        m = sex == "M"
        y = (5 + 0.8 * dose + m * (2 + 0.5 * dose) + 0.05 * weight + 0.02 * dose * weight
             + t_eff[treat] + (1.2 if (m and treat == "c") else 0.0) + rng.normal(0, 2))
        rows.append([i + 1, sex, treat, fmt(dose, 2), fmt(weight, 1), fmt(y, 3)])
    rows[10][5] = "NA"     # response
    rows[20][3] = ""       # dose
    rows[33][1] = "NA"     # sex
    write_csv("trial.csv", ["subject", "sex", "treat", "dose", "weight", "response"], rows)


def gen_float_codes():
    # Codes written two ways, with no missing values anywhere: `kf` as 1.0/2.0/3.0 (pandas
    # reads float64, so patsy names C(kf)[T.2.0]) and `kd` as 1/2/3/4 (int64: C(kd)[T.2]),
    # a numeric covariate `x` and a numeric response `resp`.
    rng = np.random.default_rng(1414)
    n = 48
    # Effects well away from zero, so that no confidence limit nearly cancels (scipy's t
    # quantile is only good to ~1e-9 relative, which a limit near 0 would magnify).
    f_eff = {1: 0.0, 2: 3.0, 3: -4.0}
    d_eff = {1: 0.0, 2: 2.5, 3: 5.0, 4: -3.0}
    rows = []
    for i in range(n):
        kf = i % 3 + 1
        kd = (i // 3) % 4 + 1
        x = rng.normal(10, 3)
        resp = 4 + f_eff[kf] + d_eff[kd] + 0.3 * x + 0.1 * kf * x + rng.normal(0, 0.5)
        rows.append([i + 1, f"{kf}.0", kd, fmt(x, 2), fmt(resp, 3)])
    write_csv("float_codes.csv", ["id", "kf", "kd", "x", "resp"], rows)


GENERATORS = [gen_houses, gen_trial, gen_float_codes]

# ---------------------------------------------------------------------------------------------
# Fitting
# ---------------------------------------------------------------------------------------------


def F(x):
    """Python float, refusing NaN/inf (never written to JSON)."""
    x = float(x)
    if not math.isfinite(x):
        raise ValueError("non-finite value")
    return x


def load(dataset):
    return pd.read_csv(os.path.join(HERE, dataset), na_values=NA_VALUES, keep_default_na=True,
                       float_precision="round_trip")


BASE_CALLS = [
    "df = pandas.read_csv(path, na_values=['NA','NaN','null','N/A','.'], keep_default_na=True, float_precision='round_trip')",
    "fit = statsmodels.formula.api.ols(formula, data=df).fit()  # patsy drops rows with NA in used columns",
    "n = int(fit.nobs); rows_used = n; rows_dropped = len(df) - n",
    "dependent = fit.model.endog_names; df_model = fit.df_model; df_resid = fit.df_resid",
    "coefficients: fit.params, fit.bse, fit.tvalues, fit.pvalues, fit.conf_int(0.05) in fit.params order",
    "r_squared = fit.rsquared; adj_r_squared = fit.rsquared_adj; f_statistic = fit.fvalue; f_p_value = fit.f_pvalue",
    "log_likelihood = fit.llf; aic = fit.aic; bic = fit.bic",
    "residual_std_error = sqrt(fit.ssr / fit.df_resid)",
    "durbin_watson = statsmodels.stats.stattools.durbin_watson(fit.resid)",
    "jarque_bera = statsmodels.stats.stattools.jarque_bera(fit.resid) -> (statistic, p_value, skew, kurtosis)",
    "omnibus = statsmodels.stats.stattools.omni_normtest(fit.resid) -> (statistic, p_value)",
    "condition_number = fit.condition_number",
]


def ols_case(cid, dataset, formula, cov=None):
    df = load(dataset)
    total = len(df)
    fit0 = smf.ols(formula, data=df).fit()  # nonrobust: anova always comes from this fit
    fit = smf.ols(formula, data=df).fit(cov_type=cov) if cov else fit0
    calls = list(BASE_CALLS)
    if cov:
        calls[1] = (f"fit = statsmodels.formula.api.ols(formula, data=df).fit(cov_type='{cov}')  "
                    "# use_t=False: t holds z statistics, p-values and conf_int from the normal "
                    "distribution; fvalue/f_pvalue are the robust Wald F test of all non-constant "
                    "coefficients (F distribution, df_model and df_resid)")
        calls.append("fit_nonrobust = statsmodels.formula.api.ols(formula, data=df).fit()")

    n = int(fit.nobs)
    assert n == fit.nobs
    ci = fit.conf_int(0.05)
    coefs = []
    for term in fit.params.index:
        coefs.append({"term": term, "estimate": F(fit.params[term]), "std_error": F(fit.bse[term]),
                      "t": F(fit.tvalues[term]), "p_value": F(fit.pvalues[term]),
                      "ci_low": F(ci.loc[term, 0]), "ci_high": F(ci.loc[term, 1])})
    jb, jbp, skew, kurt = jarque_bera(fit.resid)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # kurtosistest warns for n < 20
        om, omp = omni_normtest(fit.resid)
    expected = {
        "formula": formula,
        "dependent": fit.model.endog_names,
        "cov_type": fit.cov_type,
        "n": n,
        "df_model": F(fit.df_model),
        "df_resid": F(fit.df_resid),
        "coefficients": coefs,
        "r_squared": F(fit.rsquared),
        "adj_r_squared": F(fit.rsquared_adj),
        "f_statistic": F(fit.fvalue),
        "f_p_value": F(fit.f_pvalue),
        "log_likelihood": F(fit.llf),
        "aic": F(fit.aic),
        "bic": F(fit.bic),
        "residual_std_error": F(math.sqrt(fit.ssr / fit.df_resid)),
        "durbin_watson": F(durbin_watson(fit.resid)),
        "jarque_bera": {"statistic": F(jb), "p_value": F(jbp), "skew": F(skew), "kurtosis": F(kurt)},
        "omnibus": {"statistic": F(om), "p_value": F(omp)},
        "condition_number": F(fit.condition_number),
    }

    # anova (type II) from the nonrobust fit
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            tab = anova_lm(fit0, typ=2)
        rows = []
        for term, r in tab.iterrows():
            if term == "Residual":
                rows.append({"term": "Residual", "sum_sq": F(r["sum_sq"]), "df": F(r["df"])})
            else:
                rows.append({"term": term, "sum_sq": F(r["sum_sq"]), "df": F(r["df"]),
                             "f": F(r["F"]), "p_value": F(r["PR(>F)"])})
        expected["anova"] = rows
        calls.append("anova = statsmodels.stats.anova.anova_lm(%s, typ=2): rows in table order, "
                     "columns sum_sq, df, F, PR(>F); Residual row sum_sq and df only"
                     % ("fit_nonrobust" if cov else "fit"))
    except Exception as e:  # noqa: BLE001 - recorded in calls; the Go side must know
        calls.append(f"anova left out: statsmodels.stats.anova.anova_lm(fit, typ=2) failed "
                     f"({type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''})")

    names = fit.model.exog_names
    if "Intercept" in names:
        X = fit.model.exog
        expected["vif"] = [{"term": names[i], "vif": F(variance_inflation_factor(X, i))}
                           for i in range(len(names)) if names[i] != "Intercept"]
        calls.append("vif = statsmodels.stats.outliers_influence.variance_inflation_factor(fit.model.exog, i) "
                     "for each exog column i but Intercept")
    else:
        calls.append("vif left out: no Intercept column (formula has - 1)")
        if fit.model.k_constant == 1:
            calls.append("statsmodels detects an implicit constant (the full-rank dummies of a factor "
                         "sum to 1): k_constant = 1, so r_squared is centered, df_model = rank - 1, "
                         "fvalue tests all slopes against the mean model")
        else:
            calls.append("no constant: k_constant = 0, r_squared/adj_r_squared uncentered, "
                         "df_model = rank (all columns), adj = 1 - (n)/(df_resid)*(1-R2)")

    params = {"formula": formula}
    if cov:
        params["cov"] = cov
    return {"id": cid, "dataset": dataset, "analysis": "ols", "params": params, "calls": calls,
            "expected": expected, "rows_used": n, "rows_dropped": int(total - n)}, fit


# ---------------------------------------------------------------------------------------------
# The cases
# ---------------------------------------------------------------------------------------------

CASES = [
    # numeric terms, names with a dot and a space (Q()), missing values dropped
    ("ols/body-sleep-mass", "data/body.csv", "Q('hours slept') ~ Q('Body.Mass')", None),
    ("ols/body-yield-mass-sleep", "data/body.csv", "Yield_kg ~ Q('Body.Mass') + Q('hours slept')", None),
    # C() of a 6-level string factor (one-way ANOVA as a regression), and with HC3
    ("ols/sites-C-site", "data/sites.csv", "Yield_kg ~ C(site)", None),
    ("ols/sites-C-site-hc3", "data/sites.csv", "Yield_kg ~ C(site)", "HC3"),
    # C() of integer-coded columns: int64 column -> C(group)[T.2]; float column (it has
    # missing codes) -> C(group)[T.2.0]; arm 1/2 without missing -> C(arm)[T.2]
    ("ols/tiny_groups-C-group", "data/tiny_groups.csv", "score ~ C(group)", None),
    ("ols/coded-C-group-C-arm", "data/coded.csv", "response ~ C(group) + C(arm)", None),
    # string column coded automatically (2 levels; Drug sorts before placebo) + numeric;
    # `yield` is a Python keyword, so patsy needs Q('yield')
    ("ols/plants-treatment-height", "data/plants.csv", "Q('yield') ~ treatment + height", None),
    # categorical x categorical with a * on a name with a space
    ("ols/likert-region-x-sex", "data/likert.csv", "Q('Q1 satisfaction') ~ region * sex", None),
    # large n, tiny p-values
    ("ols/large-y-x-group", "data/large.csv", "y ~ x + group", None),
    ("ols/extreme-response-dose-arm", "data/extreme.csv", "response_y ~ dose_x + arm", None),
    ("ols/monotone-quadratic", "data/monotone.csv", "effect ~ dose + I(dose ** 2)", None),
    # houses: 5-level string factor coded automatically, boolean, Q('floor.area'), missing
    ("ols/houses-main", "data/houses.csv", "price ~ Q('floor.area') + age + region + garage", None),
    ("ols/houses-main-hc3", "data/houses.csv", "price ~ Q('floor.area') + age + region + garage", "HC3"),
    ("ols/houses-log-poly", "data/houses.csv", "np.log(price) ~ np.log(Q('floor.area')) + age + I(age ** 2)", None),
    ("ols/houses-ref-north", "data/houses.csv", "price ~ C(region, Treatment(reference='north')) + Q('floor.area') + garage", None),
    # no intercept: a true no-constant model, and one whose factor dummies make an implicit constant
    ("ols/houses-nointercept", "data/houses.csv", "price ~ Q('floor.area') + age - 1", None),
    ("ols/houses-nointercept-region", "data/houses.csv", "price ~ region + Q('floor.area') - 1", None),
    # trial: interactions
    ("ols/trial-sex-x-dose", "data/trial.csv", "response ~ sex * dose", None),
    ("ols/trial-dose-x-weight", "data/trial.csv", "response ~ dose * weight", None),
    ("ols/trial-treat-ref-b-x-sex", "data/trial.csv", "response ~ C(treat, Treatment(reference='b')) * sex", None),
    ("ols/trial-colon-no-main", "data/trial.csv", "response ~ dose + sex:dose", None),
    ("ols/trial-I-product", "data/trial.csv", "response ~ dose + weight + I(dose * weight)", None),
    ("ols/trial-C-sex-dose-weight", "data/trial.csv", "response ~ C(sex) + dose + weight + dose:weight", None),
    # C() of codes written 1.0/2.0/3.0 (float64 in pandas: C(kf)[T.2.0]) and 1/2/3/4 (int64:
    # C(kd)[T.2]), no missing values; and the float-coded factor interacting with a covariate
    ("ols/float_codes-C-kf-C-kd", "data/float_codes.csv", "resp ~ C(kf) + C(kd)", None),
    ("ols/float_codes-C-kf-x-hc3", "data/float_codes.csv", "resp ~ C(kf) * x + C(kd)", "HC3"),
]


def sanity(fits):
    """Hand checks against plain numpy, independent of statsmodels' formula machinery."""
    # 1. simple regression: slope/intercept vs numpy.polyfit, R^2 vs corrcoef^2
    df = load("data/body.csv")
    sub = df[["Body.Mass", "hours slept"]].dropna()
    x, y = sub["Body.Mass"].to_numpy(float), sub["hours slept"].to_numpy(float)
    slope, icpt = np.polyfit(x, y, 1)
    f = fits["ols/body-sleep-mass"]
    assert abs(f.params["Q('Body.Mass')"] - slope) < 1e-12 * abs(slope) * 1e3
    assert abs(f.params["Intercept"] - icpt) < 1e-9 * abs(icpt)
    assert abs(f.rsquared - np.corrcoef(x, y)[0, 1] ** 2) < 1e-12
    assert f.nobs == len(sub)
    # 2. one-way: F equals scipy f_oneway, R^2 equals eta^2
    import scipy.stats as st
    d = load("data/sites.csv").dropna()
    groups = [g["Yield_kg"].to_numpy(float) for _, g in d.groupby("site")]
    r = st.f_oneway(*groups)
    f = fits["ols/sites-C-site"]
    assert abs(f.fvalue - r.statistic) < 1e-9 * r.statistic, (f.fvalue, r.statistic)
    # 3. houses-main: coefficients vs numpy.linalg.lstsq on a hand-built matrix
    h = load("data/houses.csv")
    h = h.dropna(subset=["price", "floor.area", "age", "region", "garage"])
    lv = ["east", "north", "south", "west"]
    # patsy puts the terms without a numeric factor first: Intercept, region, garage, then
    # floor.area, age (not the formula's order)
    X = np.column_stack([np.ones(len(h))] + [(h["region"] == v).astype(float) for v in lv]
                        + [(h["garage"] == True).astype(float), h["floor.area"], h["age"]])  # noqa: E712
    b, *_ = np.linalg.lstsq(X, h["price"].to_numpy(float), rcond=None)
    f = fits["ols/houses-main"]
    assert np.allclose(f.params.to_numpy(), b, rtol=1e-10, atol=0), (f.params, b)
    # 4. no-intercept R^2 is uncentered: 1 - ssr / sum(y^2)
    f = fits["ols/houses-nointercept"]
    assert abs(f.rsquared - (1 - f.ssr / np.sum(f.model.endog ** 2))) < 1e-13
    assert f.df_model == 2 and f.model.k_constant == 0
    f = fits["ols/houses-nointercept-region"]
    assert f.model.k_constant == 1 and f.df_model == 5
    # 5. condition numbers: statsmodels (squared singular values of the pinv fit) vs the SVD of X
    for cid, f in fits.items():
        s = np.linalg.svd(f.model.exog, compute_uv=False)
        rel = abs(f.condition_number - s[0] / s[-1]) / (s[0] / s[-1])
        assert rel < 1e-12, (cid, rel)
    # 6. HC3: z statistics, normal p-values and normal-quantile intervals
    f = fits["ols/houses-main-hc3"]
    z = f.params / f.bse
    assert np.allclose(f.pvalues, 2 * st.norm.sf(np.abs(z)), rtol=1e-12)
    assert np.allclose(f.conf_int(0.05)[0], f.params - st.norm.ppf(0.975) * f.bse, rtol=1e-12)
    # 7. anova typ=2 sum_sq = SSR(M0) - SSR(M1), where M1 = the model-matrix columns of every
    #    term except those that strictly contain the term (intercept kept), M0 = M1 without the
    #    term's own columns; F = (sum_sq/df) / (ssr/df_resid) of the full fit
    for cid, f in fits.items():
        X, yy = f.model.exog, f.model.endog
        di = f.model.data.design_info
        terms = [t for t in di.terms if t.factors]

        def ssr(cols):
            Xs = X[:, sorted(cols)]
            b, *_ = np.linalg.lstsq(Xs, yy, rcond=None)
            r = yy - Xs @ b
            return float(r @ r)
        tab = anova_lm(f if f.cov_type == "nonrobust" else smf.ols(f.model.formula, f.model.data.frame).fit(), typ=2)
        for t in terms:
            inside = set()
            for u in terms:
                if set(t.factors) < set(u.factors):
                    sl = di.slice(u)
                    inside |= set(range(sl.start, sl.stop))
            sl = di.slice(t)
            m1 = set(range(X.shape[1])) - inside
            m0 = m1 - set(range(sl.start, sl.stop))
            ss = (ssr(m0) if m0 else float(yy @ yy)) - ssr(m1)
            assert abs(tab.loc[t.name(), "sum_sq"] - ss) < 1e-9 * ss, (cid, t.name())
    print("sanity checks passed")


def main():
    if "--keep-data" not in sys.argv:
        os.makedirs(DATA, exist_ok=True)
        for g in GENERATORS:
            g()
    out, fits = [], {}
    for cid, dataset, formula, cov in CASES:
        c, fit = ols_case(cid, dataset, formula, cov)
        out.append(c)
        fits[cid] = fit
    ids = [c["id"] for c in out]
    assert len(ids) == len(set(ids))
    sanity(fits)
    with open(os.path.join(HERE, "reference_ols.json"), "w") as f:
        json.dump(out, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {len(out)} cases")


if __name__ == "__main__":
    main()
