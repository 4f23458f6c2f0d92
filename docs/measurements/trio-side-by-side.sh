#!/bin/bash
# Whole trio pipelines side by side on the lent GPU, each then evaluated and analysed (an analysis script, not part of
# Splatlight). Runs in the checkout's root on the device machine, with .gpu packed as the README's "Running on a GPU
# machine without a JDK" says, plus .gpu/data/datasets/trio, .gpu/data/hdri/{city,courtyard,forest,night}.hdr and
# this folder's *.py and *.sh copied into .gpu/ (docs/measurements itself may have to stay behind: the carry
# limit):
#
#   timeout 570 bash .gpu/trio-side-by-side.sh NAME "OPTIONS" [NAME "OPTIONS"]...
#
# Runs live under out/ (ignored, so they survive between calls to a machine that stays warm). What matters of each
# (trio-evaluate.sh says what) goes into $OUT/results.tgz, also when the timeout stops the script: what has finished
# is kept. On an H200 two runs with the analyses take ~570 s and three without --reflections ~470 s; three with
# --reflections do not fit in one 600 s call. Side-by-side runs are not comparable in time: time one alone.
set -u
trap 'kill $(jobs -p) 2>/dev/null; exit 124' TERM
trap 'tar czf $OUT/results.tgz -C out res 2>/dev/null' EXIT
T() { bash .gpu/run.sh -cp '.gpu/lib/*' dev.splatlight.trainer.cli.TrainerMain "$@"; }
export -f T  # for /usr/bin/time's bash -c
bash .gpu/run.sh -version 2>&1 | head -1  # unpacks the runtime once, before the runs would race to
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
D=.gpu/data/datasets/trio
mkdir -p out/w
run_one() {
  local n=$1; shift
  local o=out/res/$n; mkdir -p $o
  /usr/bin/time -f "%e s wall" -o $o/time.txt bash -c "T train --data $D --out out/w/$n --checkpoint-every 100000 $*" > $o/train.log 2>&1
  bash .gpu/trio-evaluate.sh $n out/w/$n
}
rm -rf out/res
NAMES=()
while [ $# -ge 2 ]; do NAMES+=("$1"); run_one "$1" "$2" & shift 2; sleep 2; done
wait
bash .gpu/trio-summary.sh "${NAMES[@]}"
