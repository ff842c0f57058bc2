package dev.unfold.app.i18n;

import dev.unfold.core.BackendParts;

/**
 * A backend's description and the reason CUDA was not used, in the window's language. The device's name and a
 * driver's reason stay as the driver and the probe gave them.
 */
public final class BackendText {

    private BackendText() {
    }

    public static String describe(BackendParts p, I18n i18n) {
        if (p.cpuThreads() > 0) {
            return i18n.get("backend.describe.cpu", p.cpuThreads());
        }
        if (p.matmulLibrary() != null) {
            return i18n.get("backend.describe.cuda", p.device(), p.matmulLibrary());
        }
        if (p.matmulOnCpuWhy() != null) {
            return i18n.get("backend.describe.cuda.cpuMatmul", p.device(), p.matmulOnCpuWhy());
        }
        return p.device();
    }

    /** The description, followed by why CUDA was not used when that is known. */
    public static String describe(BackendParts p, String cudaUnavailable, I18n i18n) {
        String text = describe(p, i18n);
        return cudaUnavailable == null ? text : text + " — " + i18n.get("backend.cuda.unavailable", cudaUnavailable);
    }
}
