package dev.unfold.app.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Every visible string of the application, from the {@code messages} bundles, in the current locale.
 * Views bind to {@link #text}, so switching the locale at run time relabels the whole window.
 */
public final class I18n {

    public static final String BUNDLE = "dev.unfold.app.i18n.messages";
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.KOREAN);

    // No fallback to the machine's default locale: an English request on a Korean desktop stays English.
    private static final ResourceBundle.Control CONTROL =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ReadOnlyObjectWrapper<Locale> locale = new ReadOnlyObjectWrapper<>(this, "locale");
    private ResourceBundle bundle;
    private final java.util.Map<String, MessageFormat> formats = new java.util.HashMap<>();

    public I18n(Locale initial) {
        setLocale(initial);
    }

    /** The supported locale for a tag such as {@code en} or {@code ko}; null when none matches. */
    public static Locale supported(String tag) {
        for (Locale l : SUPPORTED) {
            if (l.getLanguage().equalsIgnoreCase(tag) || l.toLanguageTag().equalsIgnoreCase(tag)) {
                return l;
            }
        }
        return null;
    }

    /** The system's language when supported, else English. */
    public static Locale systemDefault() {
        Locale s = supported(Locale.getDefault().getLanguage());
        return s == null ? Locale.ENGLISH : s;
    }

    public ReadOnlyObjectProperty<Locale> localeProperty() {
        return locale.getReadOnlyProperty();
    }

    public Locale locale() {
        return locale.get();
    }

    public void setLocale(Locale l) {
        Locale pick = supported(l.getLanguage());
        Locale use = pick == null ? Locale.ENGLISH : pick;
        bundle = ResourceBundle.getBundle(BUNDLE, use, I18n.class.getClassLoader(), CONTROL);
        formats.clear();
        if (use.equals(Locale.KOREAN)) {
            Fonts.loadKorean();
        }
        locale.set(use);
    }

    /** The text for {@code key}, with {@code args} put in by MessageFormat; a missing key shows itself. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "⟦" + key + "⟧";
        }
        if (args.length == 0) {
            return pattern;
        }
        return formats.computeIfAbsent(key, k -> new MessageFormat(pattern, locale.get())).format(args);
    }

    /** {@link #get} as a binding that follows the locale. */
    public StringBinding text(String key, Object... args) {
        return Bindings.createStringBinding(() -> get(key, args), locale);
    }

    /** A binding recomputed when the locale or any of {@code deps} changes. */
    public StringBinding bind(Callable<String> text, Observable... deps) {
        Observable[] all = new Observable[deps.length + 1];
        all[0] = locale;
        System.arraycopy(deps, 0, all, 1, deps.length);
        return Bindings.createStringBinding(text, all);
    }

    /** Formats a number the way this locale writes it. */
    public String number(double v, int decimals) {
        return String.format(locale.get(), "%,." + decimals + "f", v);
    }

    /** A ratio such as the blow-up, to two decimals without trailing zeros: 25×, 6.25×, 12.5×, as cells write values. */
    public String ratio(double v) {
        java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(locale.get());
        f.setMinimumFractionDigits(0);
        f.setMaximumFractionDigits(2);
        f.setRoundingMode(java.math.RoundingMode.HALF_UP);
        return f.format(v);
    }
}
