package dev.splatlight.viewer.export;

/** What turns in a turntable: the camera around the still asset and light, or the light around a still camera. */
public enum TurntableMotion {
    /** The camera orbits the asset once about +Z; the environment stays put. */
    CAMERA,
    /** The environment turns once about +Z around the asset; the camera stays put (an HDRI light only). */
    LIGHT
}
