package dev.unfold.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CUDA driver without a GPU. Device memory is Java memory, copies copy, events read the clock, and
 * kernels do nothing (HarnessDriver runs them). As on a device, copies, launches and event records are only
 * queued: they run when something waits for them, so a missing wait shows as stale data, and freeing or
 * refilling memory that queued work still uses fails the test. Any call can be told to fail with a driver
 * code, or to hang, and the fake counts what is held so tests can check that failures release everything.
 */
class FakeDriver implements CudaDriver {

    record FakeHandle(String kind, int id) implements Context, Stream, Event {
    }

    record FakeModule(Set<String> entries) implements Module {
    }

    record FakeFunction(String name) implements Function {
    }

    static final class FakeMemory implements DeviceMemory {
        final ByteBuffer bytes;

        FakeMemory(long size) {
            bytes = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.nativeOrder());
        }
    }

    /** Identity matters (two buffers with equal contents are different allocations), so not a record. */
    static final class FakePinned implements PinnedMemory {
        private final ByteBuffer buffer;

        FakePinned(long size) {
            buffer = ByteBuffer.allocateDirect(Math.toIntExact(size)).order(ByteOrder.nativeOrder());
        }

        @Override
        public ByteBuffer buffer() {
            return buffer;
        }
    }

    record Launch(String kernel, Dim3 grid, Dim3 block, Arg[] args) {
    }

    /** Work on the stream: what it touches, and the event it records (null unless a record). */
    private record Queued(Runnable work, List<Object> uses, Event records) {
    }

    /** A failure after {@code left} more successful calls. */
    private record Failure(int code, AtomicInteger left) {
    }

    /** The backend's base limit on waits for tests that do not test it: long enough for any fake work. */
    static final Duration SYNC_LIMIT = Duration.ofSeconds(20);

    private static final Pattern ENTRY = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(");

    DeviceInfo info = new DeviceInfo("Fake GPU", 7, 5, 1L << 30, 2);
    int devices = 1;
    /** Device bytes beyond which cuMemAlloc fails with CUDA_ERROR_OUT_OF_MEMORY. */
    long memoryLimit = Long.MAX_VALUE;

    // A probe drives the fake from its own thread while the test thread watches: state is visible across
    // threads (one thread calls the driver at a time, so the counters need no atomic updates).
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> hangs = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();
    final Set<FakeMemory> deviceMemory = ConcurrentHashMap.newKeySet();
    final Set<FakePinned> pinnedMemory = ConcurrentHashMap.newKeySet();
    final List<Launch> launches = new CopyOnWriteArrayList<>();
    volatile int allocations;
    volatile int contexts;
    volatile int modules;
    volatile int streams;
    volatile int events;
    private final Map<Event, Long> recorded = new ConcurrentHashMap<>();
    /** Events a synchronisation is blocked on now, and how many such waits there are, events or stream. */
    private final Map<Event, Integer> waitedOn = new ConcurrentHashMap<>();
    private final AtomicInteger waits = new AtomicInteger();
    /** Handles destroyed while another thread was still blocked in a wait on them: a use after free on a device. */
    final List<String> misuse = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The stream's work not yet run, oldest first; guarded by itself (a hung wait and a release may both drain it). */
    private final List<Queued> queue = new ArrayList<>();

    /** From now on, {@code call} returns {@code code}. */
    FakeDriver failAt(String call, int code) {
        return failAt(call, code, 0);
    }

    /** {@code call} succeeds {@code after} more times, then returns {@code code}. */
    FakeDriver failAt(String call, int code, int after) {
        failures.put(call, new Failure(code, new AtomicInteger(after)));
        return this;
    }

    /** {@code call} works again. */
    void succeedAt(String call) {
        failures.remove(call);
    }

    /** Queued copies, launches and records that nothing has waited for yet. */
    int inFlight() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** From now on, {@code call} blocks until the returned latch is released. */
    CountDownLatch hangAt(String call) {
        CountDownLatch latch = new CountDownLatch(1);
        hangs.put(call, latch);
        return latch;
    }

    private void enter(String call) {
        CountDownLatch hang = hangs.get(call);
        if (hang != null) {
            try {
                hang.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Failure failure = failures.get(call);
        if (failure != null && failure.left().getAndDecrement() <= 0) {
            CudaError e = new CudaError(failure.code(), call);
            if (e.sticky()) {
                synchronized (queue) {
                    queue.clear(); // the device stopped: what was queued will never run
                }
            }
            throw e;
        }
    }

    private void enqueue(Runnable work, Event records, Object... uses) {
        synchronized (queue) {
            for (Queued q : queue) {
                for (Object u : uses) {
                    if (u instanceof PinnedMemory && q.uses().contains(u)) {
                        throw new AssertionError("a copy was queued through a pinned buffer that queued work still "
                                + "uses: the host refilled or read it before that work ran");
                    }
                }
            }
            queue.add(new Queued(work, List.of(uses), records));
        }
    }

    /** Runs the queue up to and including {@code upTo}'s latest record, or all of it when {@code upTo} is null. */
    private void drain(Event upTo) {
        synchronized (queue) {
            int last = queue.size() - 1;
            if (upTo != null) {
                while (last >= 0 && queue.get(last).records() != upTo) {
                    last--;
                }
            }
            for (int i = 0; i <= last; i++) {
                queue.remove(0).work().run();
            }
        }
    }

    private void notInFlight(Object memory) {
        synchronized (queue) {
            for (Queued q : queue) {
                if (q.uses().contains(memory)) {
                    throw new AssertionError("freed memory that a queued copy or kernel still uses");
                }
            }
        }
    }

    /** Nothing is held: every allocation, context, module, stream and event was given back. */
    boolean allReleased() {
        return deviceMemory.isEmpty() && pinnedMemory.isEmpty() && contexts == 0 && modules == 0 && streams == 0
                && events == 0;
    }

    long deviceBytes() {
        return deviceMemory.stream().mapToLong(m -> m.bytes.capacity()).sum();
    }

    @Override
    public void init() {
        enter("cuInit");
    }

    @Override
    public int driverVersion() {
        enter("cuDriverGetVersion");
        return 12040;
    }

    @Override
    public int deviceCount() {
        enter("cuDeviceGetCount");
        return devices;
    }

    @Override
    public DeviceInfo device(int ordinal) {
        enter("cuDeviceGet");
        return info;
    }

    @Override
    public Context retainPrimaryContext(int ordinal) {
        enter("cuDevicePrimaryCtxRetain");
        contexts++;
        return new FakeHandle("context", nextId.getAndIncrement());
    }

    @Override
    public void releasePrimaryContext(int ordinal) {
        enter("cuDevicePrimaryCtxRelease");
        if (waits.get() > 0) {
            misused("released the context while another thread still waited in it");
        }
        contexts--;
    }

    @Override
    public void makeCurrent(Context context) {
        enter("cuCtxSetCurrent");
    }

    @Override
    public Module loadModule(byte[] ptx) {
        enter("cuModuleLoadData");
        Set<String> entries = new HashSet<>();
        Matcher m = ENTRY.matcher(new String(ptx, java.nio.charset.StandardCharsets.US_ASCII));
        while (m.find()) {
            entries.add(m.group(1));
        }
        modules++;
        return new FakeModule(entries);
    }

    @Override
    public void unloadModule(Module module) {
        enter("cuModuleUnload");
        modules--;
    }

    @Override
    public Function function(Module module, String name) {
        enter("cuModuleGetFunction");
        if (!((FakeModule) module).entries().contains(name)) {
            throw new CudaError(CudaError.NOT_FOUND, "cuModuleGetFunction(" + name + ")");
        }
        return new FakeFunction(name);
    }

    @Override
    public Stream createStream() {
        enter("cuStreamCreate");
        streams++;
        return new FakeHandle("stream", nextId.getAndIncrement());
    }

    @Override
    public void destroyStream(Stream stream) {
        enter("cuStreamDestroy");
        streams--;
    }

    @Override
    public Event createEvent() {
        enter("cuEventCreate");
        events++;
        return new FakeHandle("event", nextId.getAndIncrement());
    }

    @Override
    public void destroyEvent(Event event) {
        enter("cuEventDestroy");
        if (waitedOn.containsKey(event)) {
            misused("destroyed an event another thread still waited on");
        }
        events--;
    }

    @Override
    public DeviceMemory allocate(long bytes) {
        enter("cuMemAlloc");
        if (deviceBytes() + bytes > memoryLimit) {
            throw new CudaError(CudaError.OUT_OF_MEMORY, "cuMemAlloc");
        }
        FakeMemory m = new FakeMemory(bytes);
        deviceMemory.add(m);
        allocations++;
        return m;
    }

    @Override
    public void free(DeviceMemory memory) {
        enter("cuMemFree");
        notInFlight(memory);
        if (!deviceMemory.remove(memory)) {
            throw new AssertionError("freed device memory twice or memory it did not allocate");
        }
    }

    @Override
    public PinnedMemory allocatePinned(long bytes) {
        enter("cuMemAllocHost");
        FakePinned p = new FakePinned(bytes);
        pinnedMemory.add(p);
        return p;
    }

    @Override
    public void freePinned(PinnedMemory memory) {
        enter("cuMemFreeHost");
        notInFlight(memory);
        if (!pinnedMemory.remove(memory)) {
            throw new AssertionError("freed pinned memory twice or memory it did not allocate");
        }
    }

    @Override
    public void copyToDevice(DeviceMemory dst, long dstOffset, PinnedMemory src, long bytes, Stream stream) {
        enter("cuMemcpyHtoDAsync");
        enqueue(() -> {
            ByteBuffer from = src.buffer().duplicate().clear().limit(Math.toIntExact(bytes));
            ((FakeMemory) dst).bytes.duplicate().position(Math.toIntExact(dstOffset)).put(from);
        }, null, dst, src);
    }

    @Override
    public void copyToHost(PinnedMemory dst, DeviceMemory src, long srcOffset, long bytes, Stream stream) {
        enter("cuMemcpyDtoHAsync");
        enqueue(() -> {
            ByteBuffer from = ((FakeMemory) src).bytes.duplicate();
            from.position(Math.toIntExact(srcOffset)).limit(Math.toIntExact(srcOffset + bytes));
            dst.buffer().duplicate().clear().put(from);
        }, null, dst, src);
    }

    @Override
    public void launch(Function function, Dim3 grid, Dim3 block, Stream stream, Arg... args) {
        enter("cuLaunchKernel");
        String name = ((FakeFunction) function).name();
        Arg[] sent = args.clone();
        launches.add(new Launch(name, grid, block, sent));
        Object[] memory = Arrays.stream(sent).filter(a -> a instanceof Arg.Memory)
                .map(a -> ((Arg.Memory) a).memory()).toArray();
        enqueue(() -> execute(name, grid, block, sent), null, memory);
    }

    /** Runs the kernel; the plain fake does nothing. */
    void execute(String kernel, Dim3 grid, Dim3 block, Arg[] args) {
    }

    @Override
    public void record(Event event, Stream stream) {
        enter("cuEventRecord");
        enqueue(() -> recorded.put(event, System.nanoTime()), event);
    }

    @Override
    public void synchronize(Event event) {
        waitedOn.merge(event, 1, Integer::sum);
        waits.incrementAndGet();
        try {
            enter("cuEventSynchronize");
            drain(event);
        } finally {
            waitedOn.computeIfPresent(event, (e, n) -> n == 1 ? null : n - 1);
            waits.decrementAndGet();
        }
    }

    @Override
    public void synchronize(Stream stream) {
        waits.incrementAndGet();
        try {
            enter("cuStreamSynchronize");
            drain(null);
        } finally {
            waits.decrementAndGet();
        }
    }

    /**
     * A query finds the work done, as a device that has run it does: unless the wait it stands for is made to
     * hang or fail, in which case the work is not ready until that wait (which hangs or fails) is called.
     */
    @Override
    public boolean isDone(Event event) {
        return !pending("cuEventSynchronize") && ran(event);
    }

    @Override
    public boolean isDone(Stream stream) {
        return !pending("cuStreamSynchronize") && ran(null);
    }

    private boolean pending(String sync) {
        CountDownLatch hang = hangs.get(sync);
        return hang != null && hang.getCount() > 0 || failures.containsKey(sync);
    }

    private boolean ran(Event upTo) {
        drain(upTo);
        return true;
    }

    private void misused(String what) {
        misuse.add(what);
        throw new AssertionError(what);
    }

    @Override
    public float elapsedMs(Event start, Event end) {
        enter("cuEventElapsedTime");
        return (recorded.get(end) - recorded.get(start)) / 1e6f;
    }

    @Override
    public long freeBytes() {
        enter("cuMemGetInfo");
        return memoryLimit == Long.MAX_VALUE ? info.totalBytes() - deviceBytes() : memoryLimit - deviceBytes();
    }
}
