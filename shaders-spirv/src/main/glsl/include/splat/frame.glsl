// Per-frame uniforms shared by the splat kernels: the camera (see dev.splatlight.core.camera.Camera for the frame
// conventions) and the rasterizer settings. The program defines SPLAT_FRAME_BINDING before including this file.
#ifndef SPLATLIGHT_SPLAT_FRAME_GLSL
#define SPLATLIGHT_SPLAT_FRAME_GLSL

// Camera space: +x right, +y down, +z forward (into the image). Pixel (i, j) covers [i, i+1) × [j, j+1); its centre
// is (i + 0.5, j + 0.5); a camera-space point projects to (fx·x/z + cx, fy·y/z + cy).
layout(std140, binding = SPLAT_FRAME_BINDING) uniform SplatFrame {
    mat4 viewFromWorld;   // world → camera, rigid
    vec3 cameraPosition;  // camera centre in world space (SH view directions)
    float fx;             // focal lengths and principal point, pixels
    float fy;
    float cx;
    float cy;
    float tanHalfFovX;    // (width / 2) / fx, for the 3DGS clamp of the projection Jacobian
    float tanHalfFovY;
    uint width;           // image size, pixels
    uint height;
    uint tilesX;          // ceil(width / TILE_SIZE)
    uint tilesY;
    uint splatCount;      // Gaussians in the input buffers
    uint shDegree;        // 0..3: SH bands used for colour
    float nearPlane;      // splats with camera z below this are culled
    vec3 background;      // composited where the splats leave transmittance
} frame;

#endif
