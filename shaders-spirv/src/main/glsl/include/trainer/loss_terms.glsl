// Running sums of the loss terms of one step, for logging ([LOSS_TERMS] f32, zeroed by the host each step).
// Each workgroup adds its subgroup-reduced partial sums with one atomic per subgroup.
#ifndef SPLATLIGHT_LOSS_TERMS_GLSL
#define SPLATLIGHT_LOSS_TERMS_GLSL

#extension GL_EXT_shader_atomic_float : require
#extension GL_KHR_shader_subgroup_arithmetic : require

const uint LOSS_L1 = 0u;                  // Σ |render − photo| over pixels and channels
const uint LOSS_SSIM = 1u;                // Σ SSIM over pixels and channels
const uint LOSS_NORMAL_CONSISTENCY = 2u;  // Σ |N − N_depth| over valid pixels and channels
const uint LOSS_NORMAL_TV = 3u;           // Σ edge-weighted |∇N| over pixels and channels
const uint LOSS_VALID_NORMALS = 4u;       // pixels with a normal from depth
const uint LOSS_SQUARED_ERROR = 5u;       // Σ (render − photo)², for PSNR
const uint LOSS_MATERIAL_TV = 6u;         // Σ edge-weighted |∇ material| over covered pairs and the 5 channels
const uint LOSS_ENVIRONMENT_TV = 7u;      // Σ |∇ environment| over texel pairs and channels
const uint LOSS_ALPHA = 8u;               // Σ |rendered opacity − photo alpha| over pixels
const uint LOSS_TERMS = 9u;

#define ADD_LOSS_TERM(buffer, term, value) { float s_ = subgroupAdd(value); if (subgroupElect()) { atomicAdd(buffer[term], s_); } }

#endif
