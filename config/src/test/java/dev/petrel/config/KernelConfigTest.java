package dev.petrel.config;

import static dev.petrel.config.Configs.text;
import static dev.petrel.config.Configs.topError;
import static dev.petrel.config.Configs.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.rib.policy.Policy;
import dev.petrel.wire.nlri.Prefix;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel block: defaults, every key, and the errors an operator gets. */
class KernelConfigTest {
    @Test
    void defaultsAreOffMainTableProtocol186AndPersist() {
        KernelOptions k = valid(text("", "")).kernel();
        assertFalse(k.enabled());
        assertEquals(254, k.table());
        assertEquals(186, k.protocol());
        assertEquals(20, k.metric());
        assertSame(Policy.ALL, k.export());
        assertTrue(k.persist());
        assertFalse(k.allowDefault());
        assertEquals(16, k.mergePaths());
        assertEquals(Duration.ofSeconds(120), k.convergenceDeferral());
        assertEquals(Duration.ofMinutes(10), k.verifyInterval());
        assertEquals(List.of("cali*"), k.learn().interfaces());
        assertEquals(List.of(254L), k.learn().tables());
        assertEquals(List.of(), k.learn().protocols());
        assertFalse(k.learn().connected());
        assertFalse(k.dryRun());
    }

    @Test
    void dryRunIsABoolean() {
        assertTrue(valid(text("kernel { enabled = true, dry-run = true }", "")).kernel().dryRun());
        assertFalse(valid(text("kernel { enabled = true, dry-run = false }", "")).kernel().dryRun());
        topError("kernel.dry-run = maybe", "petrel.kernel.dry-run", "must be true or false, not \"maybe\"");
        topError("kernel.dry-run = 1", "petrel.kernel.dry-run", "must be true or false, not 1");
    }

    @Test
    void everyKeyIsRead() {
        KernelOptions k = valid(text("kernel { enabled = true, table = 100, protocol = 200, metric = 5, export = none,"
                + " protected-prefixes = [\"10.244.1.0/26\"], allow-default = true, persist = false, merge-paths = 4,"
                + " convergence-deferral = 30s, verify-interval = 1m,"
                + " learn { protocols = [3, 4], tables = [254, 100], types = [blackhole],"
                + " interfaces = [\"-kube-ipvs*\", \"cali*\"], connected = true } }", "")).kernel();
        assertEquals(new KernelOptions(true, 100, 200, 5, Policy.NONE, new KernelOptions.Learn(List.of(3, 4),
                List.of(254L, 100L), List.of("blackhole"), List.of("-kube-ipvs*", "cali*"), true),
                List.of(Prefix.parse("10.244.1.0/26")), true, false, 4, Duration.ofSeconds(30), Duration.ofMinutes(1),
                false), k);
    }

    @Test
    void errorsNameTheKeyAndWhatIsAllowed() {
        topError("kernel.table = 255", "petrel.kernel.table", "255 is the local table");
        topError("kernel.protocol = 2", "petrel.kernel.protocol", "reserved for the kernel itself");
        topError("kernel.protocol = 256", "petrel.kernel.protocol", "out of range: 1..255");
        topError("kernel.export = pods", "petrel.kernel.export", "policy 'pods' is not defined");
        topError("kernel.verify-interval = 5s", "petrel.kernel.verify-interval", 
                "5s is below 10s: the verify is a safety net, not a scan loop; write at least 10s");
        topError("kernel.learn.types = [local]", "petrel.kernel.learn.types[0]", "is not a route type");
        topError("kernel.learn.interfaces = [\"a very long interface name\"]", "petrel.kernel.learn.interfaces[0]",
                "is not an interface glob");
        topError("kernel.protected-prefixes = [\"10.244.1.1/26\"]", "petrel.kernel.protected-prefixes[0]", "");
        topError("kernel.lern = {}", "petrel.kernel.lern", "did you mean learn?");
        topError("kernel.merge-paths = 0", "petrel.kernel.merge-paths", "out of range: 1..256");
    }
}
