"""Per object, how bright an eval's prediction comes out against the truth and how much of the squared error it holds
(an analysis script, not part of Splatlight). Objects are told apart by the test views' albedo.png colours (trio: the
sphere 249,247,241, the torus 203,69,63, Suzanne the rest). Reads eval's contact sheets (prediction | truth | error,
one row per test view, each panel half the photo's size); brightness compares linear means over covered pixels.

    python3 relight-bias.py DATASET_DIR SHEET.png [SHEET.png ...]
"""
import sys
import numpy as np
from PIL import Image

OBJECTS = {"sphere": (249, 247, 241), "torus": (203, 69, 63)}


def linear(x):
    return np.where(x <= 0.04045, x / 12.92, ((x + 0.055) / 1.055) ** 2.4)


def main():
    dataset, sheets = sys.argv[1], sys.argv[2:]
    for sheet in sheets:
        image = np.asarray(Image.open(sheet).convert("RGB"), dtype=float) / 255
        panel = image.shape[1] // 3
        sums = {}
        for v in range(image.shape[0] // panel):
            row = image[v * panel:(v + 1) * panel]
            pred, truth = row[:, :panel], row[:, panel:2 * panel]
            albedo = np.array(Image.open(f"{dataset}/test_{v:03d}/albedo.png")).astype(int)
            step = albedo.shape[0] // panel
            albedo = albedo[::step, ::step]
            covered = albedo[..., 3] > 250
            masks, rest = {}, covered.copy()
            for name, colour in OBJECTS.items():
                masks[name] = covered & (np.abs(albedo[..., :3] - colour).sum(2) < 6)
                rest &= ~masks[name]
            masks["rest"], masks["all"] = rest, covered
            for name, m in masks.items():
                s = sums.setdefault(name, np.zeros(4))
                s += [linear(pred[m]).sum(), linear(truth[m]).sum(), ((pred[m] - truth[m]) ** 2).sum(), 3 * m.sum()]
        print(sheet)
        for name, (p, t, e, n) in sums.items():
            print(f"  {name:7s} prediction / truth {p / t:.3f}, {e / sums['all'][2]:.2f} of the squared error, "
                  f"MSE {e / n:.4f}, {n / sums['all'][3]:.2f} of covered pixels")


if __name__ == "__main__":
    main()
