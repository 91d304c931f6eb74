package io.ductwatch.gateway.local;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * A resource of the local API: reads checked against the site's read rule, writes against the write rule;
 * every refusal answered with its 4.xx and a reason, never an exception into Californium.
 */
abstract class ApiResource extends CoapResource {

    protected final CoapAccess access;

    ApiResource(String name, CoapAccess access) {
        super(name);
        this.access = access;
    }

    /** GET, once the read is allowed; only called when {@link #readable()}. */
    protected void get(CoapExchange exchange) throws CoapBodies.Refusal {
        throw new CoapBodies.Refusal(ResponseCode.METHOD_NOT_ALLOWED, getName() + " serves no GET");
    }

    /** POST, once the write is allowed, under the operator name to audit it as; only when {@link #writable()}. */
    protected void post(CoapExchange exchange, String operator) throws CoapBodies.Refusal {
        throw new CoapBodies.Refusal(ResponseCode.METHOD_NOT_ALLOWED, getName() + " serves no POST");
    }

    /** Whether this resource serves GET; the others answer it 4.05 before any access check. */
    protected boolean readable() {
        return true;
    }

    /** Whether this resource serves POST; the others answer it 4.05 before any access check. */
    protected boolean writable() {
        return false;
    }

    /** Answers 4.05 with the methods this resource does serve. */
    private void notAllowed(CoapExchange exchange) {
        String served = readable() && writable() ? "GET and POST" : readable() ? "GET" : writable() ? "POST" : "nothing";
        CoapBodies.refuse(exchange, new CoapBodies.Refusal(ResponseCode.METHOD_NOT_ALLOWED,
                exchange.getRequestCode() + " is not served by " + getURI() + "; it serves " + served));
    }

    @Override
    public void handlePUT(CoapExchange exchange) {
        notAllowed(exchange);
    }

    @Override
    public void handleDELETE(CoapExchange exchange) {
        notAllowed(exchange);
    }

    @Override
    public void handleFETCH(CoapExchange exchange) {
        notAllowed(exchange);
    }

    @Override
    public void handlePATCH(CoapExchange exchange) {
        notAllowed(exchange);
    }

    @Override
    public void handleIPATCH(CoapExchange exchange) {
        notAllowed(exchange);
    }

    @Override
    public final void handleGET(CoapExchange exchange) {
        if (!readable()) {
            notAllowed(exchange);
            return;
        }
        try {
            access.checkRead(exchange);
            CoapBodies.checkAccept(exchange);
            get(exchange);
        } catch (CoapBodies.Refusal refusal) {
            CoapBodies.refuse(exchange, refusal);
        }
    }

    @Override
    public final void handlePOST(CoapExchange exchange) {
        if (!writable()) {
            notAllowed(exchange);
            return;
        }
        try {
            String operator = access.checkWrite(exchange);
            CoapBodies.checkAccept(exchange);
            post(exchange, operator);
        } catch (CoapBodies.Refusal refusal) {
            CoapBodies.refuse(exchange, refusal);
        }
    }
}
