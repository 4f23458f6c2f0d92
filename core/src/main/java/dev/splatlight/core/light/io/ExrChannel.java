package dev.splatlight.core.light.io;

/** One channel of an OpenEXR header's channel list. */
record ExrChannel(String name, int pixelType, int xSampling, int ySampling) {
    static final int UINT = 0;
    static final int HALF = 1;
    static final int FLOAT = 2;

    int bytesPerSample() {
        return pixelType == HALF ? 2 : 4;
    }
}
