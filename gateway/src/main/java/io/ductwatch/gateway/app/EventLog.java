package io.ductwatch.gateway.app;

import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmListener;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.AuditEntry;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every alarm event and audit entry to the log (the journal on a gateway). The lines are formatted and
 * written on a thread of their own ({@code ductwatch-log}, one for the JVM, in the order they came), never on
 * the alarm dispatcher's: formatting and a write to stderr would otherwise hold the core while the alarm's
 * publish waits for Paho's sender thread. The journal is a reader's record, not the gateway's: a line still
 * queued when the JVM dies is lost, the event is not (the store and the uplink have it).
 */
final class EventLog implements AlarmListener {

    private static final Logger LOG = LoggerFactory.getLogger("ductwatch.alarms");
    private static final ExecutorService WRITER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "ductwatch-log");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void onEvent(AlarmEvent e) {
        WRITER.execute(() -> write(e));
    }

    @Override
    public void onAudit(AuditEntry a) {
        WRITER.execute(() -> LOG.info("audit: {} {} {} by {}: {}", a.command(), a.target(),
                a.accepted() ? "done" : "refused", a.operator(), a.outcome()));
    }

    private static void write(AlarmEvent e) {
        String position = Double.isNaN(e.positionM()) ? "" : String.format(Locale.ROOT, " at %.1f m", e.positionM());
        String line = String.format(Locale.ROOT, "%s %s %s%s%s [%s] %s%s", e.event(), e.type(), e.alarmId(),
                e.zone().isEmpty() ? "" : " in " + e.zone(), position, String.join(",", e.sensors()), e.reason(),
                e.test() ? " (TEST)" : "");
        if (e.type() == AlarmType.FIRE || e.type() == AlarmType.PRE_ALARM) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
    }
}
