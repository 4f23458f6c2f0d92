#!/bin/bash
# Prints the metrics of the runs under out/res named as arguments (from trio-evaluate.sh): time, scores, relighting
# per environment, stray light, the mirror sphere's share.
for n in "$@"; do d=out/res/$n; echo "== $d $(cat $d/time.txt 2>/dev/null)"; python3 - "$d/report.json" <<'PY'
import json,sys
try: r=json.load(open(sys.argv[1]))
except Exception as e: print("no report", e); sys.exit()
keys=["nvs_psnr","nvs_pbr_psnr","albedo_psnr","normal_mae_deg","normal_from_depth_mae_deg","relight_psnr_mean","mean_indirect","nvs_pbr_stray_light","roughness_mae","metallic_mae"]
print({k:round(r[k],4) for k in keys if isinstance(r.get(k),(int,float))})
print({e:{k:round(v[k],4) for k in ("psnr","ssim","stray_light") if k in v} for e,v in r.get("relight",{}).items() if isinstance(v,dict)})
print("mean occlusion", round(r.get("mean_occlusion",float("nan")),4), "ceiling", {e:round(v,3) for e,v in r.get("shading_ceiling_psnr",{}).items()}, "with the asset's occlusion", {e:round(v,3) for e,v in r.get("shading_ceiling_occluded_psnr",{}).items()})
PY
[ -f $d/relit-indirect-report.json ] && python3 - "$d/relit-indirect-report.json" <<'PY'
import json,sys
r=json.load(open(sys.argv[1]))
print("relit indirect:", round(r["relight_psnr_mean"],4), {e:(round(v["psnr"],4),[round(x,3) for x in v.get("indirect_scale",[])]) for e,v in r["relight"].items()})
PY
[ -f $d/traced-report.json ] && python3 - "$d/traced-report.json" <<'PY'
import json,sys
r=json.load(open(sys.argv[1]))
print("traced reflections:", round(r["relight_psnr_mean"],4), {e:round(v["psnr"],4) for e,v in r["relight"].items()}, "rescaled", round(r.get("relight_rescaled_psnr_mean",float("nan")),4))
PY
cat $d/sphere-share.txt 2>/dev/null; tail -2 $d/sphere-normals.txt 2>/dev/null; done
