"""Where trio's mirror sphere's Gaussians are, and what a pixel of it blends (an analysis script, not part of
Splatlight).

Given an asset's point_cloud.ply (3DGS layout) or an .npz this script saved, and the sphere's centre and radius (trio:
0.599,0.5079,0.1036 0.4198, fitted to the test views' true normals: each sphere pixel's ray meets centre + radius ·
normal), prints
- how many Gaussians (and how much opacity) lie on its shell and inside it;
- the angle to the radial direction of the shell's stored normals, of each Gaussian's shortest axis and of PCA over
  neighbouring centres;
- with the dataset's folder: along 150 random rays through the sphere from every fourth test camera, the share of the
  blend weight from the shell, from inside and from elsewhere, by distance from the true surface, the blended normal's
  error and how far behind the true surface the median blend weight lies. A Gaussian's alpha along a ray is its
  opacity times its peak density on the ray (the ray-traced approximation of the splat's alpha).
With OUT.npz it saves the Gaussians within 1.5 radii (without f_rest) for offline work.

    python3 docs/measurements/mirror-sphere-gaussians.py ASSET/point_cloud.ply|SAVED.npz CX,CY,CZ RADIUS [DATASET_DIR] [OUT.npz]
"""
import json
import sys
import numpy as np

SHELL = 0.02  # the shell: within this of the true surface


def read(path):
    if path.endswith('.npz'):
        saved = np.load(path)
        return [str(k) for k in saved['names']], saved['values'].astype(np.float64)
    data = open(path, 'rb').read()
    start = data.index(b'end_header\n') + len(b'end_header\n')
    header = data[:start].decode()
    names = [line.split()[-1] for line in header.splitlines() if line.startswith('property')]
    count = int([line for line in header.splitlines() if line.startswith('element vertex')][0].split()[-1])
    values = np.frombuffer(data[start:start + 4 * len(names) * count], np.float32).reshape(count, len(names))
    return names, values.astype(np.float64)


arguments = sys.argv[1:]
names, values = read(arguments[0])
centre, radius = np.array(arguments[1].split(','), float), float(arguments[2])
dataset = next((a for a in arguments[3:] if not a.endswith('.npz')), None)
dump = next((a for a in arguments[3:] if a.endswith('.npz')), None)


def column(name):
    return values[:, names.index(name)]


position = np.stack([column('x'), column('y'), column('z')], 1)
normal = np.stack([column('nx'), column('ny'), column('nz')], 1)
normal /= np.linalg.norm(normal, axis=1, keepdims=True) + 1e-12
opacity = 1 / (1 + np.exp(-column('opacity')))
scale = np.exp(np.stack([column(f'scale_{i}') for i in range(3)], 1))
q = np.stack([column(f'rot_{i}') for i in range(4)], 1)
q /= np.linalg.norm(q, axis=1, keepdims=True)
w, x, y, z = q.T
rotation = np.stack([np.stack([1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)], 1),
                     np.stack([2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)], 1),
                     np.stack([2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)], 1)], 1)
distance = np.linalg.norm(position - centre, axis=1)
radial = (position - centre) / distance[:, None]
if dump:
    near = distance < 1.5 * radius
    kept = [k for k in names if not k.startswith('f_rest')]
    np.savez_compressed(dump, names=np.array(kept), values=values[near][:, [names.index(k) for k in kept]].astype(np.float32))

for band in (0.01, 0.02, 0.04):
    shell, inside = (np.abs(distance - radius) < band) & (opacity > 0.1), distance < radius - band
    print(f'shell ±{band}: {shell.sum()} Gaussians (opacity sum {opacity[shell].sum():.0f}); inside (d < r - {band}): '
          f'{inside.sum()} (opacity sum {opacity[inside].sum():.0f})')

shell = (np.abs(distance - radius) < SHELL) & (opacity > 0.1)
surface_points = position[(np.abs(distance - radius) < 0.05) & (opacity > 0.1)]


def pca_normals(k):
    out, points = np.zeros((shell.sum(), 3)), position[shell]
    for i in range(0, len(points), 2000):
        squared = ((points[i:i + 2000, None, :] - surface_points[None]) ** 2).sum(2)
        neighbours = surface_points[np.argpartition(squared, k, axis=1)[:, :k]]
        neighbours = neighbours - neighbours.mean(1, keepdims=True)
        out[i:i + 2000] = np.linalg.eigh(np.einsum('nki,nkj->nij', neighbours, neighbours))[1][:, :, 0]
    return out


