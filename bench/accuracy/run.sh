#!/usr/bin/env bash
# Accuracy benchmark: trains `mlnet-attention train` with the CLI's defaults (plus any options you pass
# through) on each standard dataset under ../shared/datasets, and runs the classic anchors
# (../shared/anchors/classic_anchors.py: fastText with bigrams, TF-IDF + logistic regression) on the SAME
# files in the same invocation, then prints one Markdown table:
#   dataset | MicroAccuracy | MacroAccuracy | LogLoss | train s | tokens/s | fastText acc | TF-IDF LR acc | target | pass
# target = TF-IDF LR accuracy - 0.01; pass = MicroAccuracy >= target.
#
# Needs: the .NET SDK, /usr/bin/python3 with scikit-learn and the fasttext binary (for the anchors), and
# ../shared beside the repository. Not part of the test run: a full run takes hours on 2 cores.
#
# Usage: bench/accuracy/run.sh [options] [DATASET ...] [-- TRAIN OPTIONS ...]
#   DATASET             any of: ag_news pricerunner sst2 online_shopping_zh imdb (default: all five)
#   --max-train-rows N  train on a seeded random sample of N training rows (all datasets; default: all rows)
#   --max-test-rows N   evaluate on a seeded random sample of N test rows (default: all rows)
#   --imdb-rows N       cap imdb's train AND test files to N rows each (default 5000; 0 = all 25,000 + 25,000).
#                       imdb reviews are long (~1,300 characters, cut to the trainer's automatic length <= 256
#                       tokens); the full set takes hours here. The cap used is printed with the table.
#   --no-anchors        skip fastText / TF-IDF (the target and pass columns are then empty)
#   --out DIR           keep every run's files (model, metrics JSON, logs) in DIR (default: a new temp folder)
#   -- ...              everything after -- is passed to `train` (e.g. -- --epochs 20 --pooling mean)
# Example: bench/accuracy/run.sh sst2 -- --epochs 5
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="$(cd "${root}/.." && pwd)/shared"
python=/usr/bin/python3
all_datasets=(ag_news pricerunner sst2 online_shopping_zh imdb)
datasets=()
train_extra=()
max_train_rows=0
max_test_rows=0
imdb_rows=5000
anchors=1
out=""

while [ $# -gt 0 ]; do
    case "$1" in
        --max-train-rows) max_train_rows="$2"; shift 2 ;;
        --max-test-rows) max_test_rows="$2"; shift 2 ;;
        --imdb-rows) imdb_rows="$2"; shift 2 ;;
        --no-anchors) anchors=0; shift ;;
        --out) out="$2"; shift 2 ;;
        --) shift; train_extra=("$@"); break ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "error: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) datasets+=("$1"); shift ;;
    esac
