package dev.unfold.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Arrays a chunk short of 2³¹ elements go up and come back whole. No data moves: the array and the device only
 * check bounds and count bytes, so the test needs no 8 GiB.
 */
class StagingLargeArrayTest {

    /** A host array of that length that holds nothing, checking every range it is asked for. */
    private static HostArray checkedArray(int length, int elementBytes) {
        return new HostArray() {
            @Override
            public int length() {
                return length;
            }

            @Override
            public int elementBytes() {
                return elementBytes;
            }

            @Override
            public void writeTo(ByteBuffer dst, int from, int count) {
                Objects.checkFromIndexSize(from, count, length);
            }

            @Override
            public void readFrom(ByteBuffer src, int from, int count) {
                Objects.checkFromIndexSize(from, count, length);
            }
        };
    }

    @ParameterizedTest
    @CsvSource({"2145386497, 4", "2147483639, 4", "2146435073, 8", "2147483639, 8", "1000, 4"})
    void everyElementIsCopiedOnceEachWay(int length, int elementBytes) {
        CountingDriver driver = new CountingDriver();
        try (Watchdog watchdog = new Watchdog(driver, driver.retainPrimaryContext(0), FakeDriver.SYNC_LIMIT)) {
            Staging staging = new Staging(driver, driver.createStream(), watchdog, Staging.DEFAULT_CHUNK_BYTES);
            HostArray array = checkedArray(length, elementBytes);
            CudaDriver.DeviceMemory device = driver.allocate(array.bytes());
            staging.upload(array, device);
            assertEquals(array.bytes(), driver.toDevice, "bytes uploaded");
            staging.download(device, array);
            assertEquals(array.bytes(), driver.toHost, "bytes downloaded");
        }
    }

    /** Device memory of a size only; copies are checked against it and counted, in order. */
    private static final class CountingDriver extends FakeDriver {
        long toDevice;
        long toHost;

        private record Sized(long bytes) implements DeviceMemory {
        }

        @Override
        public DeviceMemory allocate(long bytes) {
            return new Sized(bytes);
        }

        @Override
        public void free(DeviceMemory memory) {
        }

        @Override
        public void copyToDevice(DeviceMemory dst, long dstOffset, PinnedMemory src, long bytes, Stream stream) {
            assertEquals(toDevice, dstOffset, "chunks in order, none skipped or repeated");
            Objects.checkFromIndexSize(dstOffset, bytes, ((Sized) dst).bytes());
            toDevice += bytes;
        }

        @Override
        public void copyToHost(PinnedMemory dst, DeviceMemory src, long srcOffset, long bytes, Stream stream) {
            Objects.checkFromIndexSize(srcOffset, bytes, ((Sized) src).bytes());
            toHost += bytes;
        }
    }
}
