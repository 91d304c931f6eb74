package io.ductwatch.gateway.modem;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortDataListener;
import com.fazecast.jSerialComm.SerialPortEvent;
import java.io.IOException;

/**
 * A modem's AT port through jSerialComm: 8N1 at the configured speed, no flow control; bytes arrive on
 * jSerialComm's event thread, a vanished device (USB reset) is reported as {@linkplain Listener#lost lost};
 * writes wait at most {@link #WRITE_TIMEOUT_MS}.
 */
public final class JSerialCommLine implements SerialLine {

    static final int WRITE_TIMEOUT_MS = 1000;

    private final String device;
    private final int baud;
    private SerialPort port;

    public JSerialCommLine(String device, int baud) {
        this.device = device;
        this.baud = baud;
    }

    @Override
    public synchronized void open(Listener listener) throws IOException {
        close();
        SerialPort candidate;
        try {
            candidate = SerialPort.getCommPort(device);
        } catch (RuntimeException e) {
            throw new IOException(device + ": " + e.getMessage(), e);
        } catch (LinkageError e) {
            // jSerialComm unpacks a native library into java.io.tmpdir (or ~/.jSerialComm) and loads it from there.
            throw new IOException("jSerialComm's native library cannot be loaded (" + e.getMessage()
                    + "); is java.io.tmpdir writable and not mounted noexec?", e);
        }
        candidate.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        candidate.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        candidate.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING, 0, WRITE_TIMEOUT_MS);
        if (!candidate.openPort()) {
            throw new IOException(device + " cannot be opened (error " + candidate.getLastErrorCode()
                    + "; is the modem plugged in, and is the service user in the dialout group?)");
        }
        candidate.addDataListener(new SerialPortDataListener() {
            @Override
            public int getListeningEvents() {
                return SerialPort.LISTENING_EVENT_DATA_RECEIVED | SerialPort.LISTENING_EVENT_PORT_DISCONNECTED;
            }

            @Override
            public void serialEvent(SerialPortEvent event) {
                if (event.getEventType() == SerialPort.LISTENING_EVENT_PORT_DISCONNECTED) {
                    listener.lost(device + " disconnected");
                } else if (event.getReceivedData() != null) {
                    listener.received(event.getReceivedData());
                }
            }
        });
        port = candidate;
    }

    @Override
    public synchronized void write(byte[] bytes) throws IOException {
        if (port == null) {
            throw new IOException(device + " is not open");
        }
        int written = port.writeBytes(bytes, bytes.length);
        if (written != bytes.length) {
            throw new IOException(device + ": wrote " + Math.max(0, written) + " of " + bytes.length + " bytes (error "
                    + port.getLastErrorCode() + ")");
        }
    }

    @Override
    public synchronized void close() {
        if (port != null) {
            port.removeDataListener();
            port.closePort();
            port = null;
        }
    }

    @Override
    public String name() {
        return device;
    }
}
