/*
 * How close can tensor-layout im2col come to the copy floor on this machine? Times, on 2 threads and for
 * resnet3x3's bytes (input 8×64×56×56 float32, column 9× that): the copy floor as `unfold bench` measures it
 * (System.arraycopy of (input + column) / 2 elements), Arrays.fill of the column alone (the bytes im2col must
 * write, with nothing read), and the column written as rows of 56 copied from the input (im2col's copies
 * without its padding). Medians of 31 calls, four rounds:
 *
 *     java -Xmx2g src/bench/WriteBound.java
 */
import java.util.*;
import java.util.concurrent.*;
/** See the comment above. */
public class WriteBound {
  static final int IN = 8*64*56*56, OUT = IN*9, FL = (IN+OUT)/2;
  static float[] in = new float[IN], out = new float[OUT], fs = new float[FL], fd = new float[FL];
  static ExecutorService ex = Executors.newFixedThreadPool(2);
  interface Part { void run(int p); }
  static double time(Part w) throws Exception {
    long t0 = System.nanoTime();
    Future<?> f = ex.submit(() -> w.run(1)); w.run(0); f.get();
    return (System.nanoTime() - t0) / 1e6;
  }
  public static void main(String[] a) throws Exception {
    Random r = new Random(1); for (int i = 0; i < IN; i++) in[i] = r.nextFloat(); Arrays.fill(fs, 1f);
    Part floor = p -> { int lo = FL/2*p, hi = p==0?FL/2:FL; System.arraycopy(fs, lo, fd, lo, hi-lo); };
    Part fill = p -> { int lo = OUT/2*p, hi = p==0?OUT/2:OUT; Arrays.fill(out, lo, hi, (float)p+0.5f); };
    // tensor-like: for each (c,ky,kx) slab, copy input rows of 56 into out (stride 1, no padding handling)
    Part rowsCopy = p -> { int slabs = 8*64*9; int lo = slabs/2*p, hi = p==0?slabs/2:slabs;
      for (int s = lo; s < hi; s++) { int nc = s/9; int base = nc*3136; int o = s*3136;
        for (int y = 0; y < 56; y++) System.arraycopy(in, base + y*56, out, o + y*56, 56); } };
    String[] names = {"floor", "fill-out", "rowcopy-out"}; Part[] ps = {floor, fill, rowsCopy};
    for (int round = 0; round < 4; round++) {
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < ps.length; k++) { double[] v = new double[31]; for (int i = 0; i < v.length; i++) v[i] = time(ps[k]); Arrays.sort(v); sb.append(String.format("%s %.2f  ", names[k], v[15])); }
      System.out.println(sb);
    }
    ex.shutdown();
  }
}
