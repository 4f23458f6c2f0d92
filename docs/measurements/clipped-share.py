"""Where an eval's error lies by how many channels of the test photo clipped at 255 (an analysis script, not part of
Splatlight). Reads eval's contact sheets (prediction | truth | error, one row per test view, each panel half the
photo's size) and the test views' rgba.png under the training light; a half-size pixel counts as clipped in k channels
when all four of its full-size pixels are (covered pixels only).

    python3 clipped-share.py DATASET_DIR SHEET.png [SHEET.png ...]
"""
import sys
import numpy as np
from PIL import Image


def clipped_counts(dataset, view, panel):
    rgba = np.array(Image.open(f"{dataset}/test_{view:03d}/rgba.png")).astype(int)
    k = (rgba[..., :3] >= 255).sum(2)
    k[rgba[..., 3] <= 250] = -1
    f = rgba.shape[0] // panel
    return k.reshape(panel, f, panel, f).min(axis=(1, 3))


def main():
    dataset, sheets = sys.argv[1], sys.argv[2:]
    for sheet in sheets:
        image = np.asarray(Image.open(sheet).convert("RGB"), dtype=float) / 255
        panel = image.shape[1] // 3
        views = image.shape[0] // panel
        error, count = np.zeros(4), np.zeros(4)
        for v in range(views):
            row = image[v * panel:(v + 1) * panel]
            pred, truth = row[:, :panel], row[:, panel:2 * panel]
            k = clipped_counts(dataset, v, panel)
            for c in range(4):
                m = k == c
                error[c] += ((pred[m] - truth[m]) ** 2).sum()
                count[c] += 3 * m.sum()
        print(sheet)
        for c in range(4):
            print(f"  {c} channels clipped: {count[c] / count.sum():.2f} of covered pixels, "
                  f"{error[c] / error.sum():.2f} of the squared error, MSE {error[c] / max(count[c], 1):.4f}")


if __name__ == "__main__":
    main()
