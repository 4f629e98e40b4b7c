/**
 * Route reflection (RFC 4456) and dynamic neighbours.
 *
 * <p>Not built yet (issue "Route reflector"). This module will plug into the RIB rather than be a second RIB:
 * the client/non-client reflection matrix, ORIGINATOR_ID and CLUSTER_LIST handling and loop checks as
 * eligibility rules and export transforms, the RFC 4456 tie-breakers, and listen ranges that accept sessions
 * from a CIDR with a peer template.
 */
package dev.petrel.rr;
