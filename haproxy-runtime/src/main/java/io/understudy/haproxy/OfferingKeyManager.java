package io.understudy.haproxy;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Our key manager, remembering per connection whether the server asked for a client certificate and whether ours
 * went out. A server that refuses a certificate closes the connection while our side still writes its handshake, so
 * the refusal often arrives as a broken pipe rather than HAProxy's alert; what was offered tells it from an outage.
 */
final class OfferingKeyManager extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager keys;
    private final Map<Socket, Offer> offers = Collections.synchronizedMap(new WeakHashMap<>());

    /** @param sent whether our certificate went out; the JDK sends none whose issuer the server did not name */
    record Offer(boolean sent, List<String> acceptedIssuers) {
    }

    OfferingKeyManager(X509ExtendedKeyManager keys) {
        this.keys = keys;
    }

    /** What happened on {@code socket}'s handshake, forgotten once asked; empty if the server asked for no certificate. */
    Optional<Offer> offer(Socket socket) {
        return Optional.ofNullable(offers.remove(socket));
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        String alias = keys.chooseClientAlias(keyType, issuers, socket);
        offers.put(socket, new Offer(alias != null, issuers == null ? List.of()
                : Arrays.stream(issuers).map(Principal::getName).toList()));
        return alias;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return keys.chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return keys.getClientAliases(keyType, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return keys.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return keys.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return keys.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return keys.getPrivateKey(alias);
    }
}