done
[ ${#datasets[@]} -eq 0 ] && datasets=("${all_datasets[@]}")
for d in "${datasets[@]}"; do
    if [[ ! " ${all_datasets[*]} " =~ " ${d} " ]]; then echo "error: unknown dataset '${d}' (one of: ${all_datasets[*]})" >&2; exit 2; fi
    for f in train.csv test.csv; do
        [ -f "${shared}/datasets/${d}/${f}" ] || { echo "error: ${shared}/datasets/${d}/${f} not found" >&2; exit 1; }
    done
done
if [ "${anchors}" = 1 ]; then
    [ -f "${shared}/anchors/classic_anchors.py" ] || { echo "error: ${shared}/anchors/classic_anchors.py not found" >&2; exit 1; }
    command -v fasttext >/dev/null || { echo "error: fasttext not on PATH (apt-get install -y fasttext), or pass --no-anchors" >&2; exit 1; }
fi
[ -n "${out}" ] || out="$(mktemp -d "${TMPDIR:-/tmp}/mlnet-attention-accuracy.XXXXXX")"
mkdir -p "${out}"

echo "Building the CLI (Release)..." >&2
if ! dotnet build "${root}/src/Cli" -c Release -nologo > "${out}/build.log" 2>&1; then
    cat "${out}/build.log" >&2; exit 1
fi
cli="${root}/src/Cli/bin/Release/net10.0/mlnet-attention.dll"

# A seeded random sample of a CSV's rows (header kept, RFC 4180 preserved); 0 = the file itself.
sample() { # sample SOURCE ROWS DEST
    if [ "$2" = 0 ]; then cp "$1" "$3"; return; fi
    "${python}" - "$1" "$2" "$3" <<'PY'
import csv, random, sys
csv.field_size_limit(1 << 30)
source, rows, dest = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(source, encoding="utf-8", newline="") as f:
    header, *data = list(csv.reader(f))
if rows < len(data):
    data = random.Random(12345).sample(data, rows)
with open(dest, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(header); w.writerows(data)
PY
}

json() { "${python}" -c "import json,sys; v=json.load(open(sys.argv[1])).get(sys.argv[2]); print('' if v is None else v)" "$1" "$2"; }

rows=()
for d in "${datasets[@]}"; do
    dir="${out}/${d}"; mkdir -p "${dir}"
    train_rows="${max_train_rows}"; test_rows="${max_test_rows}"
    if [ "${d}" = imdb ] && [ "${imdb_rows}" != 0 ]; then train_rows="${imdb_rows}"; test_rows="${imdb_rows}"; fi
    sample "${shared}/datasets/${d}/train.csv" "${train_rows}" "${dir}/train.csv"
    sample "${shared}/datasets/${d}/test.csv" "${test_rows}" "${dir}/test.csv"

    echo "== ${d}: mlnet-attention train ${train_extra[*]:-}" >&2
    status=ok
    if ! dotnet "${cli}" train --dataset "${dir}/train.csv" --test-dataset "${dir}/test.csv" --label-col label \
            --output "${dir}/model.zip" --metrics-json "${dir}/metrics.json" "${train_extra[@]}" > "${dir}/train.log" 2>&1; then
        status=failed; echo "   train failed, see ${dir}/train.log" >&2; tail -n 3 "${dir}/train.log" >&2
    fi
    micro=""; macro=""; logloss=""; seconds=""; tps=""
    if [ "${status}" = ok ]; then
        micro=$(json "${dir}/metrics.json" MicroAccuracy); macro=$(json "${dir}/metrics.json" MacroAccuracy)
        logloss=$(json "${dir}/metrics.json" LogLoss); seconds=$(json "${dir}/metrics.json" TrainSeconds)
        tps=$(json "${dir}/metrics.json" TrainTokensPerSecond)
    fi

    fasttext_acc=""; tfidf_acc=""
    if [ "${anchors}" = 1 ]; then
        echo "== ${d}: classic anchors" >&2
        if "${python}" "${shared}/anchors/classic_anchors.py" "${dir}/train.csv" "${dir}/test.csv" > "${dir}/anchors.log" 2>&1; then
            fasttext_acc=$(sed -n 's/^RESULT fasttext acc=\([0-9.]*\).*/\1/p' "${dir}/anchors.log")
            tfidf_acc=$(sed -n 's/^RESULT tfidf_lr acc=\([0-9.]*\).*/\1/p' "${dir}/anchors.log")
        else
            echo "   anchors failed, see ${dir}/anchors.log" >&2
        fi
    fi
    rows+=("$("${python}" - "${d}" "${status}" "${micro}" "${macro}" "${logloss}" "${seconds}" "${tps}" "${fasttext_acc}" "${tfidf_acc}" \
        "$(grep -c '' "${dir}/train.csv")" "$(grep -c '' "${dir}/test.csv")" <<'PY'
import sys
d, status, micro, macro, logloss, seconds, tps, ft, tf, train_lines, test_lines = sys.argv[1:]
f = lambda v, fmt: format(float(v), fmt) if v else "–"
target = float(tf) - 0.01 if tf else None
verdict = "–" if target is None or not micro else ("pass" if float(micro) >= target else "FAIL")
if status != "ok": verdict = "train failed"
print(f"| {d} | {f(micro, '.4f')} | {f(macro, '.4f')} | {f(logloss, '.4f')} | {f(seconds, '.0f')} | {f(tps, '.0f')} | "
      f"{f(ft, '.4f')} | {f(tf, '.4f')} | {'–' if target is None else format(target, '.4f')} | {verdict} |")
PY
)")
done

echo
echo "Accuracy benchmark, $(date -u +%Y-%m-%d), $(nproc) cores; train options: ${train_extra[*]:-(CLI defaults)}"
[[ " ${datasets[*]} " =~ " imdb " ]] && [ "${imdb_rows}" != 0 ] && echo "imdb capped to ${imdb_rows} train and ${imdb_rows} test rows (seeded random sample)."
[ "${max_train_rows}" != 0 ] && echo "Training files capped to ${max_train_rows} rows (seeded random sample)."
[ "${max_test_rows}" != 0 ] && echo "Test files capped to ${max_test_rows} rows (seeded random sample)."
echo
echo "| dataset | MicroAccuracy | MacroAccuracy | LogLoss | train s | tokens/s | fastText acc | TF-IDF LR acc | target | pass |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}"
echo
echo "Files (models, metrics JSON, logs): ${out}"
