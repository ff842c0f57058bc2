package dev.unfold.cuda;

import dev.unfold.cuda.CudaDriver.DeviceMemory;
import dev.unfold.cuda.CudaDriver.Event;
import dev.unfold.cuda.CudaDriver.PinnedMemory;
import dev.unfold.cuda.CudaDriver.Stream;

/**
 * Moves Java arrays to and from device memory through two page-locked buffers used in turn: while the
 * device copies one chunk, the CPU fills or empties the other. Pinned memory is what lets the device copy
 * at full speed, and the chunking keeps the pinned footprint small however large the arrays are.
 */
final class Staging implements AutoCloseable {

    static final long DEFAULT_CHUNK_BYTES = 8L << 20;

    private final CudaDriver driver;
    private final Stream stream;
    private final Watchdog watchdog;
    private final long chunkBytes;
    private final PinnedMemory[] pinned = new PinnedMemory[2];
    private final Event[] copied = new Event[2];
    private final boolean[] pending = new boolean[2];
    private long capacity;

    Staging(CudaDriver driver, Stream stream, Watchdog watchdog, long chunkBytes) {
        this.driver = driver;
        this.stream = stream;
        this.watchdog = watchdog;
        this.chunkBytes = chunkBytes;
        try {
            copied[0] = driver.createEvent();
            copied[1] = driver.createEvent();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Copies the whole array to the start of {@code dst}; returns when the device holds it. */
    void upload(HostArray src, DeviceMemory dst) {
        if (src.length() == 0) {
            return;
        }
        int per = chunkElements(src);
        int chunks = (int) LaunchPlan.ceilDiv(src.length(), per);
        // counted by chunk, as download is: an offset stepped past the last chunk of an array near 2³¹ elements
        // would wrap negative and pass the loop's test
        for (int k = 0; k < chunks; k++) {
            int from = k * per;
            int count = Math.min(per, src.length() - from);
            int slot = k & 1;
            if (pending[slot]) {
                watchdog.await(copied[slot]); // the device has read this buffer's previous chunk
            }
            src.writeTo(pinned[slot].buffer(), from, count);
            driver.copyToDevice(dst, (long) from * src.elementBytes(), pinned[slot], (long) count * src.elementBytes(), stream);
            driver.record(copied[slot], stream);
            pending[slot] = true;
        }
        watchdog.await(stream);
        pending[0] = pending[1] = false;
    }

    /** Copies the start of {@code src} into the whole array. */
    void download(DeviceMemory src, HostArray dst) {
        if (dst.length() == 0) {
            return;
        }
        int per = chunkElements(dst);
        int chunks = (int) LaunchPlan.ceilDiv(dst.length(), per);
        requestChunk(src, dst, per, 0);
        for (int k = 0; k < chunks; k++) {
            if (k + 1 < chunks) {
                requestChunk(src, dst, per, k + 1); // into the buffer emptied in the previous round
            }
            int slot = k & 1;
            int from = k * per;
            watchdog.await(copied[slot]);
            dst.readFrom(pinned[slot].buffer(), from, Math.min(per, dst.length() - from));
        }
    }

    private void requestChunk(DeviceMemory src, HostArray dst, int per, int k) {
        int from = k * per;
        int count = Math.min(per, dst.length() - from);
        driver.copyToHost(pinned[k & 1], src, (long) from * dst.elementBytes(), (long) count * dst.elementBytes(), stream);
        driver.record(copied[k & 1], stream);
    }

    /** Elements per chunk; grows the pinned buffers to hold that many (never past the chunk size). */
    private int chunkElements(HostArray a) {
        int per = (int) Math.min(a.length(), chunkBytes / a.elementBytes());
        long need = (long) per * a.elementBytes();
        if (need > capacity) {
            releasePinned();
            pinned[0] = driver.allocatePinned(need);
            pinned[1] = driver.allocatePinned(need);
            capacity = need;
        }
        return per;
    }

    private void releasePinned() {
        capacity = 0;
        for (int i = 0; i < 2; i++) {
            if (pinned[i] != null) {
                PinnedMemory p = pinned[i];
                pinned[i] = null;
                driver.freePinned(p);
            }
        }
    }

    @Override
    public void close() {
        try {
            releasePinned();
        } finally {
            for (int i = 0; i < 2; i++) {
                if (copied[i] != null) {
                    Event e = copied[i];
                    copied[i] = null;
                    driver.destroyEvent(e);
                }
            }
        }
    }
}
