package dev.petrel.rib;

/** What happens when a peer sends more accepted prefixes of a family than its limit. */
public enum LimitAction {
    /** Log once each time the count crosses the limit; keep everything. */
    WARN,
    /** Keep the routes over the limit in Adj-RIB-In, marked ineligible, until the count drops. */
    REJECT,
    /** End the session with Cease/1 (Maximum Number of Prefixes Reached, RFC 4486) carrying AFI, SAFI and limit. */
    RESET
}
