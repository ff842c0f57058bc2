package dev.unfold.app.model;

import dev.unfold.core.Geometry;
import java.util.List;

/** The numbers the user set, valid or not; {@link #problems()} says what keeps them from being a geometry. */
public record Params(int n, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {

    /** The seed notebook's first example: a 4×4 input, 2×2 kernel, stride 1, padding 1. */
    public static final Params SEED = new Params(1, 1, 4, 4, 2, 2, 1, 1, 1, 1, 1, 1);

    public static Params of(Geometry g) {
        return new Params(g.n(), g.c(), g.h(), g.w(), g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(), g.dh(), g.dw());
    }

    public List<String> problems() {
        return Geometry.problems(n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
    }

    public boolean valid() {
        return problems().isEmpty();
    }

    /** The geometry; only for valid params. */
    public Geometry geometry() {
        return new Geometry(n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
    }

    /** True when every number lies in its slider's range. */
    public boolean inRange() {
        for (ParamKey k : ParamKey.values()) {
            if (get(k) != k.clamp(get(k))) {
                return false;
            }
        }
        return true;
    }

    public int get(ParamKey key) {
        return switch (key) {
            case N -> n;
            case C -> c;
            case H -> h;
            case W -> w;
            case KH -> kh;
            case KW -> kw;
            case SH -> sh;
            case SW -> sw;
            case PH -> ph;
            case PW -> pw;
            case DH -> dh;
            case DW -> dw;
        };
    }

    public Params with(ParamKey key, int v) {
        return switch (key) {
            case N -> new Params(v, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
            case C -> new Params(n, v, h, w, kh, kw, sh, sw, ph, pw, dh, dw);
            case H -> new Params(n, c, v, w, kh, kw, sh, sw, ph, pw, dh, dw);
            case W -> new Params(n, c, h, v, kh, kw, sh, sw, ph, pw, dh, dw);
            case KH -> new Params(n, c, h, w, v, kw, sh, sw, ph, pw, dh, dw);
            case KW -> new Params(n, c, h, w, kh, v, sh, sw, ph, pw, dh, dw);
            case SH -> new Params(n, c, h, w, kh, kw, v, sw, ph, pw, dh, dw);
            case SW -> new Params(n, c, h, w, kh, kw, sh, v, ph, pw, dh, dw);
            case PH -> new Params(n, c, h, w, kh, kw, sh, sw, v, pw, dh, dw);
            case PW -> new Params(n, c, h, w, kh, kw, sh, sw, ph, v, dh, dw);
            case DH -> new Params(n, c, h, w, kh, kw, sh, sw, ph, pw, v, dw);
            case DW -> new Params(n, c, h, w, kh, kw, sh, sw, ph, pw, dh, v);
        };
    }

    public boolean square(Pair pair) {
        return get(pair.height()) == get(pair.width());
    }
}
