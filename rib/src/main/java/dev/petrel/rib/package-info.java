/**
 * The routing tables: Adj-RIB-In (before and after import policy), the decision process, Loc-RIB and
 * Adj-RIB-Out with update groups.
 *
 * <p>Not built yet (issue "Routes"). This module will own one RIB thread that is the only writer of every
 * table, fed by a bounded queue of typed commands; the RFC 4271 §9.1.2.2 decision process as one comparator
 * that reports the step that decided; policy evaluation; attribute interning (it interns
 * {@code dev.petrel.wire.PathAttributes}, whose equality is over canonical bytes); route limits; and
 * graceful-restart stale handling. RFC 7606 treat-as-withdraw outcomes from {@code bgp-wire} are applied here.
 */
package dev.petrel.rib;
