#!/usr/bin/env python3
"""Writes the side-by-side benchmark's workload: N rows of
id,group,dept,x1,x2,x3,y (57 MB for a million rows), the shape the Go
benchmarks of package load and plots write for themselves.

    python3 scripts/bench/gen.py [ROWS] [FILE]     (defaults: 1000000 w1m.csv)

group is control or treatment (half each), dept one of eight departments,
x1 ~ N(0, 1), x2 ~ N(5, 2), x3 ~ U(0, 10), and
y = 1.5 x1 - 0.7 x2 + 0.2 x3 + N(0, 1), plus 0.3 under treatment; the
numbers are written with six decimals. The same seed gives the same file.
Needs numpy (Debian: python3-numpy, which python3-pandas brings).
"""
import sys

import numpy as np

DEPTS = np.array(["eng", "ops", "sales", "hr", "legal", "fin", "mkt", "rnd"])


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    path = sys.argv[2] if len(sys.argv) > 2 else "w1m.csv"
    rng = np.random.default_rng(42)
    with open(path, "w", newline="") as f:
        f.write("id,group,dept,x1,x2,x3,y\n")
        chunk = 100_000
        for start in range(0, rows, chunk):
            n = min(chunk, rows - start)
            treat = rng.random(n) < 0.5
            dept = DEPTS[rng.integers(0, len(DEPTS), n)]
            x1 = rng.standard_normal(n)
            x2 = 5 + 2 * rng.standard_normal(n)
            x3 = 10 * rng.random(n)
            y = 1.5 * x1 - 0.7 * x2 + 0.2 * x3 + rng.standard_normal(n) + 0.3 * treat
            group = np.where(treat, "treatment", "control")
            f.writelines(
                f"{start + i},{group[i]},{dept[i]},{x1[i]:.6f},{x2[i]:.6f},{x3[i]:.6f},{y[i]:.6f}\n"
                for i in range(n)
            )


if __name__ == "__main__":
    main()
