package io.ductwatch.gateway.sensor;

/** A bus read that returned fewer bytes than asked for. */
final class ShortReadException extends Exception {

    private static final long serialVersionUID = 1L;

    ShortReadException(int got, int wanted) {
        super("short read: " + got + " of " + wanted + " bytes");
    }
}
