#!/usr/bin/env python3
"""Rewrite a batch's labels that name a companion chart as the test that
draws it.

The charts residuals, crosstab, qqplot and ecdf are drawn beside a test
(plots.Companion): a job for ols shows the residuals chart, one for
chi2_contingency, fisher_exact or mantel_haenszel the grouped bars of its
table, one for shapiro, anderson, lilliefors or kstest the Q-Q plot, one
for ks_2samp the two empirical CDFs. They are not on the decision
allow-list (decision.Analyses), so a question asking for one of them is
answered by deciding its test. Writers briefed with `inferra analyses`
(which lists the companions too) may label such a question with the chart;
this script rewrites those labels, and only those, in place:

    /usr/bin/python3 testdata/decisions/companions.py testdata/decisions/batches/blindN.json
"""
import json
import sys

NORMALITY = ["shapiro", "anderson", "lilliefors"]


def tests(a):
    """The decisions that answer label a (a list, the first the label)."""
    an, p = a.get("analysis"), dict(a.get("params", {}))
    if an == "residuals":
        return [{"analysis": "ols", "params": {"formula": p["formula"]}}]
    if an == "crosstab":
        t = p.pop("test", "")
        if p.get("strata") or t == "mantel_haenszel":
            return [{"analysis": "mantel_haenszel", "params": p}]
        if t == "fisher_exact":
            return [{"analysis": "fisher_exact", "params": p}]
        return [{"analysis": "chi2_contingency", "params": p}]
    if an == "qqplot":
        t = p.pop("test", "")
        dist = p.pop("dist", "")
        if t == "kstest" or dist not in ("", "norm"):
            return [{"analysis": "kstest", "params": dict(p, dist=dist or "norm")}]
        order = [t] + [n for n in NORMALITY if n != t] if t else NORMALITY
        return [{"analysis": n, "params": p} for n in order] + [{"analysis": "kstest", "params": dict(p, dist="norm")}]
    if an == "ecdf":
        return [{"analysis": "ks_2samp", "params": p}]
    return None


def main(path):
    items = json.load(open(path))
    n = 0
    for it in items:
        e = it["expect"]
        if e.get("decline"):
            continue
        new = tests(e)
        if new is None:
            continue
        n += 1
        acc = []
        for a in it.get("accept", []):
            acc += tests(a) or [a]
        it["expect"], rest = new[0], new[1:] + acc
        seen, uniq = [], []
        for a in rest:
            if a not in seen and a != it["expect"]:
                seen.append(a)
                uniq.append(a)
        if uniq:
            it["accept"] = uniq
        else:
            it.pop("accept", None)
        it["note"] = it.get("note", "") + " [label: the companion chart's test, see companions.py]"
    with open(path, "w") as f:
        json.dump(items, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{path}: {n} companion labels rewritten")


if __name__ == "__main__":
    for p in sys.argv[1:]:
        main(p)
