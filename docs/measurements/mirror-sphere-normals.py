"""How far the metal's normals are off, per pixel (an analysis script, not part of Splatlight).

Reads the per-view pictures `eval` writes (EVAL_DIR/normal/*.png and metallic/*.png, each prediction | truth | error,
normals as world-space (n + 1) / 2), takes the metal as the pixels whose true metallic is above 0.5 (trio's mirror
sphere, mini's gold cube), and prints the angle between predicted and true normals there: mean, median, 90th
percentile, by distance from the metal's centre in the image (fractions of its radius: a sphere's rim against its
middle), and per view the length of the mean difference vector against the mean length (a bias shared by the whole
object against noise).

    python3 docs/measurements/mirror-sphere-normals.py EVAL_DIR
"""
import os
import sys
import numpy as np
from PIL import Image


def panels(path):
    a = np.asarray(Image.open(path).convert('RGB')).astype(np.float64) / 255
    w = a.shape[1] // 3
    return a[:, :w], a[:, w:2 * w]


def unit(colour):
    n = colour * 2 - 1
    return n / (np.linalg.norm(n, axis=2, keepdims=True) + 1e-9)


directory = sys.argv[1]
angles, radii = [], []
for name in sorted(os.listdir(f'{directory}/normal')):
    predicted, truth = (unit(p) for p in panels(f'{directory}/normal/{name}'))
    metal = panels(f'{directory}/metallic/{name}')[1][..., 0] > 0.5
    if metal.sum() < 50:
        continue
    angle = np.degrees(np.arccos(np.clip((predicted * truth).sum(2), -1, 1)))[metal]
    ys, xs = np.nonzero(metal)
    cy, cx = (ys.min() + ys.max()) / 2, (xs.min() + xs.max()) / 2
    radius = max(ys.max() - ys.min(), xs.max() - xs.min()) / 2
    difference = (predicted - truth)[metal]
    print(f'{name}: {metal.sum()} px, mean angle {angle.mean():.2f} deg, |mean difference| '
          f'{np.linalg.norm(difference.mean(0)):.3f} against mean |difference| {np.linalg.norm(difference, axis=1).mean():.3f}')
    angles.append(angle)
    radii.append(np.hypot(ys - cy, xs - cx) / radius)
angle, radius = np.concatenate(angles), np.concatenate(radii)
print(f'all views: {angle.size} px, mean {angle.mean():.2f}, median {np.median(angle):.2f}, '
      f'90th percentile {np.percentile(angle, 90):.2f} deg')
for low in np.arange(0, 1, 0.1):
    band = (radius >= low) & (radius < low + 0.1)
    if band.any():
        print(f'  {low:.1f}-{low + 0.1:.1f} of the radius: {band.sum():6d} px, mean {angle[band].mean():5.2f}, '
              f'median {np.median(angle[band]):5.2f} deg')
