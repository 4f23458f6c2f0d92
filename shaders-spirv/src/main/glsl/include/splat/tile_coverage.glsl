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

// The ellipse level dᵀ·conic·d beyond which alpha < MIN_ALPHA; ≤ 0 when the splat can never reach it.
float splat_coverage_level(float opacity) {
    return 2.0 * log(opacity / MIN_ALPHA) + COVERAGE_LEVEL_SLACK;
}

// Tile rows [first, end) whose pixel centres (y = 16·t + 0.5 … 16·t + 15.5) the ellipse reaches. Its half
// height is √(level·(conic⁻¹)yy) = √(level·xx / det).
uvec2 coverage_rows(vec2 center, vec3 conic, float level, uint tilesY) {
    if (SMOOTH_TEST_MODE) {
        return uvec2(0u, tilesY);
    }
    precise float determinant = conic.x * conic.z - conic.y * conic.y;
    precise float halfHeight = sqrt(level * conic.x / determinant);
    precise float first = ceil((center.y - halfHeight - (float(TILE_SIZE) - 0.5)) / float(TILE_SIZE));
    precise float last = floor((center.y + halfHeight - 0.5) / float(TILE_SIZE));
    return uvec2(clamp(vec2(first, last + 1.0), vec2(0.0), vec2(float(tilesY))));
}

// Tiles [first, end) of tile row `row` that the ellipse reaches: its x-extent within the row's band of pixel
// centres, read off its boundary at the band heights nearest to its rightmost and leftmost points.
uvec2 coverage_columns(vec2 center, vec3 conic, float level, uint row, uint tilesX) {
    if (SMOOTH_TEST_MODE) {
        return uvec2(0u, tilesX);
    }
    // conic (a, b, c) = (xx, xy, yy); boundary at height y: x = (−b·y ± √(level·a − det·y²)) / a.
    precise float determinant = conic.x * conic.z - conic.y * conic.y;
    precise float halfHeight = sqrt(level * conic.x / determinant);
    precise float bandLow = max(float(row * TILE_SIZE) + 0.5 - center.y, -halfHeight);
    precise float bandHigh = min(float(row * TILE_SIZE) + float(TILE_SIZE) - 0.5 - center.y, halfHeight);
    if (!(bandLow <= bandHigh)) {
        return uvec2(0u);
    }
    // The rightmost point of the ellipse is at height −b·√(level / (c·det)); the leftmost at the opposite one.
    precise float extremeY = -conic.y * sqrt(level / (conic.z * determinant));
    precise float yRight = clamp(extremeY, bandLow, bandHigh);
    precise float yLeft = clamp(-extremeY, bandLow, bandHigh);
    precise float right = (-conic.y * yRight + sqrt(max(0.0, level * conic.x - determinant * yRight * yRight))) / conic.x;
    precise float left = (-conic.y * yLeft - sqrt(max(0.0, level * conic.x - determinant * yLeft * yLeft))) / conic.x;
    precise float first = ceil((center.x + left - (float(TILE_SIZE) - 0.5)) / float(TILE_SIZE));
    precise float last = floor((center.x + right - 0.5) / float(TILE_SIZE));
    return uvec2(clamp(vec2(first, last + 1.0), vec2(0.0), vec2(float(tilesX))));
}

#endif
