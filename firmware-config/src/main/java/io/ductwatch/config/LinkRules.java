package io.ductwatch.config;

import io.ductwatch.config.yaml.Located;
import io.ductwatch.config.yaml.Located.Mapping;
import io.ductwatch.config.yaml.ProblemSink;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of a site file's links to the outside that its schema cannot say: the uplink (ports, TLS with
 * ssl:// brokers, operators once each), the CoAP ports, the fallback modem's recipients, the Sparkplug
 * node (its operator listed, a client id of its own). Part of {@link SiteRules}.
 */
final class LinkRules {

    private final ProblemSink sink;

    private LinkRules(ProblemSink sink) {
        this.sink = sink;
    }

    static void check(Mapping root, ProblemSink sink) {
        LinkRules rules = new LinkRules(sink);
        root.mapping("uplink").ifPresent(rules::uplink);
        root.mapping("coap").ifPresent(rules::coap);
        root.mapping("fallback").ifPresent(rules::fallback);
        root.mapping("sparkplug").ifPresent(sparkplug -> rules.sparkplug(sparkplug, root.mapping("uplink")));
    }

    /**
     * A DCMD acts as a listed operator; the Sparkplug connection needs a client id of its own (a broker
     * drops the older of two connections with one id, and each connection has its own will).
     */
    private void sparkplug(Mapping sparkplug, Optional<Mapping> uplink) {
        sparkplug.text("operator").ifPresent(operator -> {
            boolean listed = uplink.flatMap(u -> u.sequence("operators")).map(Located.Sequence::mappings)
                    .orElse(List.of()).stream().anyMatch(o -> o.text("id").filter(operator::equals).isPresent());
            if (!listed) {
                error(sparkplug, "operator", "operator '" + operator + "' is not in uplink.operators");
            }
        });
        sparkplug.text("clientId").ifPresent(clientId -> {
            if (uplink.flatMap(u -> u.text("clientId")).filter(clientId::equals).isPresent()) {
                error(sparkplug, "clientId", "'" + clientId + "' is uplink.clientId; the Sparkplug connection"
                        + " needs its own");
            }
        });
    }

    /** Each recipient once: a number listed twice would get every SMS twice and halve its hourly budget. */
    private void fallback(Mapping fallback) {
        List<Mapping> recipients = fallback.sequence("recipients").map(Located.Sequence::mappings).orElse(List.of());
        uniqueIds(recipients, "recipient");
        Map<String, Mapping> numbers = new HashMap<>();
        for (Mapping recipient : recipients) {
            recipient.text("number").ifPresent(number -> {
                Mapping first = numbers.putIfAbsent(number, recipient);
                if (first != null) {
                    error(recipient, "number", "number " + number + " is already recipient '"
                            + first.text("id").orElse("?") + "' (line " + first.at("number").line() + ")");
                }
            });
        }
    }

    private void uniqueIds(List<Mapping> items, String what) {
        Map<String, Mapping> seen = new HashMap<>();
        for (Mapping item : items) {
            item.text("id").ifPresent(id -> {
                Mapping first = seen.putIfAbsent(id, item);
                if (first != null) {
                    error(item, "id", "duplicate " + what + " id '" + id + "' (first at line "
                            + first.at("id").line() + ")");
                }
            });
        }
    }

    private void uplink(Mapping uplink) {
        List<Located> brokers = uplink.sequence("brokers").map(Located.Sequence::items).orElse(List.of());
        boolean anySsl = false;
        for (Located broker : brokers) {
            String url = (String) ((Located.Scalar) broker).value();
            anySsl |= url.startsWith("ssl://");
            int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
            if (port < 1 || port > 65_535) {
                sink.add(broker, "port " + port + " is out of range (1 to 65535)");
            }
        }
        if (anySsl && !uplink.isWritten("tls")) {
            error(uplink, "brokers", "an ssl:// broker needs uplink.tls (caFile at least)");
        }
        uplink.mapping("tls").ifPresent(tls -> {
            if (!brokers.isEmpty() && brokers.stream().noneMatch(
                    b -> ((String) ((Located.Scalar) b).value()).startsWith("ssl://"))) {
                sink.add(tls.at(), tls.path(), "TLS is set but every broker URL is tcp://; use ssl://");
            }
            if (tls.isWritten("certFile") != tls.isWritten("keyFile")) {
                error(tls, tls.isWritten("certFile") ? "certFile" : "keyFile", "certFile and keyFile go together");
            }
        });
        uniqueIds(uplink.sequence("operators").map(Located.Sequence::mappings).orElse(List.of()), "operator");
    }

    private void coap(Mapping coap) {
        Optional<Long> port = coap.integer("port");
        Optional<Long> secure = coap.integer("securePort");
        if (port.isPresent() && secure.isPresent() && port.get() != 0 && port.get().equals(secure.get())) {
            error(coap, "securePort", "equals port " + port.get() + "; coap:// and coaps:// need their own ports");
        }
    }

    private void error(Mapping where, String key, String message) {
        SiteRules.error(sink, where, key, message);
    }
}