def against_radial(u):
    cosine = np.abs((u * radial[shell]).sum(1)) / np.linalg.norm(u, axis=1)
    angle = np.degrees(np.arccos(np.clip(cosine, -1, 1)))
    return (f'opacity-weighted mean {np.average(angle, weights=opacity[shell]):.2f}, median {np.median(angle):.2f}, '
            f'p90 {np.percentile(angle, 90):.2f} deg')


shortest = rotation[np.arange(len(scale)), :, np.argmin(scale, 1)]
print('stored normals       ', against_radial(normal[shell]))
print('shortest axis        ', against_radial(shortest[shell]), ' flatness (min / middle scale) median',
      np.median((scale.min(1) / np.sort(scale, 1)[:, 1])[shell]).round(3))
for k in (8, 16, 32):
    print(f'PCA of {k:2d} neighbours', against_radial(pca_normals(k)))
print('stored normals lean on the shell (mean of n − radial):', (normal[shell] - radial[shell]).mean(0).round(3))

if dataset:
    inverse_covariance = np.einsum('nij,nj,nkj->nik', rotation, 1 / scale ** 2, rotation)
    kind = np.where(np.abs(distance - radius) < SHELL, 0, np.where(distance < radius - SHELL, 1, 2))
    edges = np.array([-0.45, -0.3, -0.2, -0.15, -0.1, -0.07, -0.05, -0.03, -0.02, -0.01, 0, 0.01, 0.02, 0.05, 1])
    cameras = json.load(open(f'{dataset}/transforms_test.json'))
    tangent = np.tan(cameras['camera_angle_x'] / 2)
    rng = np.random.default_rng(0)
    shares, histograms, errors, behind = [], [], [], []
    for frame in cameras['frames'][::4]:
        camera_to_world = np.array(frame['transform_matrix'])
        origin = camera_to_world[:3, 3]
        for _ in range(150):
            while True:  # a random ray of this view that meets the sphere
                u = rng.uniform(-1, 1, 2) * tangent
                direction = camera_to_world[:3, :3] @ np.array([u[0], u[1], -1.0])
                direction /= np.linalg.norm(direction)
                b = (origin - centre) @ direction
                discriminant = b * b - ((origin - centre) @ (origin - centre) - radius * radius)
                if discriminant > 0:
                    break
            hit = -b - np.sqrt(discriminant)
            true_normal = (origin + hit * direction - centre) / radius
            offset = origin - position
            along = np.einsum('nij,j->ni', inverse_covariance, direction)
            t = -np.einsum('ni,ni->n', offset, along) / np.einsum('j,nj->n', direction, along)
            e = offset + t[:, None] * direction
            alpha = np.minimum(0.99, opacity * np.exp(-0.5 * np.einsum('ni,nij,nj->n', e, inverse_covariance, e)))
            order = np.nonzero((alpha > 1 / 255) & (t > 0))[0]
            order = order[np.argsort(t[order])]
            transmittance, weights = 1.0, []
            for i in order:
                weights.append(transmittance * alpha[i])
                transmittance *= 1 - alpha[i]
                if transmittance < 1e-4:
                    break
            weights = np.array(weights)
            ids = order[:len(weights)]
            if weights.sum() < 0.5:
                continue  # another object in front, or a ray the splats barely cover
            weights /= weights.sum()
            shares.append([weights[kind[ids] == k].sum() for k in range(3)])
            histograms.append(np.histogram(distance[ids] - radius, bins=edges, weights=weights)[0])
            blended = (weights[:, None] * normal[ids]).sum(0)
            errors.append(np.degrees(np.arccos(np.clip(blended @ true_normal / np.linalg.norm(blended), -1, 1))))
            behind.append(t[ids][np.searchsorted(np.cumsum(weights), 0.5)] - hit)
    share = np.mean(shares, 0)
    print(f'{len(shares)} rays: blend weight from the shell {share[0]:.3f}, from inside {share[1]:.3f}, elsewhere '
          f'{share[2]:.3f}; blended normal {np.mean(errors):.2f} deg off (median {np.median(errors):.2f}); the median '
          f'blend weight lies {np.mean(behind):.3f} (median {np.median(behind):.3f}) behind the true surface')
    for low, high, h in zip(edges[:-1], edges[1:], np.mean(histograms, 0)):
        print(f'  d − r in [{low:+.2f}, {high:+.2f}): {h:.3f}')
