#!/usr/bin/env python3
"""The Python side of scripts/bench-side-by-side.sh: one analysis of the
benchmark workload (scripts/bench/gen.py) with pandas, scipy and
statsmodels, as a whole process, the way `inferra analyze` runs one.

    python3 scripts/bench/pybench.py FILE TASK

TASK is what the Go side runs with the same columns:

    ttest     scipy.stats.ttest_ind(y by group, equal_var=False)   inferra ttest_ind
    anova     scipy.stats.f_oneway(y by dept)                      inferra f_oneway
    pearson   scipy.stats.pearsonr(x1, y)                          inferra pearsonr
    spearman  scipy.stats.spearmanr(x1, y)                         inferra spearmanr
    ols       statsmodels ols("y ~ x1 + x2 + x3 + C(dept)")         inferra ols
    boxplot hist kde scatter regplot   seaborn charts as PNG in $BENCH_OUT
                                       (needs python3-seaborn)

It prints the statistic and p-value (or the chart's file) on one line.
Needs Debian's python3-pandas python3-scipy python3-statsmodels.
"""
import os
import sys

import pandas as pd
from scipy import stats


def two_groups(df):
    return [g["y"].to_numpy() for _, g in df.groupby("group", sort=True)]


def ttest(df):
    a, b = two_groups(df)
    r = stats.ttest_ind(a, b, equal_var=False)
    return f"t = {r.statistic:.6g}, p = {r.pvalue:.6g}"


def anova(df):
    r = stats.f_oneway(*[g["y"].to_numpy() for _, g in df.groupby("dept", sort=True)])
    return f"F = {r.statistic:.6g}, p = {r.pvalue:.6g}"


def pearson(df):
    r = stats.pearsonr(df["x1"], df["y"])
    return f"r = {r[0]:.6g}, p = {r[1]:.6g}"


def spearman(df):
    r = stats.spearmanr(df["x1"], df["y"])
    return f"rho = {r[0]:.6g}, p = {r[1]:.6g}"


def ols(df):
    import statsmodels.formula.api as smf

    fit = smf.ols("y ~ x1 + x2 + x3 + C(dept)", data=df).fit()
    fit.summary()  # the table a user reads, as inferra writes its report
    return f"R2 = {fit.rsquared:.6g}, F = {fit.fvalue:.6g}, p = {fit.f_pvalue:.6g}"


def chart(kind):
    def draw(df):
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import seaborn as sns

        fig, ax = plt.subplots()
        if kind == "boxplot":
            sns.boxplot(data=df, x="dept", y="y", ax=ax)
        elif kind == "hist":
            sns.histplot(data=df, x="y", ax=ax)
        elif kind == "kde":
            sns.kdeplot(data=df, x="y", ax=ax)
        elif kind == "scatter":
            sns.scatterplot(data=df, x="x1", y="y", ax=ax)
        else:
            sns.regplot(data=df, x="x1", y="y", ax=ax)
        path = os.path.join(os.environ.get("BENCH_OUT", "."), f"py-{kind}.png")
        fig.savefig(path)
        plt.close(fig)
        return path

    return draw


TASKS = {
    "ttest": ttest,
    "anova": anova,
    "pearson": pearson,
    "spearman": spearman,
    "ols": ols,
    **{k: chart(k) for k in ("boxplot", "hist", "kde", "scatter", "regplot")},
}


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in TASKS:
        sys.exit(f"usage: pybench.py FILE TASK (TASK: {' '.join(TASKS)})")
    df = pd.read_csv(sys.argv[1])
    print(sys.argv[2], TASKS[sys.argv[2]](df))


if __name__ == "__main__":
    main()
