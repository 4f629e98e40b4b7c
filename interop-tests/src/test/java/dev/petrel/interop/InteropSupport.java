package dev.petrel.interop;

import static org.junit.jupiter.api.Assertions.fail;

import dev.petrel.interop.harness.InteropEnvironment;
import org.junit.jupiter.api.Assumptions;

/** JUnit side of {@link InteropEnvironment}: skip with a reason, or fail on CI when BIRD/FRR are missing. */
final class InteropSupport {

    private InteropSupport() {
    }

    /** Skips the calling test unless namespaces, BIRD and FRR are usable; fails instead on CI without them. */
    static void requireInterop() {
        InteropEnvironment env = InteropEnvironment.get();
        if (env.mustFail()) {
            String msg = "CI=true but the interop binaries are missing: " + env.missingBinaries()
                    + "; .ci/run should have installed bird2 and frr (" + env + ")";
            System.err.println(msg);
            fail(msg);
        }
        String reason = env.skipReason();
        Assumptions.assumeTrue(reason == null, reason);
    }
}
