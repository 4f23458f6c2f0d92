"""How much of trio's relit mirror sphere an environment lookup can explain (an analysis script, not part of Splatlight).

For every test view, the sphere's pixels (true albedo 249, 247, 241) are shaded as a perfect mirror of the TRUE normal
under the relighting HDRI alone (nearest-texel lookup in the dataset's equirect convention, times the sphere's base
colour) and compared with the path-traced relit photo in display space. What is left is what a split-sum shader with
perfect geometry cannot show: mostly the neighbours the sphere reflects (a tenth of its pixels hold ~80 % of it).
Prints the sphere's MSE, the share of pixels with a squared error above 0.05 and their share of the error, and the
brightness ratio. Compare with relight-bias.py's sphere MSE of a trained asset.

    python3 docs/measurements/mirror-sphere-env-only.py DATASET_DIR HDRI_DIR [ENV ...]   (default: courtyard forest night; city: the training light)
"""
import json
import os
import sys
import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from radiance_hdr import read_hdr  # noqa: E402

SPHERE = (249, 247, 241)
BASE_COLOUR = np.array([0.95, 0.93, 0.88])  # polished_silver, dataset README


def srgb(x):
    x = np.clip(x, 0, 1)
    return np.where(x <= 0.0031308, 12.92 * x, 1.055 * x ** (1 / 2.4) - 0.055)


def linear(x):
    return np.where(x <= 0.04045, x / 12.92, ((x + 0.055) / 1.055) ** 2.4)


def environment_lookup(env):
    """Nearest-texel lookup of world directions [..., 3] in the datasets' equirect convention."""
    height, width, _ = env.shape

    def lookup(d):
        u = (0.5 - np.arctan2(d[..., 1], d[..., 0]) / (2 * np.pi)) % 1
        v = np.arccos(np.clip(d[..., 2], -1, 1)) / np.pi
        return env[np.clip((v * height).astype(int), 0, height - 1), np.clip((u * width).astype(int), 0, width - 1)]
    return lookup


def mirror_of_environment(dataset, k, lookup, rows, cols, photo="rgba_courtyard.png"):
    """Test view k's pixels (rows, cols) shaded as a perfect mirror of the true normal under the environment alone,
    in display space, and the path-traced photo's same pixels: (shown, truth), each [pixels, 3]."""
    transforms = json.load(open(f"{dataset}/transforms_test.json"))
    frame = transforms["frames"][k]
    normal = np.array(Image.open(f"{dataset}/test_{k:03d}/normal.png"))[..., :3] / 255 * 2 - 1
    normal /= np.linalg.norm(normal, axis=2, keepdims=True)
    size = normal.shape[1]
    focal = 0.5 * size / np.tan(0.5 * transforms["camera_angle_x"])
    to_world = np.array(frame["transform_matrix"])[:3, :3]
    ray = np.stack([(cols + 0.5 - size / 2) / focal, -(rows + 0.5 - size / 2) / focal, -np.ones(len(rows))], 1) @ to_world.T
    ray /= np.linalg.norm(ray, axis=1, keepdims=True)
    n = normal[rows, cols]
    reflected = ray - 2 * (ray * n).sum(1, keepdims=True) * n
    shown = srgb(lookup(reflected) * BASE_COLOUR)
    truth = np.array(Image.open(f"{dataset}/test_{k:03d}/{photo}"))[..., :3][rows, cols] / 255
    return shown, truth


def main():
    dataset, hdris = sys.argv[1], sys.argv[2]
    for name in sys.argv[3:] or ["courtyard", "forest", "night"]:
        lookup = environment_lookup(read_hdr(f"{hdris}/{name}.hdr"))
        transforms = json.load(open(f"{dataset}/transforms_test.json"))
        errors, brightness = [], np.zeros(2)
        for k in range(len(transforms["frames"])):
            albedo = np.array(Image.open(f"{dataset}/test_{k:03d}/albedo.png")).astype(int)
            rows, cols = np.nonzero((albedo[..., 3] > 250) & (np.abs(albedo[..., :3] - SPHERE).sum(2) < 6))
            photo = "rgba.png" if name == "city" else f"rgba_{name}.png"  # city lit the training photos
            shown, truth = mirror_of_environment(dataset, k, lookup, rows, cols, photo)
            errors.append(((shown - truth) ** 2).mean(1))
            brightness += [linear(shown).sum(), linear(truth).sum()]
        e = np.concatenate(errors)
        large = e > 0.05
        print(f"{name}: sphere MSE {e.mean():.4f} (environment only, true normals); {large.mean():.2f} of its pixels "
              f"err above 0.05 and hold {e[large].sum() / e.sum():.2f} of it; brightness {brightness[0] / brightness[1]:.3f} of the truth's")


if __name__ == "__main__":
    main()
