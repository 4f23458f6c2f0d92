#!/bin/bash
# Material-stage variants on ONE trio geometry (analysis script, not part of Splatlight): trains geometry and bake
# once with GEOMETRY_OPTIONS, then the material stage of each variant side by side from copies of it, then evaluates
# and analyses each (trio-evaluate.sh). Set up as trio-side-by-side.sh says; on the device machine:
#
#   timeout 570 bash .gpu/trio-material-variants.sh "GEOMETRY_OPTIONS" NAME "MATERIAL_OPTIONS" [NAME "MATERIAL_OPTIONS"]...
#
# e.g. "--reflections" base "" lr3 "--material-lr 0.03" long "--material-iterations 10000"; a variant with --bake-*
# options bakes again before its material stage. A warm machine keeps the
# geometry under out/w/geometry: a later call with the same GEOMETRY_OPTIONS reuses it (the options are compared).
# Material times of variants side by side do not compare with a run alone.
set -u
trap 'kill $(jobs -p) 2>/dev/null; exit 124' TERM
trap 'tar czf $OUT/results.tgz -C out res 2>/dev/null' EXIT
T() { bash .gpu/run.sh -cp '.gpu/lib/*' dev.splatlight.trainer.cli.TrainerMain "$@"; }
export -f T
bash .gpu/run.sh -version 2>&1 | head -1
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
D=.gpu/data/datasets/trio
GEOMETRY=$1; shift
base=out/w/geometry
mkdir -p out/w out/res
if [ "$(cat $base/options.txt 2>/dev/null)" != "$GEOMETRY" ] || [ ! -f $base/occlusion.bin ]; then
  rm -rf $base; mkdir -p $base
  /usr/bin/time -f "%e s wall" -o out/res/geometry-time.txt bash -c "T train --data $D --out $base --checkpoint-every 100000 --stages geometry,bake $GEOMETRY" > out/res/geometry.log 2>&1
  tail -c 3000 out/res/geometry.log > out/res/geometry-tail.log; rm out/res/geometry.log
  echo "$GEOMETRY" > $base/options.txt
fi
run_one() {
  local n=$1; shift
  local o=out/res/$n; mkdir -p $o
  rm -rf out/w/$n; cp -r $base out/w/$n
  local stages=material; [[ "$*" == *--bake-* ]] && stages=bake,material   # a variant with bake options bakes again
  /usr/bin/time -f "%e s wall" -o $o/time.txt bash -c "T train --data $D --out out/w/$n --stages $stages $GEOMETRY $*" > $o/train.log 2>&1
  bash .gpu/trio-evaluate.sh $n out/w/$n
}
NAMES=()
while [ $# -ge 2 ]; do NAMES+=("$1"); run_one "$1" "$2" & shift 2; sleep 2; done
wait
bash .gpu/trio-summary.sh "${NAMES[@]}"
