// A Gaussian after projection: what tile binning and blending read. std430, 48 bytes.
#ifndef SPLATLIGHT_PROJECTED_SPLAT_GLSL
#define SPLATLIGHT_PROJECTED_SPLAT_GLSL

const uint TILE_SIZE = 16u; // pixels per tile side; the blend kernel's workgroup is TILE_SIZE × TILE_SIZE

struct ProjectedSplat {
    vec4 centerDepthRadius;  // pixel x, pixel y, camera z, radius in pixels (0: culled)
    vec4 conicOpacity;       // inverse 2D covariance (xx, xy, yy), opacity after the sigmoid
    vec4 color;              // rgb after SH evaluation, +0.5 and clamping; w: bit c set when channel c was clamped
};

// Tiles a splat's bounding square touches: [minTile, maxTile) in tile coordinates, clamped to the grid.
void splat_tile_rect(vec2 center, float radius, uvec2 tiles, out uvec2 minTile, out uvec2 maxTile) {
    vec2 lo = floor((center - radius) / float(TILE_SIZE));
    vec2 hi = floor((center + radius) / float(TILE_SIZE)) + 1.0;
    minTile = uvec2(clamp(lo, vec2(0.0), vec2(tiles)));
    maxTile = uvec2(clamp(hi, vec2(0.0), vec2(tiles)));
}

#endif
