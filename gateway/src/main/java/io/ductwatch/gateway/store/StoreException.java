package io.ductwatch.gateway.store;

/** The store cannot be opened or written: the file system refuses, or the disk is full. */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
