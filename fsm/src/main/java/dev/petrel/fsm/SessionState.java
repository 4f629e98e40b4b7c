package dev.petrel.fsm;

/** The six session states of RFC 4271 §8.2.2, named as the RFC names them. */
public enum SessionState {
    IDLE("Idle"),
    CONNECT("Connect"),
    ACTIVE("Active"),
    OPEN_SENT("OpenSent"),
    OPEN_CONFIRM("OpenConfirm"),
    ESTABLISHED("Established");

    private final String rfcName;

    SessionState(String rfcName) {
        this.rfcName = rfcName;
    }

    /** The name RFC 4271 uses, as BIRD, FRR and operators print it. */
    public String rfcName() {
        return rfcName;
    }

    @Override
    public String toString() {
        return rfcName;
    }
}
