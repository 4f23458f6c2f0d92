"""Where trio's mirror sphere's Gaussians are, and how good their normals are (an analysis script, not part of
Splatlight).

Reads an asset's point_cloud.ply (3DGS layout) and, given the sphere's centre and radius (trio: 0.599,0.5079,0.1036
0.4198, fitted to the test views' true normals: each sphere pixel's ray meets centre + radius · normal), prints how
many Gaussians (and how much opacity) lie on its shell and inside it, and the angle to the radial direction of the
shell's stored normals, of each Gaussian's shortest axis and of PCA over neighbouring centres. With a fourth argument
it saves the Gaussians within 1.5 radii (without f_rest) to that .npz for offline work.

    python3 docs/measurements/mirror-sphere-gaussians.py ASSET/point_cloud.ply CX,CY,CZ RADIUS [OUT.npz]
"""
import sys
import numpy as np
path=sys.argv[1]; c=np.array(sys.argv[2].split(','),float); r=float(sys.argv[3]); dump=sys.argv[4] if len(sys.argv)>4 else None
data=open(path,'rb').read(); h=data.index(b'end_header\n')+11
hdr=data[:h].decode(); names=[l.split()[-1] for l in hdr.splitlines() if l.startswith('property')]
n=int([l for l in hdr.splitlines() if l.startswith('element vertex')][0].split()[-1])
a=np.frombuffer(data[h:h+4*len(names)*n],np.float32).reshape(n,len(names)); col=lambda k:a[:,names.index(k)]
p=np.stack([col('x'),col('y'),col('z')],1).astype(float); nrm=np.stack([col('nx'),col('ny'),col('nz')],1).astype(float)
op=1/(1+np.exp(-col('opacity'))); sc=np.exp(np.stack([col(f'scale_{i}') for i in range(3)],1)); q=np.stack([col(f'rot_{i}') for i in range(4)],1).astype(float)
q/=np.linalg.norm(q,axis=1,keepdims=True); w,x,y,z=q.T
Rm=np.stack([np.stack([1-2*(y*y+z*z),2*(x*y-w*z),2*(x*z+w*y)],1),np.stack([2*(x*y+w*z),1-2*(x*x+z*z),2*(y*z-w*x)],1),np.stack([2*(x*z-w*y),2*(y*z+w*x),1-2*(x*x+y*y)],1)],1)
short=Rm[np.arange(n),:,np.argmin(sc,1)]
d=np.linalg.norm(p-c,axis=1)
if dump:
    near=d<r*1.5; keep=[k for k in names if not k.startswith('f_rest')]
    np.savez_compressed(dump, names=np.array(keep), values=a[near][:,[names.index(k) for k in keep]])
radial=(p-c)/d[:,None]
for band in (0.01,0.02,0.04):
    shell=(np.abs(d-r)<band)&(op>0.1)
    print(f'shell ±{band}: {shell.sum()} Gaussians (opacity sum {op[shell].sum():.0f}); inside (d < r-{band}): {(d<r-band).sum()} (opacity sum {op[d<r-band].sum():.0f})')
shell=(np.abs(d-r)<0.02)&(op>0.1)
pts=p[(np.abs(d-r)<0.05)&(op>0.1)]
def pca_normal(k):
    out=np.zeros((shell.sum(),3)); S=p[shell]
    for i in range(0,len(S),2000):
        dd=((S[i:i+2000,None,:]-pts[None])**2).sum(2); idx=np.argpartition(dd,k,axis=1)[:,:k]
        nb=pts[idx]; nb=nb-nb.mean(1,keepdims=True); _,vec=np.linalg.eigh(np.einsum('nki,nkj->nij',nb,nb)); out[i:i+2000]=vec[:,:,0]
    return out
def ang(u):
    cs=np.abs((u*radial[shell]).sum(1))/np.linalg.norm(u,axis=1); a=np.degrees(np.arccos(np.clip(cs,-1,1)))
    return f'opacity-weighted mean {np.average(a,weights=op[shell]):.2f}, median {np.median(a):.2f}, p90 {np.percentile(a,90):.2f} deg'
print('stored normals      ', ang(nrm[shell]))
print('shortest axis       ', ang(short[shell]), ' flatness (min/mid scale) median', np.median((sc.min(1)/np.sort(sc,1)[:,1])[shell]).round(3))
for k in (8,16,32): print(f'PCA of {k:2d} neighbours', ang(pca_normal(k)))
print('stored normals lean on shell (mean of n - radial):', (nrm[shell]/np.linalg.norm(nrm[shell],axis=1,keepdims=True)-radial[shell]).mean(0).round(3))
