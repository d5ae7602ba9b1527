package alertbridge.ids;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The one source of randomness of our code (incident ids, retry jitter), safe across SnapStart restores.
 *
 * <p>With SnapStart, Lambda resumes many execution environments from one snapshot of the JVM's memory, so a
 * pseudo-random generator seeded before the snapshot ({@code java.util.Random}, {@code ThreadLocalRandom}, whose seed
 * source is a static field) produces the same sequence in every restored copy. AWS's "Handling uniqueness with Lambda
 * SnapStart" (docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html) asks for a cryptographically secure
 * generator and for re-seeding in a runtime hook what was seeded at init; its scanning tool
 * (github.com/aws/aws-lambda-snapstart-java-rules) flags {@code Random} and {@code ThreadLocalRandom} fields. Here
 * one {@link SecureRandom}: on Linux (Lambda) the JDK's default, NativePRNG, XORs every output with fresh bytes of
 * {@code /dev/urandom}, which the restored microVM's kernel re-seeds, and {@link #reseed()} (called in every
 * handler's {@code afterRestore}) also mixes restore-time entropy into its internal state, so restored copies of one
 * snapshot never produce the same ids or the same jitter.
 */
public final class Randomness {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Randomness() {
    }

    public static void nextBytes(byte[] bytes) {
        RANDOM.nextBytes(bytes);
    }

    /** A value in {@code [0, bound)}, for retry jitter. */
    public static long nextLong(long bound) {
        return RANDOM.nextLong(bound);
    }

    /**
     * Mixes fresh entropy into the generator (it is added to, never replaces, what it holds): call after a restore.
     */
    public static void reseed() {
        ByteBuffer seed = ByteBuffer.allocate(48);
        seed.putLong(System.nanoTime()).putLong(System.currentTimeMillis());
        try {
            seed.put(SecureRandom.getInstance("NativePRNGNonBlocking").generateSeed(32)); // /dev/urandom
        } catch (NoSuchAlgorithmException e) {
            seed.put(new SecureRandom().generateSeed(32)); // not Linux: the platform's own seed source
        }
        RANDOM.setSeed(seed.array());
    }
}
