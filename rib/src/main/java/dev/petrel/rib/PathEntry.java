package dev.petrel.rib;

import dev.petrel.wire.NextHop;
import dev.petrel.wire.attr.PathAttributes;

/**
 * A snapshot of one path (immutable: attribute sets are immutable values).
 *
 * @param source the peer's name, "local" or "kernel"
 * @param kind what kind of source
 * @param pathId the ADD-PATH identifier it came with (0 without)
 * @param received the attributes as received (before import policy)
 * @param attributes after import policy; null when rejected or not eligible
 * @param nextHop the next hop
 * @param best it is the best path
 * @param eligible import policy accepted it and it passed the checks
 * @param ineligible why it is not eligible, or null
 * @param stale kept from before a restart or refresh, not yet re-sent
 * @param kernelPriority the kernel route priority set by policy, or -1
 */
public record PathEntry(String source, Source.Kind kind, long pathId, PathAttributes received,
        PathAttributes attributes, NextHop nextHop, boolean best, boolean eligible, String ineligible, boolean stale,
        int kernelPriority) {

    static PathEntry of(Path p, boolean best) {
        return new PathEntry(p.source.name(), p.source.kind(), Integer.toUnsignedLong(p.pathId), p.received,
                p.attributes, p.nextHop, best, p.eligible(), p.ineligible, p.stale(), p.kernelPriority());
    }
}
