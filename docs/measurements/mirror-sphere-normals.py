"""How far the learned normals are off, per pixel (an analysis script, not part of Splatlight).

Reads the per-view pictures `eval` writes (EVAL_DIR/normal/*.png and, for a relightable asset, metallic/*.png; each
prediction | truth | error, normals as world-space (n + 1) / 2).

- The metal: the pixels whose true metallic is above 0.5 (trio's mirror sphere, mini's gold cube). Prints the angle
  between predicted and true normals there — mean, median, 90th percentile, by distance from the metal's centre in the
  image (fractions of its radius) — and per view the length of the mean difference vector against the mean length (a
  bias shared by the whole object, against noise).
- With the dataset's folder as a second argument: the mean difference over every covered pixel, in world space and in
  each test camera's frame (x right, y up, z back, averaged over the views) — where all normals lean.
- With TRAINING_HDRI (the light of the training photos, trio's city.hdr) as well: the metal's angles split by what its
  mirror shows in the photo — the environment, or the scene (where a perfect mirror of the true normal under the HDRI
  alone errs by more than 0.05 squared in display space, as mirror-sphere-env-only.py counts it). An environment
  cannot show the scene, so if the normals err most there, the geometry stage's reflection bends them to imitate it.

    python3 docs/measurements/mirror-sphere-normals.py EVAL_DIR [DATASET_DIR]
    NORMALS=normal_from_depth python3 docs/measurements/mirror-sphere-normals.py EVAL_DIR [DATASET_DIR]
    TRAINING_HDRI=HDRI_DIR/city.hdr python3 docs/measurements/mirror-sphere-normals.py EVAL_DIR DATASET_DIR

(NORMALS names the picture folder scored: `normal`, the splats' normals, by default; `normal_from_depth`, the normals
of the rendered depth.)

(After the geometry stage alone eval writes no metallic pictures; the dataset's metallic.png then marks the metal.)
"""
import importlib
import json
import os
import sys
import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_pictures import picture, unit  # noqa: E402
from radiance_hdr import read_hdr  # noqa: E402
env_only = importlib.import_module('mirror-sphere-env-only')  # its name has hyphens, as the other scripts'


def panels(path):
    a = picture(path)
    w = a.shape[1] // 3
    return a[:, :w], a[:, w:2 * w]


PICTURES = os.environ.get('NORMALS', 'normal')


def normals(directory, name):
    return (unit(p) for p in panels(f'{directory}/{PICTURES}/{name}'))


def metal_mask(directory, name, dataset):
    """The true metallic > 0.5: from eval's metallic picture, or (after the geometry stage alone) the dataset's."""
    if os.path.isdir(f'{directory}/metallic'):
        return panels(f'{directory}/metallic/{name}')[1][..., 0] > 0.5
    truth = np.asarray(Image.open(f'{dataset}/{name[:-4]}/metallic.png').convert('LA')).astype(np.float64) / 255
    return (truth[..., 0] > 0.5) & (truth[..., 1] >= 0.5)  # covered, as eval counts a pixel


def shows_the_scene(dataset, k, lookup, rows, cols):
    """Per pixel: whether the training photo there is not the environment's perfect mirror (the scene reflected)."""
    shown, truth = env_only.mirror_of_environment(dataset, k, lookup, rows, cols, 'rgba.png')
    return ((shown - truth) ** 2).mean(1) > 0.05


def metal_report(directory, names, dataset):
    angles, radii, scene = [], [], []
    training_light = os.environ.get('TRAINING_HDRI')
    lookup = None
    if training_light and dataset:
        lookup = env_only.environment_lookup(read_hdr(training_light))
    for name in names:
        predicted, truth = normals(directory, name)
        metal = metal_mask(directory, name, dataset)
        if metal.shape != truth.shape[:2]:
            print('the dataset\'s pictures are not at the evaluated size; no metal report')
            return
        if metal.sum() < 50:
            continue
        angle = np.degrees(np.arccos(np.clip((predicted * truth).sum(2), -1, 1)))[metal]
        ys, xs = np.nonzero(metal)
        cy, cx = (ys.min() + ys.max()) / 2, (xs.min() + xs.max()) / 2
        radius = max(ys.max() - ys.min(), xs.max() - xs.min()) / 2
        difference = (predicted - truth)[metal]
        print(f'{name}: {metal.sum()} px, mean angle {angle.mean():.2f} deg, |mean difference| '
              f'{np.linalg.norm(difference.mean(0)):.3f} against mean |difference| '
              f'{np.linalg.norm(difference, axis=1).mean():.3f}')
        angles.append(angle)
        radii.append(np.hypot(ys - cy, xs - cx) / radius)
        if lookup is not None:
            scene.append(shows_the_scene(dataset, int(name[5:8]), lookup, ys, xs))
    if not angles:
        print('no metal in these views')
        return
    angle, radius = np.concatenate(angles), np.concatenate(radii)
    print(f'metal, all views: {angle.size} px, mean {angle.mean():.2f}, median {np.median(angle):.2f}, '
          f'90th percentile {np.percentile(angle, 90):.2f} deg')
    for low in np.arange(0, 1, 0.1):
        band = (radius >= low) & (radius < low + 0.1)
        if band.any():
            print(f'  {low:.1f}-{low + 0.1:.1f} of the radius: {band.sum():6d} px, mean {angle[band].mean():5.2f}, '
                  f'median {np.median(angle[band]):5.2f} deg')
    if scene:
        scene = np.concatenate(scene)
        for label, part in (('shows the environment', ~scene), ('shows the scene', scene)):
            if part.any():
                print(f'  where the photo {label}: {part.sum():6d} px ({part.mean():.2f}), mean {angle[part].mean():5.2f}, '
                      f'median {np.median(angle[part]):5.2f}, 90th percentile {np.percentile(angle[part], 90):5.2f} deg')


def lean_report(directory, names, dataset):
    frames = json.load(open(f'{dataset}/transforms_test.json'))['frames']
    world, camera = [], []
    for i, name in enumerate(names):
        predicted, truth = normals(directory, name)
        covered = panels(f'{directory}/{PICTURES}/{name}')[1].sum(2) > 0.05  # the background is black
        difference = (predicted - truth)[covered].mean(0)
        world.append(difference)
        camera.append(np.array(frames[i]['transform_matrix'])[:3, :3].T @ difference)
    print(f'all covered pixels: mean difference in world space {np.round(np.mean(world, 0), 3)}, '
          f'in camera space (x right, y up, z back) {np.round(np.mean(camera, 0), 3)}')


directory = sys.argv[1]
dataset = sys.argv[2] if len(sys.argv) > 2 else None
names = sorted(os.listdir(f'{directory}/normal'))
if os.path.isdir(f'{directory}/metallic') or dataset:
    metal_report(directory, names, dataset)
if dataset:
    lean_report(directory, names, dataset)
