package io.ductwatch.gateway.uplink;

import java.net.InetAddress;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Checks that the broker's certificate names the broker's host as the site file gives it, whatever
 * address the connection went to (the uplink resolves names itself). RFC 6125 rules: the DNS names of
 * the subject alternative names, a wildcard only as the whole leftmost label; for an IP literal, the
 * IP addresses; the common name only when the certificate has no DNS names. Thread-safe.
 */
final class BrokerNameVerifier implements HostnameVerifier {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private final String host;

    BrokerNameVerifier(String host) {
        this.host = host.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean verify(String connectedTo, SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate cert && matches(cert);
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }

    boolean matches(X509Certificate cert) {
        boolean literal = isIpLiteral(host);
        boolean sawDns = false;
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    int type = (Integer) name.get(0);
                    String value = String.valueOf(name.get(1)).toLowerCase(Locale.ROOT);
                    if (type == SAN_DNS) {
                        sawDns = true;
                        if (!literal && dnsMatches(value)) {
                            return true;
                        }
                    } else if (type == SAN_IP && literal && sameAddress(value)) {
                        return true;
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        return !literal && !sawDns && dnsMatches(commonName(cert));
    }

    private boolean dnsMatches(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return false;
        }
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(pattern.substring(1));
        }
        return host.equals(pattern);
    }

    private boolean sameAddress(String value) {
        try {
            return InetAddress.getByName(value).equals(InetAddress.getByName(host));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean isIpLiteral(String name) {
        return name.contains(":") || name.matches("[0-9.]+");
    }

    private static String commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue()).toLowerCase(Locale.ROOT);
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }
}
