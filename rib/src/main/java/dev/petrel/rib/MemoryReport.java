package dev.petrel.rib;

/**
 * What the RIB's tables hold, estimated from their arrays and object counts (not a heap walk): for `show
 * memory`, metrics and the benchmarks, which compare it with the heap after a full GC.
 *
 * @param prefixes prefixes in all families
 * @param paths paths held (Adj-RIB-In entries)
 * @param attributeSets distinct interned attribute sets
 * @param attributeBytes octets of canonical attribute data in those sets
 * @param tableBytes octets of the index, per-prefix arrays, Adj-RIB-In key sets and Adj-RIB-Out arrays
 * @param pathBytes octets of the path objects
 * @param attributeSetBytes octets of the attribute-set objects and their arrays
 */
public record MemoryReport(long prefixes, long paths, long attributeSets, long attributeBytes, long tableBytes,
        long pathBytes, long attributeSetBytes) {
    /** Estimated octets per path (route) held. */
    public double bytesPerRoute() {
        return paths == 0 ? 0 : (double) total() / paths;
    }

    public long total() {
        return tableBytes + pathBytes + attributeSetBytes;
    }
}
