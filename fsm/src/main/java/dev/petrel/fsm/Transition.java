package dev.petrel.fsm;

import java.util.List;

/**
 * The result of one step: the next state, the actions to perform in order, and why, for the one log line each
 * state change gets.
 */
public record Transition(FsmState next, List<FsmAction> actions, String reason) {
    public Transition {
        actions = List.copyOf(actions);
    }

    /** Whether the RFC state changes (a timer restart within a state is not a state change). */
    public boolean changes(FsmState before) {
        return before.state() != next.state();
    }
}
