package io.ductwatch.gateway.app;

import io.ductwatch.gateway.core.AlarmEvent;
import io.ductwatch.gateway.core.AlarmListener;
import io.ductwatch.gateway.core.AlarmType;
import io.ductwatch.gateway.core.AuditEntry;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes every alarm event and audit entry to the log (the journal on a gateway). */
final class EventLog implements AlarmListener {

    private static final Logger LOG = LoggerFactory.getLogger("ductwatch.alarms");

    @Override
    public void onEvent(AlarmEvent e) {
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

    @Override
    public void onAudit(AuditEntry a) {
        LOG.info("audit: {} {} {} by {}: {}", a.command(), a.target(), a.accepted() ? "done" : "refused",
                a.operator(), a.outcome());
    }
}
