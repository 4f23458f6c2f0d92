"""How a learned environment's energy is spread (an analysis script, not part of Splatlight).

Reads Radiance .hdr equirect images (the asset's environment.hdr preview, or a dataset's HDRI) and prints, weighting
each pixel by its solid angle, what core's EnvironmentStatistics computes (and `eval` reports as "light"): the mean
luminance (mean of R, G, B), the share of it in the brightest 0.1 % of the sphere (a sun), the median and the peak.

    python3 docs/measurements/environment-stats.py ASSET/environment.hdr ../shared/hdri/city.hdr
"""
import os
import sys
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from radiance_hdr import read_hdr  # noqa: E402


for path in sys.argv[1:]:
    image = read_hdr(path)
    height, width, _ = image.shape
    # a pixel's solid angle: its longitude step times the difference of cos(latitude) across its row
    rows = 2 * np.pi / width * (np.cos(np.pi * np.arange(height) / height) - np.cos(np.pi * (np.arange(height) + 1) / height))
    omega = np.repeat(rows, width)
    luminance = image.astype(np.float64).mean(2).ravel()
    energy = (luminance * omega).sum()
    order = np.argsort(-luminance, kind='stable')
    covered = np.cumsum(omega[order])
    window = 0.001 * 4 * np.pi
    taken = np.clip(window - (covered - omega[order]), 0, omega[order])  # the part of each pixel inside the window
    sun = (luminance[order] * taken).sum()
    median = luminance[order][np.searchsorted(covered, 2 * np.pi)]
    print(f'{path}: mean {energy / (4 * np.pi):.4f}  brightest 0.1 % holds {sun / energy:.4f}  median {median:.4f}  '
          f'max {luminance.max():.2f}')
