package dev.unfold.app.view;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * Unfold's icon in the sizes task bars, docks and window switchers pick from; without it the desktop shows a
 * generic one for the running window, even where the menu entry has Unfold's.
 */
public final class AppIcons {

    private static final int[] SIZES = {16, 32, 48, 64, 128, 256};
    private static List<Image> icons;

    private AppIcons() {
    }

    public static void addTo(Stage stage) {
        if (icons == null) {
            List<Image> loaded = new ArrayList<>();
            for (int size : SIZES) {
                URL url = AppIcons.class.getResource("/dev/unfold/app/icons/unfold-" + size + ".png");
                if (url != null) {
                    loaded.add(new Image(url.toExternalForm()));
                }
            }
            icons = List.copyOf(loaded);
        }
        stage.getIcons().setAll(icons);
    }
}
