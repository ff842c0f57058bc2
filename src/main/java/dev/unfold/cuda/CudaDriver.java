package dev.unfold.cuda;

import java.nio.ByteBuffer;

/**
 * The CUDA driver calls the backend makes, in Java terms. {@link JCudaDriverApi} makes them through JCuda;
 * tests put in drivers that fail at a chosen call, hang, or run the kernels' C++ build on the CPU. Every
 * failure is a {@link CudaError} carrying the driver's result code.
 *
 * <p>Handles are opaque: a driver accepts only the handles it made.
 */
interface CudaDriver {

    interface Context {
    }

    interface Module {
    }

    interface Function {
    }

    interface Stream {
    }

    interface Event {
    }

    interface DeviceMemory {
    }

    /** Page-locked host memory the device copies from and to directly. */
    interface PinnedMemory {
        /** The whole allocation, native byte order. */
        ByteBuffer buffer();
    }

    record DeviceInfo(String name, int major, int minor, long totalBytes, int multiprocessors) {
    }

    record Dim3(int x, int y, int z) {
    }

    /** A kernel argument: device memory, one int, or a struct of ints passed by value. */
    sealed interface Arg permits Arg.Memory, Arg.Int, Arg.Ints {
        record Memory(DeviceMemory memory) implements Arg {
        }

        record Int(int value) implements Arg {
        }

        record Ints(int[] values) implements Arg {
        }
    }

    void init();

    /** The CUDA version the driver implements, as 1000·major + 10·minor. */
    int driverVersion();

    int deviceCount();

    DeviceInfo device(int ordinal);

    Context retainPrimaryContext(int ordinal);

    void releasePrimaryContext(int ordinal);

    /** Binds the context to the calling thread; a context serves whichever thread binds it. */
    void makeCurrent(Context context);

    /** Loads a module from PTX text; the driver compiles it for the device. */
    Module loadModule(byte[] ptx);

    void unloadModule(Module module);

    Function function(Module module, String name);

    Stream createStream();

    void destroyStream(Stream stream);

    Event createEvent();

    void destroyEvent(Event event);

    DeviceMemory allocate(long bytes);

    void free(DeviceMemory memory);

    PinnedMemory allocatePinned(long bytes);

    void freePinned(PinnedMemory memory);

    /** Queues a copy of {@code bytes} from the start of {@code src} to {@code dst + dstOffset}. */
    void copyToDevice(DeviceMemory dst, long dstOffset, PinnedMemory src, long bytes, Stream stream);

    /** Queues a copy of {@code bytes} from {@code src + srcOffset} to the start of {@code dst}. */
    void copyToHost(PinnedMemory dst, DeviceMemory src, long srcOffset, long bytes, Stream stream);

    void launch(Function function, Dim3 grid, Dim3 block, Stream stream, Arg... args);

    void record(Event event, Stream stream);

    void synchronize(Event event);

    void synchronize(Stream stream);

    /** Whether the work recorded before {@code event} has run (cuEventQuery); a failure of that work throws. */
    boolean isDone(Event event);

    /** Whether the work queued on {@code stream} has run (cuStreamQuery); a failure of that work throws. */
    boolean isDone(Stream stream);

    /** Milliseconds between two completed events. */
    float elapsedMs(Event start, Event end);

    /** Free device memory in bytes. */
    long freeBytes();
}
