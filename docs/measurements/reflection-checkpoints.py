"""Where the geometry stage's reflection strength goes on trio (an analysis script, not part of Splatlight).

usage: python3 reflection-checkpoints.py DATASET_DIR 'SNAPSHOT_GLOB'
Triangulates the mirror sphere's centre from the test views' albedo masks (every channel of the true albedo above
235: only the sphere's is), then reads geometry checkpoints (version 2) and prints, per checkpoint, the mean
reflection strength of Gaussians on the sphere's shell and elsewhere, how many lie inside the sphere (the mirror's
virtual image) and their opacity, and the learned mirror light's spread; the last checkpoint's light is written
to mirror-light.png (faces +X, −X, +Y, −Y, +Z, −Z side by side, display values clipped to [0, 1]).
"""
import json, sys, glob, numpy as np
from PIL import Image
D=sys.argv[1]
# sphere centre: triangulate the centroids of the white-albedo masks of the test views
tr=json.load(open(D+'/transforms_test.json')); fovx=tr['camera_angle_x']
A=np.zeros((3,3)); b=np.zeros(3)
for f in tr['frames']:
    al=np.asarray(Image.open(D+'/'+f['file_path'][2:].rsplit('/',1)[0]+'/albedo.png')).astype(float)
    m=(al[...,3]>128)&(al[...,:3].min(-1)>235)
    H,W=m.shape; ys,xs=np.nonzero(m)
    if len(xs)<50: continue
    cx,cy=xs.mean()+0.5,ys.mean()+0.5
    fx=0.5*W/np.tan(fovx/2)
    c2w=np.array(f['transform_matrix'])
    d=c2w[:3,:3]@np.array([(cx-W/2)/fx, -(cy-H/2)/fx, -1.0]); d/=np.linalg.norm(d); o=c2w[:3,3]
    P=np.eye(3)-np.outer(d,d); A+=P; b+=P@o
centre=np.linalg.solve(A,b); print('sphere centre', centre.round(3))
def read(path):
    raw=open(path,'rb').read(); ver=int.from_bytes(raw[8:12],'big'); it=int.from_bytes(raw[12:16],'big'); n=int.from_bytes(raw[16:20],'big')
    a=np.frombuffer(raw[20:],dtype='>f4'); per=3+3+4+1+48+3+(1 if ver>=2 else 0)
    p=a[:per*n]; o=0; out={}
    for name,k in [('means',3),('ls',3),('rot',4),('op',1),('sh',48),('n',3),('r',1)]:
        out[name]=p[o:o+k*n].reshape(n,k); o+=k*n
    tail=raw[20+4*(3*per*n+3*n):]; envf=int.from_bytes(tail[:4],'big'); env=np.frombuffer(tail[4:4+4*envf],dtype='>f4')
    return it,out,env
for path in sorted(glob.glob(sys.argv[2])):
    it,g,env=read(path)
    d=np.linalg.norm(g['means']-centre,axis=1); op=1/(1+np.exp(-g['op'][:,0])); r=g['r'][:,0]
    sph=d<0.47; inside=d<0.36
    print(f"it {it}: {len(r)} G; sphere-shell R mean {r[sph&~inside].mean():.3f} (n={np.sum(sph&~inside)}, opacity-weighted {np.sum(r*op*(sph&~inside))/np.sum(op*(sph&~inside)):.3f}); inside-sphere n={inside.sum()} opacity sum {op[inside].sum():.1f}; elsewhere R mean {r[~sph].mean():.3f}; env theta mean {env[:len(env)//3].mean():.3f} std {env[:len(env)//3].std():.3f}")
    if path==sorted(glob.glob(sys.argv[2]))[-1]:
        th=env[:len(env)//3]; s=int(round((len(th)/18)**0.5)); cube=np.exp(th.reshape(6,s,s,3))
        strip=np.concatenate(list(cube),axis=1); Image.fromarray((np.clip(strip,0,1)*255).astype(np.uint8)).save('mirror-light.png')
