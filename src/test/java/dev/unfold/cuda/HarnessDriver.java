package dev.unfold.cuda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fake device that runs each launch through {@link KernelHarness}: the exact kernel source, compiled for
 * the CPU, writing into an output filled with garbage first. Optionally it replaces the launch shape the backend chose, since the kernels must be correct
 * for any shape (their loops are grid-stride loops).
 */
class HarnessDriver extends FakeDriver {

    /** Launch shape changes: kernel name and planned shape in, the shape to run out. */
    interface Reshape {
        LaunchPlan apply(String kernel, LaunchPlan planned);
    }

    private final Reshape reshape;

    HarnessDriver() {
        this((kernel, planned) -> planned);
    }

    HarnessDriver(Reshape reshape) {
        this.reshape = reshape;
    }

    static HarnessDriver withDevice(int multiprocessors) {
        HarnessDriver d = new HarnessDriver();
        d.info = new DeviceInfo("C++ kernel harness", 7, 5, 1L << 30, multiprocessors);
        return d;
    }

    @Override
    void execute(String kernel, Dim3 grid, Dim3 block, Arg[] args) {
        LaunchPlan shape = reshape.apply(kernel, new LaunchPlan(grid, block));
        // every kernel's second argument is its output: start it from garbage (all-ones bytes, a NaN in
        // both types), so an element the kernel skips cannot pass for a zero or an earlier call's result
        Arrays.fill(((FakeMemory) ((Arg.Memory) args[1]).memory()).bytes.array(), (byte) 0xFF);
        List<Object> sent = new ArrayList<>();
        List<FakeMemory> buffers = new ArrayList<>();
        for (Arg a : args) {
            if (a instanceof Arg.Memory m) {
                FakeMemory memory = (FakeMemory) m.memory();
                buffers.add(memory);
                sent.add(memory.bytes.array());
            } else {
                sent.add(a);
            }
        }
        List<byte[]> back = KernelHarness.get().run(kernel, shape.grid(), shape.block(), sent);
        for (int i = 0; i < buffers.size(); i++) {
            System.arraycopy(back.get(i), 0, buffers.get(i).bytes.array(), 0, back.get(i).length);
        }
    }
}
