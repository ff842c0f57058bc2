package dev.unfold.cuda;

import dev.unfold.cuda.CudaDriver.Arg;
import dev.unfold.cuda.CudaDriver.Dim3;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * src/test/cuda/kernel_harness.cpp built with g++ around the exact kernel source, run as one process for
 * the whole test JVM. {@link #run} sends one launch and returns the buffers as the kernel left them.
 */
final class KernelHarness {

    static final Path KERNELS = Path.of("src/main/cuda/unfold_kernels.cu");
    static final Path SOURCE = Path.of("src/test/cuda/kernel_harness.cpp");
    private static final Path BINARY = Path.of("target/kernel-harness/kernel_harness");

    private static KernelHarness instance;
    private static String unavailable;

    private final Process process;
    private final OutputStream in;
    private final DataInputStream out;

    private KernelHarness(Process process) {
        this.process = process;
        this.in = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        this.out = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
    }

    /** Why the harness cannot run here (no g++), or null when it can. A g++ that fails to build it is a test failure, not a skip. */
    static synchronized String unavailableReason() {
        if (instance == null && unavailable == null) {
            if (!onPath("g++")) {
                unavailable = "g++ is not installed, so the CUDA kernels cannot be run on the CPU";
            }
        }
        return unavailable;
    }

    static synchronized KernelHarness get() {
        if (instance == null) {
            if (unavailableReason() != null) {
                throw new IllegalStateException(unavailable);
            }
            try {
                build();
                Process p = new ProcessBuilder(BINARY.toAbsolutePath().toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                instance = new KernelHarness(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** IEEE arithmetic as on the device: no contraction into fused multiply-adds, no fast math. */
    private static void build() throws IOException {
        Files.createDirectories(BINARY.getParent());
        Process p = new ProcessBuilder("g++", "-std=c++17", "-O2", "-Wall", "-Wextra", "-Werror", "-ffp-contract=off",
                "-fno-fast-math", "-I", KERNELS.getParent().toString(), "-o", BINARY.toString(), SOURCE.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("g++ could not build the kernel harness:\n" + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the kernel harness");
        }
    }

    /** A buffer argument's contents after the kernel, in argument order; other arguments have no entry. */
    synchronized List<byte[]> run(String kernel, Dim3 grid, Dim3 block, List<Object> args) {
        try {
            byte[] name = kernel.getBytes(StandardCharsets.US_ASCII);
            writeInt(name.length);
            in.write(name);
            for (int v : new int[] {grid.x(), grid.y(), grid.z(), block.x(), block.y(), block.z()}) {
                writeInt(v);
            }
            writeInt(args.size());
            for (Object a : args) {
                if (a instanceof byte[] bytes) {
                    writeInt(1);
                    writeLong(bytes.length);
                    in.write(bytes);
                } else if (a instanceof Arg.Int v) {
                    writeInt(2);
                    writeInt(v.value());
                } else {
                    int[] values = ((Arg.Ints) a).values();
                    writeInt(3);
                    writeInt(values.length);
                    for (int v : values) {
                        writeInt(v);
                    }
                }
            }
            in.flush();
            int status = readInt();
            if (status != 0) {
                byte[] message = out.readNBytes(readInt());
                throw new IllegalStateException("harness: " + new String(message, StandardCharsets.UTF_8));
            }
            List<byte[]> buffers = new ArrayList<>();
            for (Object a : args) {
                if (a instanceof byte[]) {
                    buffers.add(out.readNBytes(Math.toIntExact(readLong())));
                }
            }
            return buffers;
        } catch (IOException e) {
            throw new UncheckedIOException("the kernel harness stopped (exit " + exitValue() + ")", e);
        }
    }

    private String exitValue() {
        return process.isAlive() ? "still running" : String.valueOf(process.exitValue());
    }

    private void writeInt(int v) throws IOException {
        in.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }

    private void writeLong(long v) throws IOException {
        in.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }

    private int readInt() throws IOException {
        return ByteBuffer.wrap(readExactly(4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private long readLong() throws IOException {
        return ByteBuffer.wrap(readExactly(8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] b = new byte[n];
        out.readFully(b);
        return b;
    }
}
