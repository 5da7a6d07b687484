package io.synod.core.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.fail;

/**
 * Seeded fuzzing for decoders: random bytes and mutations of valid encodings (bit flips, truncation, extension,
 * overwritten length fields) must end in a value or a {@link CodecException} — never anything else. A decoded
 * value must also re-encode to exactly the input (the formats are canonical), which catches decoders that accept
 * garbage silently. Failures print the seed and iteration to replay.
 */
public final class CodecFuzz {

    @FunctionalInterface
    public interface Decoder<T> {
        T decode(byte[] bytes) throws CodecException;
    }

    private CodecFuzz() {
    }

    /** @return how many inputs decoded to a valid value (the rest were refused with CodecException) */
    public static <T> int run(long seed, int iterations, List<byte[]> valid, Decoder<T> decoder,
                              Function<T, byte[]> encoder) {
        Random random = new Random(seed);
        int accepted = 0;
        for (int i = 0; i < iterations; i++) {
            byte[] input = nextInput(random, valid);
            T value;
            try {
                value = decoder.decode(input);
            } catch (CodecException expected) {
                continue;
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + " iteration " + i + ": decoder threw " + t
                        + " for " + Arrays.toString(Arrays.copyOf(input, Math.min(64, input.length))), t);
            }
            accepted++;
            byte[] again = encoder.apply(value);
            if (!Arrays.equals(again, input)) {
                fail("seed %d iteration %d: accepted %s but it re-encodes differently", seed, i, value);
            }
        }
        return accepted;
    }

    private static byte[] nextInput(Random random, List<byte[]> valid) {
        int mode = random.nextInt(6);
        if (mode == 0 || valid.isEmpty()) {
            byte[] noise = new byte[random.nextInt(64)];
            random.nextBytes(noise);
            if (noise.length > 0 && random.nextBoolean()) {
                noise[0] = 1; // a plausible version byte gets the decoder past its first check
            }
            return noise;
        }
        byte[] base = valid.get(random.nextInt(valid.size())).clone();
        switch (mode) {
            case 1 -> {
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips && base.length > 0; f++) {
                    base[random.nextInt(base.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return base;
            }
            case 2 -> {
                return Arrays.copyOf(base, random.nextInt(base.length + 1));
            }
            case 3 -> {
                byte[] longer = Arrays.copyOf(base, base.length + 1 + random.nextInt(8));
                return longer;
            }
            case 4 -> {
                if (base.length >= 5) {
                    int at = 1 + random.nextInt(base.length - 4);
                    int forged = random.nextBoolean() ? random.nextInt() : random.nextInt(256);
                    base[at] = (byte) (forged >>> 24);
                    base[at + 1] = (byte) (forged >>> 16);
                    base[at + 2] = (byte) (forged >>> 8);
                    base[at + 3] = (byte) forged;
                }
                return base;
            }
            default -> {
                if (base.length > 0) {
                    base[random.nextInt(base.length)] = (byte) random.nextInt(256);
                }
                return base;
            }
        }
    }
}
