package io.synod.api;

import java.util.List;

/**
 * One page of a prefix scan, in key order.
 *
 * @param entries  the live keys found, at most the limit asked for
 * @param more     whether live keys remain after the last one returned (scan again with a larger limit, or
 *                 with a prefix after it)
 * @param revision the store's revision the page was read at
 */
public record ScanPage(List<KeyValue> entries, boolean more, long revision) {

    public ScanPage {
        entries = List.copyOf(entries);
    }
}
