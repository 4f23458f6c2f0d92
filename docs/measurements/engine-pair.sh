#!/bin/bash
# Whole engine pipelines one after the other, each alone on the GPU, then evaluated (an analysis script, not part of
# Splatlight). Set up as trio-side-by-side.sh says, with .gpu/data/datasets/engine and .gpu/data/hdri/{interior,
# courtyard,sunset,city}.hdr instead of trio (the carry holds one dataset); on the device machine:
#
#   timeout 560 bash .gpu/engine-pair.sh NAME "OPTIONS" [NAME "OPTIONS"]...
#
# Report, summary, config and three contact sheets per run go into $OUT/results.tgz.
set -u
trap 'tar czf $OUT/results.tgz -C out res 2>/dev/null' EXIT
D=.gpu/data/datasets/engine
T() { bash .gpu/run.sh -cp '.gpu/lib/*' dev.splatlight.trainer.cli.TrainerMain "$@"; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
while [ $# -ge 2 ]; do
  n=$1 opts=$2; shift 2
  o=out/res/$n; mkdir -p $o
  /usr/bin/time -f "%e s wall" -o $o/time.txt bash -c "bash .gpu/run.sh -cp '.gpu/lib/*' dev.splatlight.trainer.cli.TrainerMain train --data $D --out out/$n --checkpoint-every 100000 $opts" > $o/train.log 2>&1
  tail -c 3000 $o/train.log > $o/train-tail.log; rm $o/train.log
  T eval --asset out/$n --data $D --out out/ev$n/report.json > $o/eval.log 2>&1
  cp out/$n/train-summary.json out/$n/train-config.json out/ev$n/report.json out/ev$n/{nvs_pbr,albedo,relight_courtyard}-contact-sheet.png $o/ 2>/dev/null
  tail -2 $o/eval.log
done
