package dev.unfold.io;

import dev.unfold.core.DType;
import dev.unfold.core.Geometry;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * NumPy's .npy format (versions 1.0, 2.0, 3.0) for float32 and float64 arrays.
 *
 * <p>Reading accepts either byte order and Fortran order, converting to little-endian C order; every
 * check (magic, header, dtype, shape, file length, free memory) happens before the data array is
 * allocated. Data moves through a direct buffer in chunks, converted in bulk (a Fortran-order file
 * element by element, straight to its C position, so it needs no second array).
 * Writing produces little-endian C order, version 1.0 (2.0 when the header needs more than 64 KiB),
 * through {@link AtomicFiles}, so the target is never half-written.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy aligns the data to this many bytes. */
    private static final int ALIGN = 64;
    /** Far above any header a float array needs; stops a hostile length field from allocating gigabytes. */
    private static final int MAX_HEADER = 1 << 20;
    private static final int CHUNK = 1 << 20;
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    private Npy() {
    }

    /** What a .npy header says, checked: a supported dtype and a shape whose data fits in one Java array. */
    public record Header(int major, int minor, DType dtype, ByteOrder byteOrder, boolean fortranOrder,
                         int[] shape, long dataOffset) {
        public Header {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        public int elementCount() {
            return (int) NdArray.elementCount(shape);
        }

        public long dataBytes() {
            return (long) elementCount() * dtype.bytes();
        }

        /** Shape and dtype the way NumPy prints them: {@code (3, 4) float32}. */
        public String describe() {
            return NdArray.formatShape(shape) + " " + dtype;
        }
    }

    /** The header, once the file is known to hold exactly the data it promises (so no size is planned in vain). */
    public static Header readHeader(Path file) throws IOException {
        refuseFolder(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            Header h = readHeader(ch, size);
            checkLength(h, size);
            return h;
        }
    }

    public static NdArray read(Path file) throws IOException {
        refuseFolder(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            Header h = readHeader(ch, size);
            checkLength(h, size);
            requireMemory(h.dataBytes());
            try {
                return readData(ch, h);
            } catch (OutOfMemoryError e) {
                throw new NpyException(memoryMessage(h.dataBytes()));
            }
        }
    }

    /**
     * The data in C order. Fortran-order elements are stored at their C index as they arrive, so a
     * Fortran file needs no second array.
     */
    private static NdArray readData(FileChannel ch, Header h) throws IOException {
        int[] shape = h.shape();
        if (h.dtype() == DType.FLOAT32) {
            float[] data = new float[h.elementCount()];
            readChunks(ch, h, (bytes, at, n) -> bytes.asFloatBuffer().get(data, at, n),
                    (bytes, i, to) -> data[to] = bytes.getFloat(i * Float.BYTES));
            return NdArray.of(data, shape);
        }
        double[] data = new double[h.elementCount()];
        readChunks(ch, h, (bytes, at, n) -> bytes.asDoubleBuffer().get(data, at, n),
                (bytes, i, to) -> data[to] = bytes.getDouble(i * Double.BYTES));
        return NdArray.of(data, shape);
    }

    public static void write(Path file, NdArray array) throws IOException {
        AtomicFiles.write(file, out -> writeTo(out, array));
    }

    /** Writes the whole .npy file (header and data) to a stream. */
    public static void writeTo(OutputStream out, NdArray array) throws IOException {
        out.write(header(array.dtype(), array.shape()));
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        int total = array.size();
        int per = CHUNK / array.dtype().bytes();
        for (int done = 0; done < total; ) {
            int n = Math.min(per, total - done);
            if (array.dtype() == DType.FLOAT32) {
                buf.asFloatBuffer().put(array.floats(), done, n);
            } else {
                buf.asDoubleBuffer().put(array.doubles(), done, n);
            }
            out.write(buf.array(), 0, n * array.dtype().bytes());
            done += n;
        }
    }

    /** Magic, version, header length and the padded header dictionary, as NumPy writes them. */
    static byte[] header(DType dtype, int[] shape) {
        String dict = "{'descr': '" + dtype.npyCode() + "', 'fortran_order': False, 'shape': "
                + NdArray.formatShape(shape) + ", }";
        int major = 1;
        int preamble = 10;
        int length = padded(preamble, dict.length() + 1);
        if (length > 0xFFFF) {
            major = 2;
            preamble = 12;
            length = padded(preamble, dict.length() + 1);
        }
        ByteBuffer b = ByteBuffer.allocate(preamble + length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) length);
        } else {
            b.putInt(length);
        }
        b.put(dict.getBytes(StandardCharsets.US_ASCII));
        while (b.position() < b.limit() - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }

    private static int padded(int preamble, int unpadded) {
        return unpadded + (ALIGN - (preamble + unpadded) % ALIGN) % ALIGN;
    }

    private static void checkLength(Header h, long size) throws NpyException {
        long found = size - h.dataOffset();
        if (found < h.dataBytes()) {
            throw new NpyException("truncated data: the header promises " + h.describe() + ", "
                    + h.dataBytes() + " bytes, but the file holds only " + found + " bytes after the header");
        }
        if (found > h.dataBytes()) {
            throw new NpyException("the file holds " + found + " bytes after the header but "
                    + h.describe() + " needs " + h.dataBytes() + "; it is not a single .npy array");
        }
    }

    /** A folder, or a pipe or device, whose size and positions a .npy reader cannot use. */
    private static void refuseFolder(Path file) throws NpyException {
        if (file.toString().isEmpty()) {
            throw new NpyException("no file name given");
        }
        if (Files.isDirectory(file)) {
            throw new NpyException("is a folder, not a .npy file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new NpyException("is not a regular file (a pipe or a device?); save the array to a .npy file "
                    + "and give its name");
        }
    }

    private static Header readHeader(FileChannel ch, long size) throws IOException {
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, pre, 0);
        int got = pre.position();
        byte[] start = Arrays.copyOf(pre.array(), Math.min(got, MAGIC.length));
        if (!Arrays.equals(start, Arrays.copyOf(MAGIC, start.length)) || got < MAGIC.length) {
            throw new NpyException(got < MAGIC.length && Arrays.equals(start, Arrays.copyOf(MAGIC, start.length))
                    ? "not a .npy file: only " + size + " bytes long"
                    : "not a .npy file: it does not start with NumPy's magic bytes \\x93NUMPY");
        }
        if (got < 8) {
            throw new NpyException("truncated .npy header: the file ends after " + size + " bytes");
        }
        int major = pre.get(6) & 0xFF;
        int minor = pre.get(7) & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyException("unsupported .npy format version " + major + "." + minor
                    + " (this program reads 1.0, 2.0 and 3.0)");
        }
        int preamble = major == 1 ? 10 : 12;
        if (size < preamble) {
            throw new NpyException("truncated .npy header: the file ends after " + size + " bytes");
        }
        long length = major == 1 ? pre.getShort(8) & 0xFFFF : pre.getInt(8) & 0xFFFFFFFFL;
        if (preamble + length > size) {
            throw new NpyException("truncated .npy header: it claims " + length + " bytes but the file has only "
                    + (size - preamble) + " after the version and length fields");
        }
        if (length > MAX_HEADER) {
            throw new NpyException("bad .npy header: " + length + " bytes is far more than a float array needs");
        }
        ByteBuffer text = ByteBuffer.allocate((int) length);
        readFully(ch, text, preamble);
        String dict = new String(text.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return interpret(PythonLiteral.parse(dict), major, minor, preamble + length);
    }

    private static Header interpret(Object parsed, int major, int minor, long dataOffset) throws NpyException {
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new NpyException("bad .npy header: it is not a dictionary");
        }
        for (String key : KEYS) {
            if (!map.containsKey(key)) {
                throw new NpyException("bad .npy header: no '" + key + "' entry");
            }
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw new NpyException("bad .npy header: unexpected entry " + key);
            }
        }
        Object descr = map.get("descr");
        if (!(descr instanceof String code)) {
            throw new NpyException("structured arrays are not supported; save a plain float32 or float64 array");
        }
        ByteOrder order = byteOrder(code);
        DType dtype = dtype(code);
        if (!(map.get("fortran_order") instanceof Boolean fortran)) {
            throw new NpyException("bad .npy header: 'fortran_order' is " + map.get("fortran_order")
                    + ", not True or False");
        }
        return new Header(major, minor, dtype, order, fortran, shape(map.get("shape")), dataOffset);
    }

    private static ByteOrder byteOrder(String code) {
        return code.startsWith(">") ? ByteOrder.BIG_ENDIAN
                : code.startsWith("<") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.nativeOrder();
    }

    /** The supported dtype of a descr, or a message naming the unsupported one as NumPy would. */
    private static DType dtype(String code) throws NpyException {
        String body = !code.isEmpty() && "<>=|".indexOf(code.charAt(0)) >= 0 ? code.substring(1) : code;
        if (body.equals("f4")) {
            return DType.FLOAT32;
        }
        if (body.equals("f8")) {
            return DType.FLOAT64;
        }
        throw new NpyException(numpyName(body) + " arrays are not supported; save as float32 or float64");
    }

    private static String numpyName(String body) {
        if (body.isEmpty()) {
            return "dtype ''";
        }
        String size = body.substring(1);
        int bytes = size.chars().allMatch(Character::isDigit) && !size.isEmpty() && size.length() < 6
                ? Integer.parseInt(size) : -1;
        return switch (body.charAt(0)) {
            case 'f' -> bytes > 0 ? "float" + bytes * 8 : "dtype '" + body + "'";
            case 'i' -> bytes > 0 ? "int" + bytes * 8 : "dtype '" + body + "'";
            case 'u' -> bytes > 0 ? "uint" + bytes * 8 : "dtype '" + body + "'";
            case 'c' -> bytes > 0 ? "complex" + bytes * 8 : "dtype '" + body + "'";
            case 'b', '?' -> "bool";
            case 'U' -> "unicode string";
            case 'S', 'a' -> "byte string";
            case 'O' -> "object";
            case 'M' -> "datetime64";
            case 'm' -> "timedelta64";
            case 'V' -> "void (raw bytes)";
            default -> "dtype '" + body + "'";
        };
    }

    private static int[] shape(Object value) throws NpyException {
        if (!(value instanceof List<?> dims)) {
            throw new NpyException("bad .npy header: 'shape' is " + value + ", not a tuple");
        }
        long[] wide = new long[dims.size()];
        BigInteger count = BigInteger.ONE;
        for (int i = 0; i < wide.length; i++) {
            if (!(dims.get(i) instanceof BigInteger d)) {
                throw new NpyException("bad .npy header: shape entry " + dims.get(i) + " is not a whole number");
            }
            if (d.signum() < 0) {
                throw new NpyException("bad .npy header: shape has a negative dimension " + d);
            }
            count = count.multiply(d);
            wide[i] = d.bitLength() < 63 ? d.longValue() : Long.MAX_VALUE;
        }
        if (count.compareTo(BigInteger.valueOf(Geometry.MAX_ARRAY)) > 0) {
            throw new NpyException("shape " + shapeText(dims) + " has " + count + " elements, more than a Java array holds ("
                    + Geometry.MAX_ARRAY + ")");
        }
        int[] shape = new int[wide.length];
        for (int i = 0; i < shape.length; i++) {
            if (wide[i] > Integer.MAX_VALUE) { // only possible next to a zero dimension
                throw new NpyException("shape " + shapeText(dims) + " has a dimension larger than " + Integer.MAX_VALUE);
            }
            shape[i] = (int) wide[i];
        }
        return shape;
    }

    private static String shapeText(List<?> dims) {
        String inner = String.join(", ", dims.stream().map(String::valueOf).toList());
        return "(" + inner + (dims.size() == 1 ? ",)" : ")");
    }

    private static void requireMemory(long bytes) throws NpyException {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free) {
            throw new NpyException(memoryMessage(bytes));
        }
    }

    private static String memoryMessage(long bytes) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return "reading the array needs " + mib(bytes) + " but the JVM can allocate only about " + mib(free)
                + "; raise -Xmx";
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** Reads until the buffer is full or the file ends; the buffer's position says how much came. */
    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position);
            if (n < 0) {
                return;
            }
            position += n;
        }
    }

    private static ByteBuffer chunk(FileChannel ch, ByteBuffer buf, long position, int bytes) throws IOException {
        buf.clear().limit(bytes);
        readFully(ch, buf, position);
        if (buf.hasRemaining()) {
            throw new NpyException("truncated data: the file got shorter while it was read");
        }
        return buf.flip();
    }

    /** Stores the buffer's {@code count} elements as elements {@code [at, at + count)} of the array. */
    @FunctionalInterface
    private interface BulkStore {
        void store(ByteBuffer bytes, int at, int count);
    }

    /** Stores the buffer's element {@code i} as element {@code to} of the array. */
    @FunctionalInterface
    private interface ElementStore {
        void store(ByteBuffer bytes, int i, int to);
    }

    /**
     * Moves the data into the array in chunks of at most {@link #CHUNK} bytes, in file order: in bulk
     * when the file is in C order, element by element to its C index when it is in Fortran order.
     */
    private static void readChunks(FileChannel ch, Header h, BulkStore bulk, ElementStore single)
            throws IOException {
        int width = h.dtype().bytes();
        int count = h.elementCount();
        int[] shape = h.shape();
        FortranOrder fortran = h.fortranOrder() && shape.length > 1 ? new FortranOrder(shape) : null;
        int capacity = chunkBytes(count, width);
        ByteBuffer buf = ByteBuffer.allocateDirect(capacity).order(h.byteOrder());
        int per = capacity / width;
        for (int done = 0; done < count; ) {
            int n = Math.min(per, count - done);
            ByteBuffer bytes = chunk(ch, buf, h.dataOffset() + (long) done * width, n * width);
            if (fortran == null) {
                bulk.store(bytes, done, n);
            } else {
                for (int i = 0; i < n; i++) {
                    single.store(bytes, i, fortran.next());
                }
            }
            done += n;
        }
    }

    /** Bytes of the buffer the data moves through: one chunk, less for a small array, at least one element. */
    static int chunkBytes(int count, int width) {
        // long: count * width passes Integer.MAX_VALUE from 2^29 floats or 2^28 doubles
        return (int) Math.min(CHUNK, Math.max(width, (long) count * width));
    }

    /**
     * The C-order index of each element of a Fortran-order array, in Fortran (file) order: an odometer
     * with the first axis turning fastest. Element (i0, …, ik) sits at Σ i_j·c_j in C order, where
     * c_k = 1 and c_j = c_{j+1}·d_{j+1}.
     */
    static final class FortranOrder {
        private final int[] shape;
        private final int[] cStrides;
        private final int[] index;
        private int current;

        FortranOrder(int[] shape) {
            this.shape = shape.clone();
            this.cStrides = new int[shape.length];
            this.index = new int[shape.length];
            int s = 1;
            for (int k = shape.length - 1; k >= 0; k--) {
                cStrides[k] = s;
                s *= shape[k]; // bounded by the element count, which fits an int when non-zero
            }
        }

        /** The C index of the next element in Fortran order. */
        int next() {
            int at = current;
            for (int k = 0; k < shape.length; k++) {
                current += cStrides[k];
                if (++index[k] < shape[k]) {
                    break;
                }
                current -= index[k] * cStrides[k];
                index[k] = 0;
            }
            return at;
        }
    }
}
