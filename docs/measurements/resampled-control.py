"""Control dataset for issue 11's "within 1 dB" comparison (an analysis script, not part of Splatlight).

trio-colmap-radial's photos went through two bilinear resamplings by the time the trainer sees them (the barrel lens
applied to the renders, then our undistortion at load); trio-colmap's did not. This makes trio-colmap-resampled:
trio-colmap's COLMAP model unchanged, and each photo made as trio-colmap-radial's was (render on white, the dataset's
true OpenCV lens applied bilinearly, JPEG 95) and then undistorted bilinearly with the same true lens back onto the
original pixel grid (saved as JPEG 100, 4:4:4), so the cameras still fit and the pictures are resampled like the
radial ones. `check` compares the lens reproduction with the radial dataset's photos (37.9 dB; JPEG alone: 45 dB).

    python3 docs/measurements/resampled-control.py check
    python3 docs/measurements/resampled-control.py make OUT_DIR     # OUT_DIR: the new dataset
Needs numpy and Pillow; datasets from SPLATLIGHT_DATASETS (default ../shared/datasets).
"""
import numpy as np, os, sys, shutil
from PIL import Image
S=os.environ.get('SPLATLIGHT_DATASETS','../shared/datasets')
f=555.56; c=200.0; k1,k2,p1,p2=-0.2,0.05,0.001,-0.0008  # trio-colmap-radial/README.md
def D(x,y):
    r2=x*x+y*y; rad=1+k1*r2+k2*r2*r2
    return x*rad+2*p1*x*y+p2*(r2+2*x*x), y*rad+p1*(r2+2*y*y)+2*p2*x*y
def Dinv(xd,yd):
    x,y=xd.copy(),yd.copy()
    for _ in range(50):
        fx,fy=D(x,y); x-= (fx-xd); y-=(fy-yd)
    return x,y
def bil(img,px,py):  # px,py pixel coords with centres at i+0.5
    h,w,_=img.shape; x=px-0.5; y=py-0.5
    x0=np.clip(np.floor(x).astype(int),0,w-2); y0=np.clip(np.floor(y).astype(int),0,h-2)
    ax=np.clip(x-x0,0,1)[...,None]; ay=np.clip(y-y0,0,1)[...,None]
    return (img[y0,x0]*(1-ax)*(1-ay)+img[y0,x0+1]*ax*(1-ay)+img[y0+1,x0]*(1-ax)*ay+img[y0+1,x0+1]*ax*ay)
jj,ii=np.meshgrid(np.arange(400)+0.5,np.arange(400)+0.5)  # jj = x, ii = y
def white(name):
    a=np.asarray(Image.open(f'{S}/trio/{name}/rgba.png').convert('RGBA')).astype(np.float64)/255
    return a[...,:3]*a[...,3:]+(1-a[...,3:])
def distort(img):  # distorted pixel q samples the ideal image at Dinv(q)
    x,y=Dinv((jj-c)/f,(ii-c)/f); return bil(img,x*f+c,y*f+c)
def undistort(img):  # ideal pixel p samples the distorted image at D(p)
    x,y=D((jj-c)/f,(ii-c)/f); return bil(img,x*f+c,y*f+c)
def psnr(a,b): return -10*np.log10(np.mean((a-b)**2))
def q8(a): return np.clip(np.round(a*255),0,255).astype(np.uint8)
if sys.argv[1]=='check':
    for n in ['test_000','train_005']:
        d=distort(white(n)); ref=np.asarray(Image.open(f'{S}/trio-colmap-radial/images/{n}.jpg').convert('RGB'))/255
        print(n,'distorted vs radial photo',psnr(d,ref),' ideal vs radial photo',psnr(white(n),ref))
        pin=np.asarray(Image.open(f'{S}/trio-colmap/images/{n}.jpg').convert('RGB'))/255
        print(n,'ideal vs pinhole photo',psnr(white(n),pin))
else:
    out=sys.argv[2]; shutil.copytree(f'{S}/trio-colmap/sparse',f'{out}/sparse',dirs_exist_ok=True); os.makedirs(f'{out}/images',exist_ok=True)
    tot=[]
    for fn in sorted(os.listdir(f'{S}/trio-colmap/images')):
        n=fn[:-4]; Image.fromarray(q8(distort(white(n)))).save('/tmp/_d.jpg',quality=95)
        d=np.asarray(Image.open('/tmp/_d.jpg').convert('RGB'))/255
        r=q8(undistort(d)); Image.fromarray(r).save(f'{out}/images/{fn}',quality=100,subsampling=0)
        pin=np.asarray(Image.open(f'{S}/trio-colmap/images/{fn}').convert('RGB'))/255
        tot.append(psnr(r/255,pin))
    print('round-tripped vs pinhole photos: mean PSNR',np.mean(tot))
