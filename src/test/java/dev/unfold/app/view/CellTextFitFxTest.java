package dev.unfold.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unfold.app.model.BackwardFrame;
import dev.unfold.app.model.BackwardModel;
import dev.unfold.app.model.GradientPreset;
import dev.unfold.app.model.Params;
import dev.unfold.app.model.Product;
import dev.unfold.app.model.ViewKind;
import dev.unfold.app.model.WeightPreset;
import dev.unfold.core.Geometry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Numbers written in grid cells stay inside their cells, measured in the font they are drawn in, in every view
 * and at every zoom, the current cell's bold one included; and one value reads the same wherever it is written.
 */
@ExtendWith(ApplicationExtension.class)
class CellTextFitFxTest extends ClassroomHarness {

    @Start
    void start(Stage s) {
        begin(s, 1024, 768);
    }

    @Test
    void aFittedTextIsNoWiderThanItsRoomAndOnlyTheSmallestSizeIsGivenUp() throws Exception {
        Random random = new Random(3);
        List<String> problems = new ArrayList<>();
        fxRun(() -> {
            for (int i = 0; i < 3000; i++) {
                String text = CellFormat.compact(value(random));
                Font font = Font.font("System", random.nextBoolean() ? FontWeight.BOLD : FontWeight.NORMAL,
                        8 + random.nextInt(37) / 2.0);
                double room = 10 + random.nextInt(80);
                Font fits = Paint2D.fit(font, text, room);
                if (fits == null) {
                    Font smallest = Font.font(font.getFamily(), weight(font), 8);
                    if (width(text, smallest) <= room - 1) { // a pixel for the rounding of advances
                        problems.add("'" + text + "' left out of " + room + " px, where it fits at 8 px");
                    }
                } else if (width(text, fits) > room || fits.getSize() > font.getSize()) {
                    problems.add("'" + text + "' in " + fits + " is " + width(text, fits) + " px, room " + room);
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void everyCellsTextFitsItsCellInEveryView() throws Exception {
        settle();
        BackwardModel backward = window.deck().backward();
        Random random = new Random(17);
        List<String> problems = new ArrayList<>();
        for (int round = 0; round < 12; round++) {
            int h = 3 + random.nextInt(9);
            int k = 1 + random.nextInt(3);
            int s = 1 + random.nextInt(2);
            int pad = random.nextInt(Math.min(k, 2) + 1);
            Params p = new Params(1, 1 + random.nextInt(2), h, h, k, k, s, s, pad, pad, 1, 1);
            long seed = random.nextLong();
            double zoom = 14 + random.nextInt(40);
            fxRun(() -> {
                model.setView(ViewKind.IM2COL);
                model.setCellSize(zoom);
                model.setInput(g -> values(g, new Random(seed)), p);
            });
            settle();
            seekSomewhere(random);
            String where = p + " at zoom " + zoom + ", step " + fx(model::position) + ": ";
            fxRun(() -> {
                Geometry g = model.frame().geometry();
                ColumnView columns = window.columnView();
                for (int row = 0; row < g.patchCount(); row++) {
                    for (int tap = 0; tap < g.patchSize(); tap++) {
                        check(problems, where + "col" + row + "," + tap, columns.textAt(row, tap),
                                columns.cellBounds(row, tap)[2]);
                    }
                }
                InputView input = window.inputView();
                double cell = input.centreOf(0, 0, 1)[0] - input.centreOf(0, 0, 0)[0];
                for (int y = -g.ph(); y < g.h() + g.ph(); y++) {
                    for (int x = -g.pw(); x < g.w() + g.pw(); x++) {
                        check(problems, where + "x" + y + "," + x, input.textAt(0, y, x), cell);
                    }
                }
            });

            boolean heat = random.nextBoolean();
            fxRun(() -> {
                backward.setGradient(GradientPreset.values()[random.nextInt(GradientPreset.values().length)]);
                backward.setHeatMap(heat);
                model.setView(ViewKind.COL2IM);
            });
            backwardSettled(backward);
            seekSomewhere(random);
            String backWhere = where + backward.gradientProperty().get() + (heat ? " heat map" : "") + ": ";
            fxRun(() -> {
                Geometry g = backward.frame().geometry();
                GradColumnView columns = window.deck().col2im().columnView();
                for (int row = 0; row < g.patchCount(); row++) {
                    for (int tap = 0; tap < g.patchSize(); tap++) {
                        check(problems, backWhere + "gcol" + row + "," + tap, columns.textAt(row, tap),
                                columns.cellBounds(row, tap)[2]);
                    }
                }
                GradientView gradient = window.deck().col2im().gradientView();
                double cell = gradient.centreOf(0, 0, 0, 1)[0] - gradient.centreOf(0, 0, 0, 0)[0];
                for (int c = 0; c < g.c(); c++) {
                    for (int y = -g.ph(); y < g.h() + g.ph(); y++) {
                        for (int x = -g.pw(); x < g.w() + g.pw(); x++) {
                            check(problems, backWhere + "gx" + c + "," + y + "," + x, gradient.textAt(0, c, y, x),
                                    cell);
                        }
                    }
                }
            });

            fxRun(() -> {
                backward.setWeightPreset(WeightPreset.RANDOM);
                backward.setProduct(Product.values()[random.nextInt(Product.values().length)]);
                model.setView(ViewKind.GEMM);
            });
            backwardSettled(backward);
            seekSomewhere(random);
            String gemmWhere = where + backward.product() + ": ";
            fxRun(() -> {
                BackwardFrame f = backward.frame();
                Product pr = backward.product();
                GemmView gemm = window.deck().gemm().view();
                int[][] shapes = {{pr.m(f), pr.k(f)}, {pr.k(f), pr.n(f)}, {pr.m(f), pr.n(f)}, {1, pr.n(f)}};
                for (GemmView.Role role : GemmView.Role.values()) {
                    if (role == GemmView.Role.BIAS && pr != Product.FORWARD) {
                        continue;
                    }
                    int[] shape = shapes[role.ordinal()];
                    for (int r = 0; r < shape[0]; r++) {
                        for (int c = 0; c < shape[1]; c++) {
                            double[] b = gemm.cellBounds(role, r, c);
                            if (b != null) {
                                check(problems, gemmWhere + role + r + "," + c, gemm.textAt(role, r, c), b[2]);
                            }
                        }
                    }
                }
            });
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aValueReadsTheSameInEveryView() throws Exception {
        settle();
        // a picture's 0.9996 next to its 1: both are 1 at three digits, so both read 1, not "1.00" next to "1"
        fxRun(() -> model.setInput(g -> {
            double[] x = new double[g.inputSize()];
            java.util.Arrays.fill(x, 1);
            x[1] = 0.9996;
            return x;
        }, Params.SEED));
        settle();
        fxRun(() -> {
            assertEquals("1", window.inputView().textAt(0, 0, 0).text());
            assertEquals("1", window.inputView().textAt(0, 0, 1).text());
        });
        // gcol = gy · W with gy ones and a 2 × 2 box blur: 0.25 in the GEMM view's C and in the col2im view alike
        BackwardModel backward = window.deck().backward();
        fxRun(() -> {
            backward.setWeightPreset(WeightPreset.BOX_BLUR);
            backward.setProduct(Product.COLUMN_GRADIENT);
            model.setView(ViewKind.GEMM);
        });
        backwardSettled(backward);
        fxRun(() -> model.seek(model.lengthProperty().get()));
        WaitForAsyncUtils.waitForFxEvents(4);
        int last = fx(() -> backward.frame().rows() - 1);
        String inGemm = fx(() -> window.deck().gemm().view().textAt(GemmView.Role.C, last, 0).text());
        fxRun(() -> {
            backward.setGradient(GradientPreset.FROM_CONV);
            model.setView(ViewKind.COL2IM);
        });
        backwardSettled(backward);
        String inCol2im = fx(() -> window.deck().col2im().columnView().textAt(last, 0).text());
        assertEquals("0.25", inGemm);
        assertEquals(inGemm, inCol2im);
    }

    private void seekSomewhere(Random random) throws Exception {
        long length = fx(() -> model.lengthProperty().get());
        long to = 1 + (long) (random.nextDouble() * length);
        fxRun(() -> model.seek(Math.min(length, to)));
        WaitForAsyncUtils.waitForFxEvents(4);
    }

    private void backwardSettled(BackwardModel backward) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> backward.ready() && backward.frame() != null
                && !backward.computingProperty().get()
                && backward.frame().geometry().equals(model.frame().geometry()));
        WaitForAsyncUtils.waitForFxEvents(4);
    }

    private static void check(List<String> problems, String where, CellText shown, double cellW) {
        if (shown.font() != null && width(shown.text(), shown.font()) > cellW) {
            problems.add(where + ": '" + shown.text() + "' in " + shown.font().getSize() + " px is "
                    + width(shown.text(), shown.font()) + " px wide in a cell " + cellW + " px wide");
        }
    }

    private static double width(String text, Font font) {
        Text t = new Text(text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }

    private static FontWeight weight(Font font) {
        return font.getStyle().toLowerCase(java.util.Locale.ROOT).contains("bold") ? FontWeight.BOLD
                : FontWeight.NORMAL;
    }

    /** Inputs such as a teacher loads: whole numbers up to five digits, a picture's fractions, signs, tiny ones. */
    private static double[] values(Geometry g, Random random) {
        double[] x = new double[g.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = value(random);
        }
        return x;
    }

    private static double value(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextInt(100_000);
            case 1 -> Math.round(random.nextDouble() * 255) / 255.0;
            case 2 -> -random.nextInt(10_000) / 8.0;
            case 3 -> random.nextGaussian() * 1e-4;
            default -> random.nextDouble() * 10;
        };
    }
}
