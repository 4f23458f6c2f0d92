"""The learned light against the true one, band by band of zenith angle (an analysis script, not part of Splatlight).

Both are equirectangular Radiance files in the datasets' convention (top row +Z); prints each 30° band's mean
luminance (mean of R, G, B, weighted by solid angle) and the learned ÷ true ratio. A light too bright where only a
metal sees it lets that metal's albedo come out dark (mini's gold cube, fourteenth session).

    python3 docs/measurements/light-bands.py LEARNED.hdr TRUE.hdr
"""
import os
import sys
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from radiance_hdr import read_hdr  # noqa: E402


def bands(path):
    luminance = read_hdr(path).mean(2)
    theta = (np.arange(luminance.shape[0]) + 0.5) / luminance.shape[0] * np.pi
    weight = np.sin(theta)
    means = []
    for low in range(0, 180, 30):
        rows = (theta >= np.radians(low)) & (theta < np.radians(low + 30))
        means.append((luminance[rows].mean(1) * weight[rows]).sum() / weight[rows].sum())
    return np.array(means)


learned, truth = bands(sys.argv[1]), bands(sys.argv[2])
print('zenith angle      ' + ' '.join(f'{low:3d}-{low + 30:3d}°' for low in range(0, 180, 30)))
print('learned           ' + ' '.join(f'{v:8.3f}' for v in learned))
print('true              ' + ' '.join(f'{v:8.3f}' for v in truth))
print('learned ÷ true    ' + ' '.join(f'{v:8.2f}' for v in learned / truth))
