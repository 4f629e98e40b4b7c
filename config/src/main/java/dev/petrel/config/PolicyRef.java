package dev.petrel.config;

import dev.petrel.rib.policy.Policy;
import java.util.Objects;

/**
 * The policy a peer's import or export goes through in one family: all routes, none, or a named policy of
 * {@code petrel.policies}, already resolved. Sealed, so that a switch must say what it does with each; or take
 * {@link #policy()}, which every kind has.
 */
public sealed interface PolicyRef {
    PolicyRef ALL = new All();
    PolicyRef NONE = new None();

    /** The policy to evaluate: {@link Policy#ALL}, {@link Policy#NONE} or the named one. */
    Policy policy();

    /** Every route passes, unchanged. */
    record All() implements PolicyRef {
        @Override
        public Policy policy() {
            return Policy.ALL;
        }

        @Override
        public String toString() {
            return "all";
        }
    }

    /** No route passes. */
    record None() implements PolicyRef {
        @Override
        public Policy policy() {
            return Policy.NONE;
        }

        @Override
        public String toString() {
            return "none";
        }
    }

    /** A policy of {@code petrel.policies}. */
    record Named(Policy policy) implements PolicyRef {
        public Named {
            Objects.requireNonNull(policy, "policy");
            if (Policy.isBuiltIn(policy.name())) {
                throw new IllegalArgumentException(policy.name() + " is built in: use ALL or NONE");
            }
        }

        public String name() {
            return policy.name();
        }

        @Override
        public String toString() {
            return policy.name();
        }
    }
}
