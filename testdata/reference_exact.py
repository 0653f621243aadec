#!/usr/bin/python3
"""Exact reference values for least squares where floating-point references fail.

statsmodels solves least squares by a pseudo-inverse, which is inexact on a response far from
zero (1e9 + 1e-5 noise: 3e-5 relative error) and drops columns of very different scales (1e-8
next to 1e8) as numerically null. These cases are solved here in exact rational arithmetic
(fractions.Fraction) on the float64 values the CSV text rounds to, so the expected estimates
are the true least-squares solution to the last bit of the conversion back to float64.

Run from the repository root:  /usr/bin/python3 testdata/reference_exact.py
It writes testdata/data/ill_offset.csv, testdata/data/ill_scaled.csv (fixed seeds) and
testdata/reference_exact.json: [{id, dataset, formula, terms, estimates, r_squared, call}].
"""
import csv
import json
import os
from fractions import Fraction

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, header, rows):
    with open(os.path.join(HERE, "data", name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def read(name, cols):
    with open(os.path.join(HERE, "data", name)) as f:
        rows = list(csv.DictReader(f))
    return [[Fraction(float(r[c])) for c in cols] for r in rows]


def solve(x, y):
    """Least squares by the normal equations in exact arithmetic (Gauss–Jordan)."""
    p = len(x[0])
    a = [[sum(r[i] * r[j] for r in x) for j in range(p)] + [sum(r[i] * v for r, v in zip(x, y))]
         for i in range(p)]
    for c in range(p):
        piv = next(i for i in range(c, p) if a[i][c] != 0)
        a[c], a[piv] = a[piv], a[c]
        for i in range(p):
            if i != c and a[i][c] != 0:
                f = a[i][c] / a[c][c]
                a[i] = [u - f * v for u, v in zip(a[i], a[c])]
    return [a[i][p] / a[i][i] for i in range(p)]


def r_squared(x, y, beta):
    n = len(y)
    mean = sum(y) / n
    ssr = sum((v - sum(b * u for b, u in zip(beta, r))) ** 2 for r, v in zip(x, y))
    sst = sum((v - mean) ** 2 for v in y)
    return 1 - ssr / sst


def main():
    rng = np.random.default_rng(77)
    n = 60
    xs = rng.uniform(0, 10, n)
    write("ill_offset.csv", ["x", "y"],
          [[f"{x:.3f}", f"{1e9 + 1e-5 * (2 * x + rng.normal()):.7f}"] for x in xs])
    a = rng.normal(0, 1e-8, n)
    b = rng.normal(0, 1e8, n)
    write("ill_scaled.csv", ["tiny", "huge", "resp"],
          [[f"{u:.6e}", f"{v:.6e}", f"{3 + 2e8 * u - 4e-9 * v + rng.normal():.6f}"] for u, v in zip(a, b)])

    cases = []
    for cid, name, cols, resp, terms in [
        ("ols-exact/ill_offset", "ill_offset.csv", ["x"], "y", ["Intercept", "x"]),
        ("ols-exact/ill_scaled", "ill_scaled.csv", ["tiny", "huge"], "resp", ["Intercept", "tiny", "huge"]),
    ]:
        data = read(name, cols + [resp])
        x = [[Fraction(1)] + r[:-1] for r in data]
        y = [r[-1] for r in data]
        beta = solve(x, y)
        cases.append({
            "id": cid, "dataset": "data/" + name, "formula": f"{resp} ~ {' + '.join(cols)}",
            "terms": terms, "estimates": [float(v) for v in beta],
            "r_squared": float(r_squared(x, y, beta)),
            "call": "exact rational least squares (fractions.Fraction, normal equations by Gauss-Jordan) "
                    "on float(csv text)",
        })
    with open(os.path.join(HERE, "reference_exact.json"), "w") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases")


if __name__ == "__main__":
    main()
