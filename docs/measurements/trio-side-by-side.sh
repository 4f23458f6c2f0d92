#!/bin/bash
# Whole trio pipelines side by side on the lent GPU, each then evaluated and analysed (an analysis script, not part of
# Splatlight). Runs in the checkout's root on the device machine, with .gpu packed as the README's "Running on a GPU
# machine without a JDK" says, plus .gpu/data/datasets/trio, .gpu/data/hdri/{city,courtyard,forest,night}.hdr and
# this folder's *.py and this script copied into .gpu/ (docs/measurements itself may have to stay behind: the carry
# limit):
#
#   timeout 570 bash .gpu/trio-side-by-side.sh NAME "OPTIONS" [NAME "OPTIONS"]...
#
# Runs live under out/ (ignored, so they survive between calls to a machine that stays warm). What matters of each
# (report, summary, config, the mirror sphere's analyses, three contact sheets and one radiance view, the log's tail)
# goes into $OUT/results.tgz, also when the timeout stops the script: what has finished is kept. On an H200 two runs
# with the analyses take ~570 s and three without --reflections ~470 s; three with --reflections do not fit in one
# 600 s call. Side-by-side runs are not comparable in time: time one alone.
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
  T eval --asset out/w/$n --data $D --out out/w/ev$n/report.json > $o/eval.log 2>&1
  cp out/w/ev$n/report.json out/w/$n/train-summary.json out/w/$n/train-config.json out/w/ev$n/{nvs_pbr,albedo,relight_courtyard}-contact-sheet.png $o/ 2>/dev/null; cp out/w/ev$n/radiance/test_004.png $o/radiance-test_004.png 2>/dev/null
  (cd .gpu && python3 mirror-sphere-share.py ../out/w/ev$n) > $o/sphere-share.txt 2>&1
  (cd .gpu && python3 mirror-sphere-normals.py ../out/w/ev$n data/datasets/trio) > $o/sphere-normals.txt 2>&1
  (cd .gpu && python3 mirror-sphere-gaussians.py ../out/w/$n/point_cloud.ply 0.599,0.5079,0.1036 0.4198 data/datasets/trio) > $o/sphere-gaussians.txt 2>&1
  (cd .gpu && python3 mirror-sphere-reshade.py ../out/w/ev$n data/datasets/trio data/hdri) > $o/sphere-reshade.txt 2>&1
  tail -c 3000 $o/train.log > $o/train-tail.log; rm $o/train.log
}
rm -rf out/res
NAMES=()
while [ $# -ge 2 ]; do NAMES+=("$1"); run_one "$1" "$2" & shift 2; sleep 2; done
wait
for n in "${NAMES[@]}"; do d=out/res/$n; echo "== $d $(cat $d/time.txt)"; python3 - "$d/report.json" <<'PY'
import json,sys
try: r=json.load(open(sys.argv[1]))
except Exception as e: print("no report", e); sys.exit()
keys=["nvs_psnr","nvs_pbr_psnr","albedo_psnr","normal_mae_deg","normal_from_depth_mae_deg","relight_psnr_mean","mean_indirect","nvs_pbr_stray_light"]
print({k:round(r[k],4) for k in keys if isinstance(r.get(k),(int,float))})
print({e:{k:round(v[k],4) for k in ("psnr","ssim","stray_light") if k in v} for e,v in r.get("relight",{}).items() if isinstance(v,dict)})
PY
cat $d/sphere-share.txt; tail -2 $d/sphere-normals.txt; done

