package dev.petrel.daemon.admin;

import java.io.IOException;

/** A failure of the admin socket whose message is written for the operator and printed as it is. */
public final class AdminException extends IOException {
    public AdminException(String message) {
        super(message);
    }

    public AdminException(String message, Throwable cause) {
        super(message, cause);
    }
}
