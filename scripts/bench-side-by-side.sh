#!/usr/bin/env bash
# Side-by-side whole-process timing of `inferra analyze` and the Python stack
# (scripts/bench/pybench.py: pandas, scipy, statsmodels) on the
# 1,000,000-row workload that scripts/bench/gen.py writes, alternating the
# two, several runs each; prints the median wall time of each and the ratio.
#
#   scripts/bench-side-by-side.sh [RUNS] [TASK...]
#
# Needs Go and Debian's python3-pandas python3-scipy python3-statsmodels (and
# python3-seaborn for the chart tasks) for the Python side. TASKs are pybench.py's names
# (ttest anova pearson spearman ols, and the charts boxplot hist kde scatter
# regplot, which inferra writes with --out as PNG and SVG and seaborn as PNG);
# the default is the four of issue 3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}; shift || true
tasks=("$@"); [ ${#tasks[@]} -gt 0 ] || tasks=(ttest anova pearson spearman)
bench=scripts/bench
work=${WORK_DIR:-/tmp/inferra-bench}
mkdir -p "$work" "$work/out"
csv=$work/w1m.csv
[ -f "$csv" ] || /usr/bin/python3 "$bench/gen.py" 1000000 "$csv"
CGO_ENABLED=0 go build -trimpath -o "$work/inferra" ./cmd/inferra

args_for() { # sets the array a to inferra's arguments for a pybench task
  case $1 in
    ttest) a=(--analysis ttest_ind --param group=group --param value=y) ;;
    anova) a=(--analysis f_oneway --param group=dept --param value=y) ;;
    pearson) a=(--analysis pearsonr --param x=x1 --param y=y) ;;
    spearman) a=(--analysis spearmanr --param x=x1 --param y=y) ;;
    ols) a=(--analysis ols --param "formula=y ~ x1 + x2 + x3 + C(dept)") ;;
    boxplot) a=(--analysis boxplot --param group=dept --param value=y --out "$work/out") ;;
    hist) a=(--analysis histogram --param x=y --out "$work/out") ;;
    kde) a=(--analysis kde --param x=y --out "$work/out") ;;
    scatter) a=(--analysis scatter --param x=x1 --param y=y --out "$work/out") ;;
    regplot) a=(--analysis regplot --param x=x1 --param y=y --out "$work/out") ;;
    *) echo "unknown task $1" >&2; exit 2 ;;
  esac
}

wall() { # prints the wall seconds of the command
  local s e
  s=$(date +%s%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; e=$(date +%s%N)
  awk -v ns=$((e - s)) 'BEGIN {printf "%.4f\n", ns / 1e9}'
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

printf "%-10s %12s %12s %8s\n" task "inferra (s)" "python (s)" ratio
for task in "${tasks[@]}"; do
  args_for "$task"
  : >"$work/go.t"; : >"$work/py.t"
  for _ in $(seq "$runs"); do
    wall "$work/inferra" analyze --data "$csv" "${a[@]}" >>"$work/go.t"
    wall env BENCH_OUT="$work/out" /usr/bin/python3 "$bench/pybench.py" "$csv" "$task" >>"$work/py.t"
  done
  g=$(median <"$work/go.t"); p=$(median <"$work/py.t")
  printf "%-10s %12.3f %12.3f %7.1fx\n" "$task" "$g" "$p" "$(awk -v p="$p" -v g="$g" 'BEGIN {print p / g}')"
done
