package io.ductwatch.gateway.local;

import java.security.Principal;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;

/**
 * Who may do what on the local API: reads over coap:// only when the site opens them, writes only over
 * coaps:// from a PSK identity with the write role.
 */
final class CoapAccess {

    private final boolean openReads;
    private final Optional<PskFile> keys;

    CoapAccess(boolean openReads, Optional<PskFile> keys) {
        this.openReads = openReads;
        this.keys = keys;
    }

    /** The DTLS identity the request came with; empty over plain coap://. */
    static Optional<String> identity(CoapExchange exchange) {
        Principal peer = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
        return peer instanceof PreSharedKeyIdentity psk ? Optional.of(psk.getIdentity()) : Optional.empty();
    }

    void checkRead(CoapExchange exchange) throws CoapBodies.Refusal {
        if (!openReads && identity(exchange).isEmpty()) {
            throw new CoapBodies.Refusal(ResponseCode.UNAUTHORIZED, "reads on this gateway need coaps://");
        }
    }

    /** @return the operator name to audit the write under */
    String checkWrite(CoapExchange exchange) throws CoapBodies.Refusal {
        Optional<String> identity = identity(exchange);
        if (identity.isEmpty()) {
            throw new CoapBodies.Refusal(ResponseCode.UNAUTHORIZED, "writes need coaps:// with a write identity");
        }
        if (keys.map(k -> !k.mayWrite(identity.get())).orElse(true)) {
            throw new CoapBodies.Refusal(ResponseCode.FORBIDDEN, "identity '" + identity.get() + "' may only read");
        }
        return "coap:" + identity.get();
    }
}
