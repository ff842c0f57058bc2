package dev.unfold.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventQuery;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamQuery;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/** The CUDA driver through JCuda's driver API bindings: the only class that calls {@code jcuda.driver}. */
final class JCudaDriverApi implements CudaDriver {

    record JContext(CUcontext handle) implements Context {
    }

    record JModule(CUmodule handle) implements Module {
    }

    record JFunction(CUfunction handle) implements Function {
    }

    record JStream(CUstream handle) implements Stream {
    }

    record JEvent(CUevent handle) implements Event {
    }

    record JMemory(CUdeviceptr pointer) implements DeviceMemory {
    }

    record JPinned(Pointer pointer, ByteBuffer buffer) implements PinnedMemory {
    }

    /** The first load's failure, replayed to later callers: a failed class initialiser is not retried. */
    private static LinkageError loadFailure;

    private JCudaDriverApi() {
    }

    /**
     * Loads JCuda's native library, and with it libcuda.so.1; throws the LinkageError when either is
     * missing (no NVIDIA driver, or no JCuda build for this platform).
     */
    static synchronized CudaDriver load() {
        if (loadFailure != null) {
            throw loadFailure;
        }
        try {
            JCudaDriver.setExceptionsEnabled(false); // first touch runs the class initialiser, which loads the natives
        } catch (LinkageError e) {
            loadFailure = e;
            throw e;
        }
        return new JCudaDriverApi();
    }

    private static void check(int result, String call) {
        if (result != 0) {
            throw new CudaError(result, call);
        }
    }

    private static CUdevice handle(int ordinal) {
        CUdevice d = new CUdevice();
        check(cuDeviceGet(d, ordinal), "cuDeviceGet");
        return d;
    }

    @Override
    public void init() {
        check(cuInit(0), "cuInit");
    }

    @Override
    public int driverVersion() {
        int[] v = new int[1];
        check(cuDriverGetVersion(v), "cuDriverGetVersion");
        return v[0];
    }

    @Override
    public int deviceCount() {
        int[] n = new int[1];
        check(cuDeviceGetCount(n), "cuDeviceGetCount");
        return n[0];
    }

