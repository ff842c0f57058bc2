package dev.unfold.cuda;

import dev.unfold.cuda.CudaDriver.DeviceMemory;

/** Device memory kept from call to call, replaced by a larger allocation only when a call needs more. */
final class DeviceBuffer {

    private final CudaDriver driver;
    private DeviceMemory memory;
    private long capacity;

    DeviceBuffer(CudaDriver driver) {
        this.driver = driver;
    }

    /** Memory of at least {@code bytes}; on failure the buffer is left empty, never half-replaced. */
    DeviceMemory require(long bytes) {
        if (bytes > capacity) {
            release();
            memory = driver.allocate(bytes);
            capacity = bytes;
        }
        return memory;
    }

    void release() {
        if (memory != null) {
            DeviceMemory m = memory;
            memory = null;
            capacity = 0;
            driver.free(m);
        }
    }
}
