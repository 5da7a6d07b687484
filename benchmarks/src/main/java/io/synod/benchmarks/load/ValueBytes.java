package io.synod.benchmarks.load;

import java.util.SplittableRandom;

/** The value every put of one thread writes: printable ASCII (valid in any body), different per thread. */
final class ValueBytes {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private ValueBytes() {
    }

    static byte[] of(int size, int thread) {
        SplittableRandom random = new SplittableRandom(thread);
        byte[] value = new byte[size];
        for (int i = 0; i < size; i++) {
            value[i] = (byte) ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return value;
    }
}
