// Which tiles a splat can reach: exactly those holding a pixel centre where its alpha reaches MIN_ALPHA, i.e.
// inside the ellipse dᵀ·conic·d ≤ 2·ln(opacity / MIN_ALPHA) around its centre. Culling the other tiles changes no
// pixel, so the image does not depend on the tiling (3DGS's 3σ bounding square both wastes tiles on thin or faint
// splats and cuts opaque ones off at tile borders). Projection counts the tiles and emission lists them through
// these same functions on the same stored values; `precise` keeps the two pipelines' arithmetic identical.
#ifndef SPLATLIGHT_TILE_COVERAGE_GLSL
#define SPLATLIGHT_TILE_COVERAGE_GLSL

#include "splat/projected_splat.glsl"

// Slack on the level for float rounding in the blend's exp and comparisons: a tile too many costs nothing.
const float COVERAGE_LEVEL_SLACK = 1e-3;

// The ellipse of a splat's reach, prepared once for the row and column queries below.
struct CoverageEllipse {
    vec2 center;
    vec3 conic;        // (a, b, c) = (xx, xy, yy)
    float level;       // dᵀ·conic·d on its boundary, where alpha = MIN_ALPHA; ≤ 0: the splat reaches no pixel
    float determinant; // a·c − b²
    float halfHeight;  // √(level·a / det)
    float extremeY;    // height of its rightmost point, −b·√(level / (c·det)); the leftmost is at −extremeY
};

CoverageEllipse coverage_ellipse(vec2 center, vec3 conic, float opacity) {
    precise float level = 2.0 * log(opacity / MIN_ALPHA) + COVERAGE_LEVEL_SLACK;
    precise float determinant = conic.x * conic.z - conic.y * conic.y;
    precise float halfHeight = sqrt(level * conic.x / determinant);
    precise float extremeY = -conic.y * sqrt(level / (conic.z * determinant));
    return CoverageEllipse(center, conic, level, determinant, halfHeight, extremeY);
}

// Tile rows [first, end) whose pixel centres (y = 16·t + 0.5 … 16·t + 15.5) the ellipse reaches.
uvec2 coverage_rows(CoverageEllipse e, uint tilesY) {
    if (SMOOTH_TEST_MODE) {
        return uvec2(0u, tilesY);
    }
    precise float first = ceil((e.center.y - e.halfHeight - (float(TILE_SIZE) - 0.5)) / float(TILE_SIZE));
    precise float last = floor((e.center.y + e.halfHeight - 0.5) / float(TILE_SIZE));
    return uvec2(clamp(vec2(first, last + 1.0), vec2(0.0), vec2(float(tilesY))));
}

// Tiles [first, end) of tile row `row` that the ellipse reaches: its x-extent within the row's band of pixel
// centres, read off its boundary at the band heights nearest to its rightmost and leftmost points.
uvec2 coverage_columns(CoverageEllipse e, uint row, uint tilesX) {
    if (SMOOTH_TEST_MODE) {
        return uvec2(0u, tilesX);
    }
    precise float bandLow = max(float(row * TILE_SIZE) + 0.5 - e.center.y, -e.halfHeight);
    precise float bandHigh = min(float(row * TILE_SIZE) + float(TILE_SIZE) - 0.5 - e.center.y, e.halfHeight);
    if (!(bandLow <= bandHigh)) {
        return uvec2(0u);
    }
    // Boundary at height y: x = (−b·y ± √(level·a − det·y²)) / a.
    vec3 q = e.conic;
    precise float yRight = clamp(e.extremeY, bandLow, bandHigh);
    precise float yLeft = clamp(-e.extremeY, bandLow, bandHigh);
    precise float right = (-q.y * yRight + sqrt(max(0.0, e.level * q.x - e.determinant * yRight * yRight))) / q.x;
    precise float left = (-q.y * yLeft - sqrt(max(0.0, e.level * q.x - e.determinant * yLeft * yLeft))) / q.x;
    precise float first = ceil((e.center.x + left - (float(TILE_SIZE) - 0.5)) / float(TILE_SIZE));
    precise float last = floor((e.center.x + right - 0.5) / float(TILE_SIZE));
    return uvec2(clamp(vec2(first, last + 1.0), vec2(0.0), vec2(float(tilesX))));
}

#endif
