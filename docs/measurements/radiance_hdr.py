"""Radiance .hdr (RGBE) reading for the analysis scripts here, decoded as Cycles does: mantissa · 2^(e − 136), no +0.5."""
import numpy as np


def read_hdr(path):
    data = open(path, 'rb').read()
    i = 0
    while True:
        j = data.index(b'\n', i)
        line, i = data[i:j], j + 1
        if line.startswith(b'-Y'):
            parts = line.split()
            height, width = int(parts[1]), int(parts[3])
            break
    rgbe = np.zeros((height, width, 4), np.uint8)
    for y in range(height):
        if data[i] == 2 and data[i + 1] == 2:  # run-length encoded scanline
            i += 4
            for c in range(4):
                x = 0
                while x < width:
                    n = data[i]
                    i += 1
                    if n > 128:
                        n -= 128
                        rgbe[y, x:x + n, c] = data[i]
                        i += 1
                    else:
                        rgbe[y, x:x + n, c] = np.frombuffer(data[i:i + n], np.uint8)
                        i += n
                    x += n
        else:
            rgbe[y] = np.frombuffer(data[i:i + 4 * width], np.uint8).reshape(width, 4)
            i += 4 * width
    e = rgbe[..., 3].astype(np.int32)
    return rgbe[..., :3] * np.where(e > 0, np.ldexp(1.0, e - 136), 0.0)[..., None]

