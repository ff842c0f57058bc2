package dev.unfold.core;

/** Whether a backend works on this machine; {@code detail} names the device, or says why not in one line. */
public record Availability(boolean available, String detail) {

    public static Availability yes(String device) {
        return new Availability(true, device);
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
