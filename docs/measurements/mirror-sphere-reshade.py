"""Re-shade trio's mirror sphere on the CPU under the TRUE light (an analysis script, not part of Splatlight).

For the sphere's pixels of eval's contact sheets (normal, metallic, roughness, albedo; 200² panels), shades split-sum as
design.md §2 does — GGX-sampled prefiltering of city.hdr (α = roughness², 96 samples), Karis' analytic fit of the DFG
table, SH9 irradiance / π — and compares with the test photos (2×2-averaged in linear light) by L1 in display space,
as the material loss does. Prints the L1 of the truth's and the learned materials with the learned and the true
normals, the best of a small grid of materials as the learned normals' error is interpolated towards zero, and the
albedo scale a plain mirror lookup (no blur) would fit. Answers: is the dark sphere the best fit for the normals it has?

    python3 docs/measurements/mirror-sphere-reshade.py EVAL_DIR DATASET_DIR HDRI_DIR
"""
import json
import os
import sys
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_pictures import linear, picture, srgb, unit  # noqa: E402
from radiance_hdr import read_hdr  # noqa: E402

evaluation, dataset, hdri = sys.argv[1:4]
TRUE_ALBEDO = np.array([0.95, 0.93, 0.88])  # polished_silver, dataset README


env = read_hdr(f'{hdri}/city.hdr')
env = env.reshape(env.shape[0] // 2, 2, env.shape[1] // 2, 2, 3).mean((1, 3))
H, W, _ = env.shape


def lookup(d):  # the dataset README's equirectangular convention
    u = (0.5 - np.arctan2(d[..., 1], d[..., 0]) / (2 * np.pi)) % 1
    v = np.arccos(np.clip(d[..., 2], -1, 1)) / np.pi
    return env[np.clip((v * H).astype(int), 0, H - 1), np.clip((u * W).astype(int), 0, W - 1)]


rng = np.random.default_rng(0)


def prefiltered(r, roughness, samples=96):
    alpha = np.maximum(roughness, 0.08) ** 2  # the chain's level 0 is prefiltered at 0.08
    helper = np.where(np.abs(r[:, 2:3]) < 0.9, [[0, 0, 1.0]], [[1.0, 0, 0]])
    t = np.cross(helper, r)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    b = np.cross(r, t)
    total, weight = np.zeros((len(r), 3)), np.zeros((len(r), 1))
    for _ in range(samples):
        u1, u2 = rng.random((len(r), 1)), rng.random((len(r), 1))
        cos = np.sqrt((1 - u1) / (1 + (alpha[:, None] ** 2 - 1) * u1))
        sin, phi = np.sqrt(1 - cos * cos), 2 * np.pi * u2
        h = t * sin * np.cos(phi) + b * sin * np.sin(phi) + r * cos
        light = 2 * (h * r).sum(1, keepdims=True) * h - r
        w = np.clip((light * r).sum(1, keepdims=True), 0, None)
        total += lookup(light) * w
        weight += w
    return total / np.maximum(weight, 1e-6)


def dfg(n_dot_v, roughness):  # Karis, "Physically based shading on mobile"
    c = roughness[:, None] * np.array([-1, -0.0275, -0.572, 0.022]) + np.array([1, 0.0425, 1.04, -0.04])
    a004 = np.minimum(c[:, 0] ** 2, np.exp2(-9.28 * n_dot_v)) * c[:, 0] + c[:, 1]
    return a004 * -1.04 + c[:, 2], a004 * 1.04 + c[:, 3]


def sh9(d):
    x, y, z = d[..., 0], d[..., 1], d[..., 2]
    return np.stack([0.282095 + 0 * x, 0.488603 * y, 0.488603 * z, 0.488603 * x, 1.092548 * x * y, 1.092548 * y * z,
                     0.315392 * (3 * z * z - 1), 1.092548 * x * z, 0.546274 * (x * x - y * y)], -1)


v_, u_ = np.meshgrid((np.arange(H) + .5) / H, (np.arange(W) + .5) / W, indexing='ij')
theta = np.pi * v_
directions = np.stack([-np.sin(theta) * np.cos(2 * np.pi * u_), np.sin(theta) * np.sin(2 * np.pi * u_), np.cos(theta)], -1)
coefficients = np.einsum('hwk,hwc,hw->kc', sh9(directions), env, (np.pi / H) * (2 * np.pi / W) * np.sin(theta))
BANDS = np.array([np.pi] + [2 * np.pi / 3] * 3 + [np.pi / 4] * 5)


def irradiance_over_pi(n):
    return (sh9(n) * BANDS) @ coefficients / np.pi


def sheet(name):
    return picture(f'{evaluation}/{name}-contact-sheet.png')


normal, metallic, roughness, albedo = sheet('normal'), sheet('metallic'), sheet('roughness'), sheet('albedo')
P = normal.shape[1] // 3
cameras = json.load(open(f'{dataset}/transforms_test.json'))
focal = 0.5 * P / np.tan(cameras['camera_angle_x'] / 2)
scale = np.array(json.load(open(f'{evaluation}/report.json'))['albedo_scale'])
columns = {k: [] for k in ('v', 'learned_n', 'true_n', 'photo', 'albedo', 'metallic', 'roughness')}
for i, frame in enumerate(cameras['frames']):
    rows = slice(i * P, (i + 1) * P)
    metal = metallic[rows, P:2 * P, 0] > 0.5
    if metal.sum() < 20:
        continue
    photo = picture(f'{dataset}/test_{i:03d}/rgba.png')
    photo = linear(photo).reshape(P, 2, P, 2, 3).mean((1, 3))
    ys, xs = np.nonzero(metal)
    d = np.stack([(xs + 0.5 - P / 2) / focal, -(ys + 0.5 - P / 2) / focal, -np.ones(len(xs))], 1)
    d = d @ np.array(frame['transform_matrix'])[:3, :3].T
    columns['v'].append(-d / np.linalg.norm(d, axis=1, keepdims=True))
    columns['learned_n'].append(unit(normal[rows, :P][ys, xs]))
    columns['true_n'].append(unit(normal[rows, P:2 * P][ys, xs]))
    columns['photo'].append(photo[ys, xs])
    columns['albedo'].append(linear(albedo[rows, :P][ys, xs]) / scale)  # undo eval's median scale
    columns['metallic'].append(metallic[rows, :P][ys, xs][:, 0])
    columns['roughness'].append(roughness[rows, :P][ys, xs][:, 0])
c = {k: np.concatenate(v) for k, v in columns.items()}
ones = np.ones(len(c['v']))
print(f"{len(ones)} sphere pixels; learned albedo (before eval's scale) {c['albedo'].mean(0).round(3)}, "
      f"metallic {c['metallic'].mean():.3f}, roughness {c['roughness'].mean():.3f}")


def shade(n, a, m, r):
    n_dot_v = np.clip((n * c['v']).sum(1), 1e-4, 1)
    reflected = 2 * n_dot_v[:, None] * n - c['v']
    a_, b_ = dfg(n_dot_v, r)
    f0 = 0.04 * (1 - m[:, None]) + a * m[:, None]
    return a * (1 - m[:, None]) * irradiance_over_pi(n) + prefiltered(reflected, r) * (f0 * a_[:, None] + b_[:, None])


def l1(x):
    return np.abs(srgb(x) - srgb(c['photo'])).mean()


truth = (TRUE_ALBEDO * ones[:, None], ones, 0.08 * ones)
learned = (c['albedo'], c['metallic'], c['roughness'])
for normals_name, n in (('learned normals', c['learned_n']), ('true normals', c['true_n'])):
    for materials_name, materials in (('true materials', truth), ('learned materials', learned)):
        print(f'{normals_name}, {materials_name}: L1 {l1(shade(n, *materials)):.4f}')
for k in (0, 0.33, 0.66, 1.0):
    n = c['true_n'] + k * (c['learned_n'] - c['true_n'])
    n /= np.linalg.norm(n, axis=1, keepdims=True)
    error = np.degrees(np.arccos(np.clip((n * c['true_n']).sum(1), -1, 1))).mean()
    best = min((l1(shade(n, TRUE_ALBEDO * s * ones[:, None], m * ones, r * ones)), s, m, r)
               for m in (0.65, 0.8, 1.0) for r in (0.08, 0.14, 0.2, 0.26) for s in (0.5, 0.6, 0.7, 0.8, 0.9, 1.0))
    print(f'normals {error:.1f} deg off: best L1 {best[0]:.4f} at albedo x{best[1]} of the truth, metallic {best[2]}, '
          f'roughness {best[3]}')
for normals_name, n in (('true normals', c['true_n']), ('learned normals', c['learned_n'])):
    mirror = lookup(2 * (n * c['v']).sum(1, keepdims=True) * n - c['v'])
    fitted = [min(np.linspace(0.2, 1.5, 131), key=lambda s: np.abs(srgb(s * mirror[:, k]) - srgb(c['photo'][:, k])).mean())
              for k in range(3)]
    print(f'plain mirror lookup, {normals_name}: best albedo per channel {np.round(fitted, 2)}')
