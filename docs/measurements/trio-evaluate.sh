#!/bin/bash
# Evaluates one trained trio asset and analyses its mirror sphere (analysis scripts, not part of Splatlight); what
# matters (report, summary, config, the learned light by zenith band against city.hdr, the sphere's analyses, three
# contact sheets and one radiance view, the training log's tail) goes into out/res/NAME. Used by trio-side-by-side.sh
# and trio-material-variants.sh, from the checkout's root on the device machine, with .gpu packed as they say:
#
#   bash .gpu/trio-evaluate.sh NAME ASSET_DIR
#
# Without ANALYSES=light the roughness, metallic and normal contact sheets are kept too, and the sphere's mean
# learned materials (material-on-pixels.py). ANALYSES=light keeps only the light's bands (the sphere's analyses take minutes when several runs share the machine).
# RELIT_INDIRECT=1 evaluates a second time with eval --relit-indirect (its report and courtyard sheet: relit-indirect-*);
# TRACED=1 likewise with eval --traced-reflections (traced-*). SPHERE_NORMALS=1 adds the mirror sphere's normal errors
# (mirror-sphere-normals.py, split by whether the photo shows the environment or the scene there) to
# ANALYSES=light, for comparing geometry stages.
set -u
n=$1 asset=$2
D=.gpu/data/datasets/trio
o=out/res/$n ev=out/w/ev$n
mkdir -p $o
bash .gpu/run.sh -cp '.gpu/lib/*' dev.splatlight.trainer.cli.TrainerMain eval --asset $asset --data $D --out $ev/report.json > $o/eval.log 2>&1
cp $ev/report.json $asset/train-summary.json $asset/train-config.json $ev/{nvs_pbr,albedo,relight_courtyard}-contact-sheet.png $o/ 2>/dev/null
[ "${ANALYSES:-all}" = light ] || cp $ev/{roughness,metallic,normal}-contact-sheet.png $o/ 2>/dev/null
cp $ev/radiance/test_004.png $o/radiance-test_004.png 2>/dev/null
if [ "${RELIT_INDIRECT:-0}" = 1 ]; then
  bash .gpu/run.sh -cp '.gpu/lib/*' dev.splatlight.trainer.cli.TrainerMain eval --asset $asset --data $D --out $ev-relit/report.json --relit-indirect > $o/relit-indirect-eval.log 2>&1
  cp $ev-relit/report.json $o/relit-indirect-report.json; cp $ev-relit/relight_courtyard-contact-sheet.png $o/relit-indirect-relight_courtyard-contact-sheet.png
fi
if [ "${TRACED:-0}" = 1 ]; then
  bash .gpu/run.sh -cp '.gpu/lib/*' dev.splatlight.trainer.cli.TrainerMain eval --asset $asset --data $D --out $ev-traced/report.json --traced-reflections > $o/traced-eval.log 2>&1
  cp $ev-traced/report.json $o/traced-report.json; cp $ev-traced/relight_courtyard-contact-sheet.png $o/traced-relight_courtyard-contact-sheet.png
fi
[ -f $o/train.log ] && { tail -c 3000 $o/train.log > $o/train-tail.log; rm $o/train.log; }
(cd .gpu && python3 light-bands.py ../$asset/environment.hdr data/hdri/city.hdr) > $o/light-bands.txt 2>&1
if [ "${ANALYSES:-all}" = light ]; then  # the full analyses below score the sphere's normals anyway
  [ "${SPHERE_NORMALS:-0}" = 1 ] && (cd .gpu && TRAINING_HDRI=data/hdri/city.hdr python3 mirror-sphere-normals.py ../$ev data/datasets/trio) > $o/sphere-normals.txt 2>&1
  exit 0
fi
(cd .gpu && python3 mirror-sphere-share.py ../$ev) > $o/sphere-share.txt 2>&1
(cd .gpu && python3 material-on-pixels.py ../$ev 249,247,241) > $o/sphere-materials.txt 2>&1
(cd .gpu && TRAINING_HDRI=data/hdri/city.hdr python3 mirror-sphere-normals.py ../$ev data/datasets/trio) > $o/sphere-normals.txt 2>&1
(cd .gpu && python3 mirror-sphere-gaussians.py ../$asset/point_cloud.ply 0.599,0.5079,0.1036 0.4198 data/datasets/trio) > $o/sphere-gaussians.txt 2>&1
(cd .gpu && python3 mirror-sphere-reshade.py ../$ev data/datasets/trio data/hdri) > $o/sphere-reshade.txt 2>&1
