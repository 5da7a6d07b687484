package io.synod.admin.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalLong;

/** How the console writes numbers, sizes and times; "—" for anything unknown, never a made-up zero. */
public final class Display {

    public static final String UNKNOWN = "—";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Display() {
    }

    public static String number(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : UNKNOWN;
    }

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** "0.3 s ago", "4 min ago". */
    public static String ago(OptionalLong millis) {
        if (millis.isEmpty()) {
            return UNKNOWN;
        }
        return duration(Duration.ofMillis(millis.getAsLong())) + " ago";
    }

    public static String duration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        if (ms < 120_000) {
            return (ms / 1000) + " s";
        }
        if (ms < 2 * 3_600_000) {
            return (ms / 60_000) + " min";
        }
        return (ms / 3_600_000) + " h";
    }

    public static String time(Instant at) {
        return TIME.format(at);
    }
}