    @Override
    public DeviceInfo device(int ordinal) {
        CUdevice d = handle(ordinal);
        byte[] name = new byte[256];
        check(cuDeviceGetName(name, name.length, d), "cuDeviceGetName");
        int length = 0;
        while (length < name.length && name[length] != 0) {
            length++;
        }
        long[] total = new long[1];
        check(cuDeviceTotalMem(total, d), "cuDeviceTotalMem");
        return new DeviceInfo(new String(name, 0, length, StandardCharsets.UTF_8).strip(),
                attribute(d, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                attribute(d, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
                total[0],
                attribute(d, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT));
    }

    private static int attribute(CUdevice d, int attribute) {
        int[] v = new int[1];
        check(cuDeviceGetAttribute(v, attribute, d), "cuDeviceGetAttribute");
        return v[0];
    }

    @Override
    public Context retainPrimaryContext(int ordinal) {
        CUcontext c = new CUcontext();
        check(cuDevicePrimaryCtxRetain(c, handle(ordinal)), "cuDevicePrimaryCtxRetain");
        return new JContext(c);
    }

    @Override
    public void releasePrimaryContext(int ordinal) {
        check(cuDevicePrimaryCtxRelease(handle(ordinal)), "cuDevicePrimaryCtxRelease");
    }

    @Override
    public void makeCurrent(Context context) {
        check(cuCtxSetCurrent(((JContext) context).handle()), "cuCtxSetCurrent");
    }

    @Override
    public Module loadModule(byte[] ptx) {
        CUmodule m = new CUmodule();
        byte[] terminated = Arrays.copyOf(ptx, ptx.length + 1); // the driver reads PTX as a C string
        check(cuModuleLoadData(m, terminated), "cuModuleLoadData");
        return new JModule(m);
    }

    @Override
    public void unloadModule(Module module) {
        check(cuModuleUnload(((JModule) module).handle()), "cuModuleUnload");
    }

    @Override
    public Function function(Module module, String name) {
        CUfunction f = new CUfunction();
        check(cuModuleGetFunction(f, ((JModule) module).handle(), name), "cuModuleGetFunction(" + name + ")");
        return new JFunction(f);
    }

    @Override
    public Stream createStream() {
        CUstream s = new CUstream();
        check(cuStreamCreate(s, 0), "cuStreamCreate");
        return new JStream(s);
    }

    @Override
    public void destroyStream(Stream stream) {
        check(cuStreamDestroy(((JStream) stream).handle()), "cuStreamDestroy");
    }

    @Override
    public Event createEvent() {
        CUevent e = new CUevent();
        check(cuEventCreate(e, 0), "cuEventCreate");
        return new JEvent(e);
    }

    @Override
    public void destroyEvent(Event event) {
        check(cuEventDestroy(((JEvent) event).handle()), "cuEventDestroy");
    }

    @Override
    public DeviceMemory allocate(long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        check(cuMemAlloc(p, bytes), "cuMemAlloc");
        return new JMemory(p);
    }

    @Override
    public void free(DeviceMemory memory) {
        check(cuMemFree(((JMemory) memory).pointer()), "cuMemFree");
    }

    @Override
    public PinnedMemory allocatePinned(long bytes) {
        Pointer p = new Pointer();
        check(cuMemAllocHost(p, bytes), "cuMemAllocHost");
        return new JPinned(p, p.getByteBuffer(0, bytes).order(ByteOrder.nativeOrder()));
    }

    @Override
    public void freePinned(PinnedMemory memory) {
        check(cuMemFreeHost(((JPinned) memory).pointer()), "cuMemFreeHost");
    }

    @Override
    public void copyToDevice(DeviceMemory dst, long dstOffset, PinnedMemory src, long bytes, Stream stream) {
        check(cuMemcpyHtoDAsync(((JMemory) dst).pointer().withByteOffset(dstOffset), ((JPinned) src).pointer(), bytes,
                ((JStream) stream).handle()), "cuMemcpyHtoDAsync");
    }

    @Override
    public void copyToHost(PinnedMemory dst, DeviceMemory src, long srcOffset, long bytes, Stream stream) {
        check(cuMemcpyDtoHAsync(((JPinned) dst).pointer(), ((JMemory) src).pointer().withByteOffset(srcOffset), bytes,
                ((JStream) stream).handle()), "cuMemcpyDtoHAsync");
    }

    @Override
    public void launch(Function function, Dim3 grid, Dim3 block, Stream stream, Arg... args) {
        NativePointerObject[] values = new NativePointerObject[args.length];
        for (int i = 0; i < args.length; i++) {
            Arg a = args[i];
            if (a instanceof Arg.Memory m) {
                values[i] = Pointer.to(((JMemory) m.memory()).pointer());
            } else if (a instanceof Arg.Int v) {
                values[i] = Pointer.to(new int[] {v.value()});
            } else {
                values[i] = Pointer.to(((Arg.Ints) a).values()); // a struct of ints, copied by value
            }
        }
        check(cuLaunchKernel(((JFunction) function).handle(), grid.x(), grid.y(), grid.z(), block.x(), block.y(),
                block.z(), 0, ((JStream) stream).handle(), Pointer.to(values), null), "cuLaunchKernel");
    }

    @Override
    public void record(Event event, Stream stream) {
        check(cuEventRecord(((JEvent) event).handle(), ((JStream) stream).handle()), "cuEventRecord");
    }

    @Override
    public void synchronize(Event event) {
        check(cuEventSynchronize(((JEvent) event).handle()), "cuEventSynchronize");
    }

    @Override
    public void synchronize(Stream stream) {
        check(cuStreamSynchronize(((JStream) stream).handle()), "cuStreamSynchronize");
    }

    @Override
    public boolean isDone(Event event) {
        return done(cuEventQuery(((JEvent) event).handle()), "cuEventQuery");
    }

    @Override
    public boolean isDone(Stream stream) {
        return done(cuStreamQuery(((JStream) stream).handle()), "cuStreamQuery");
    }

    /** A query's answer: not ready is no failure. */
    private static boolean done(int result, String call) {
        if (result == CUresult.CUDA_ERROR_NOT_READY) {
            return false;
        }
        check(result, call);
        return true;
    }

    @Override
    public float elapsedMs(Event start, Event end) {
        float[] ms = new float[1];
        check(cuEventElapsedTime(ms, ((JEvent) start).handle(), ((JEvent) end).handle()), "cuEventElapsedTime");
        return ms[0];
    }

    @Override
    public long freeBytes() {
        long[] free = new long[1];
        long[] total = new long[1];
        check(cuMemGetInfo(free, total), "cuMemGetInfo");
        return free[0];
    }
}
