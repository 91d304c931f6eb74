package io.ductwatch.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The local CoAP API.
 *
 * @param bind       address both endpoints listen on
 * @param port       coap:// UDP port, 0 for a free one
 * @param securePort coaps:// UDP port, 0 for a free one
 * @param openReads  whether reads are allowed without DTLS
 * @param pskFile    PSK identities; without it there is no coaps:// endpoint
 */
public record CoapConfig(String bind, int port, int securePort, boolean openReads, Optional<Path> pskFile) {
}
