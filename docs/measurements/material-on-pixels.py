"""One material's learned values over its pixels (an analysis script, not part of Splatlight).

Reads `eval`'s albedo, roughness and metallic contact sheets (rows of prediction | truth | error), takes the pixels
whose true albedo is within 0.04 of COLOUR (sRGB 8-bit, e.g. 249,247,241 for trio's silver sphere, 255,227,157 for
mini's gold cube), and prints the predicted linear albedo (after eval's median scale) over the truth's per channel,
and the mean predicted roughness and metallic there.

    python3 docs/measurements/material-on-pixels.py EVAL_DIR 249,247,241
"""
import os
import sys
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_pictures import linear, picture as sheet  # noqa: E402


directory = sys.argv[1]
colour = np.array([int(v) for v in sys.argv[2].split(',')]) / 255.0
albedo = sheet(f'{directory}/albedo-contact-sheet.png')
roughness = sheet(f'{directory}/roughness-contact-sheet.png')
metallic = sheet(f'{directory}/metallic-contact-sheet.png')
panel = albedo.shape[1] // 3
predicted, true, rough, metal = [], [], [], []
for view in range(albedo.shape[0] // panel):
    rows = slice(view * panel, (view + 1) * panel)
    truth = albedo[rows, panel:2 * panel]
    mask = np.abs(truth - colour).max(axis=2) < 0.04
    predicted.append(linear(albedo[rows, :panel][mask]))
    true.append(linear(truth[mask]))
    rough.append(roughness[rows, :panel][mask][:, 0])
    metal.append(metallic[rows, :panel][mask][:, 0])
predicted, true = np.concatenate(predicted), np.concatenate(true)
print('pixels', len(predicted), 'albedo / truth per channel', (predicted.mean(0) / true.mean(0)).round(3),
      'roughness', np.concatenate(rough).mean().round(3), 'metallic', np.concatenate(metal).mean().round(3))
