package io.ductwatch.gateway.modem;

import java.io.IOException;

/**
 * A serial line to a modem's AT port: bytes out, bytes in. Implemented with jSerialComm on a gateway
 * ({@link JSerialCommLine}) and by the simulator's emulated modem, so the AT dialogue is the same code on
 * both. Called by {@link CellularModem} one call at a time; {@link #write} may block for the line's write
 * timeout at most.
 */
public interface SerialLine {

    /** Opens the line; fails if the device is not there (a USB modem unplugged or re-enumerating). */
    void open(Listener listener) throws IOException;

    /** Sends bytes; fails if the device went away. */
    void write(byte[] bytes) throws IOException;

    /** Closes the line; harmless when closed. */
    void close();

    /** The device, for messages: {@code /dev/ttyUSB2}. */
    String name();

    /** Hears what the line does, on any thread. */
    interface Listener {

        /** Bytes arrived. */
        void received(byte[] bytes);

        /** The device went away (a USB reset or unplug). */
        void lost(String why);
    }
}
