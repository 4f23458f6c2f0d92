"""Reading `eval`'s pictures for the analysis scripts here: contact sheets and per-view pictures (rows of
prediction | truth | error, sRGB 8-bit), normals encoded as (n + 1) / 2, and the sRGB curve both ways."""
import numpy as np
from PIL import Image


def picture(path):
    """An RGB picture as floats in [0, 1]."""
    return np.asarray(Image.open(path).convert('RGB')).astype(np.float64) / 255


def unit(colour):
    """Unit normals from their (n + 1) / 2 encoding."""
    n = colour * 2 - 1
    return n / (np.linalg.norm(n, axis=-1, keepdims=True) + 1e-9)


def linear(s):
    """sRGB-encoded values to linear."""
    return np.where(s <= 0.04045, s / 12.92, ((s + 0.055) / 1.055) ** 2.4)


def srgb(x):
    """Linear values to sRGB encoding, clipped to [0, 1] first as a display would."""
    x = np.clip(x, 0, 1)
    return np.where(x <= 0.0031308, 12.92 * x, 1.055 * np.power(x, 1 / 2.4) - 0.055)
