"""How much of trio's albedo and relighting error is the mirror sphere (an analysis script, not part of Splatlight).

Reads the contact sheets `eval` writes (16 test views, rows of prediction | truth | error, 200 px panels, sRGB 8-bit),
finds the sphere as the pixels whose true albedo is near white (every channel > 0.85: only the sphere's is), and
prints each metric's mean PSNR over the views as it is and with the sphere's pixels taken as exact. The panels are
smaller than the views, so the 'as is' figures differ from the report's by a few hundredths of a dB.

    python3 docs/measurements/mirror-sphere-share.py EVAL_DIR
"""
import os
import sys
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_pictures import picture as sheet  # noqa: E402


def psnr(squared_error):
    return -10 * np.log10(squared_error.mean())

directory = sys.argv[1]
albedo = sheet(f'{directory}/albedo-contact-sheet.png')
panel = albedo.shape[1] // 3
views = albedo.shape[0] // panel
for metric in ['albedo', 'relight_courtyard', 'relight_forest', 'relight_night']:
    pictures = sheet(f'{directory}/{metric}-contact-sheet.png')
    as_is, exact_sphere = [], []
    for v in range(views):
        rows = slice(v * panel, (v + 1) * panel)
        prediction, truth = pictures[rows, :panel], pictures[rows, panel:2 * panel]
        sphere = albedo[rows, panel:2 * panel].min(axis=2) > 0.85
        error = (prediction - truth) ** 2
        as_is.append(psnr(error))
        error[sphere] = 0
        exact_sphere.append(psnr(error))
    print(f'{metric:18s} as is {np.mean(as_is):6.2f} dB   sphere exact {np.mean(exact_sphere):6.2f} dB')
