"""Writes testdata/data/applicable.csv and applicable_small.csv, the datasets of
package applicable's tests, and checks with scipy the properties the tests rely on
(normality by scipy.stats.anderson at 5 %, expected counts, levels).

    /usr/bin/python3 testdata/applicable_data.py
"""
import numpy as np
import pandas as pd
from scipy import stats

rng = np.random.default_rng(17)
n = 80
df = pd.DataFrame({
    "norm1": np.round(rng.normal(50, 10, n), 3),
    "norm2": np.round(rng.normal(30, 5, n), 3),
    "skewed": np.round(rng.exponential(10, n), 3),
    "g2": ["a", "b"] * (n // 2),
    "g3": (["a", "b", "c"] * n)[:n],
    "sex": rng.choice(["F", "M"], n),
    "smoker": rng.choice(["no", "yes"], n),
    "rare": ["x" if i < 3 else "y" for i in range(n)],
    "region": (["north", "south", "west"] * n)[:n],
    "site": [f"s{i % 20:02d}" for i in range(n)],
    "stratum": rng.choice(["h1", "h2"], n),
    "stratum3": (["k1", "k2", "k3"] * n)[:n],
})
df["spread"] = np.round(np.where(df.g3 == "c", rng.normal(0, 10, n), rng.normal(0, 1, n)), 3)
df.to_csv("testdata/data/applicable.csv", index=False)

small = pd.DataFrame({
    "a": np.round(rng.normal(10, 2, 20), 3),
    "b": np.round(rng.normal(12, 2, 20), 3),
    "c": np.round(rng.exponential(5, 20) ** 2, 3),
    "g": ["p", "q"] * 10,
})
small.to_csv("testdata/data/applicable_small.csv", index=False)


def normal(x):
    r = stats.anderson(np.asarray(x, float))
    return r.statistic < r.critical_values[2]


def low(a, b):
    t = pd.crosstab(a, b).to_numpy()
    e = np.outer(t.sum(1), t.sum(0)) / t.sum()
    return t.shape, int((e < 1).sum()), int((e < 5).sum()), e.size


assert normal(df.norm1) and normal(df.norm2) and not normal(df.skewed)
for g in ("a", "b"):
    assert normal(df.norm1[df.g2 == g])
for g in ("a", "b", "c"):
    assert normal(df.norm1[df.g3 == g])
assert stats.levene(*[df.norm1[df.g3 == g] for g in "abc"]).pvalue >= 0.05
assert stats.levene(*[df.spread[df.g3 == g] for g in "abc"]).pvalue < 0.05
assert normal(small.a) and normal(small.b) and not normal(small.c)
assert not normal(small.c[small.g == "p"]) or not normal(small.c[small.g == "q"])
assert not normal(small.c - small.a)
print("sex×smoker", low(df.sex, df.smoker))
print("sex×rare", low(df.sex, df.rare))
print("sex×region", low(df.sex, df.region))
print("smoker×site", low(df.smoker, df.site))
assert low(df.sex, df.smoker)[2] == 0
assert low(df.sex, df.rare)[2] > 0.2 * 4
assert low(df.sex, df.region)[2] == 0
assert low(df.smoker, df.site)[2] > 0.2 * 40
print("ok")
